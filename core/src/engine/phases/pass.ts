// One decide pass as values. PassContext is what the pass reads and never changes; PassState is
// what the phases build up. decide() threads one PassState through the phases in order, and each
// phase returns a new one instead of changing it (docs/engine.md).
import type {
  Condition,
  DeploymentHistoryEntry,
  HealthCheck,
  OCIRepository,
  Rollout,
  RolloutGate,
  RolloutStatus,
  VersionInfo,
} from '../../model/index.js';
import type { AccessProblem } from '../access.js';
import type { Target } from '../allowed.js';
import { setCondition, type ConditionValue } from '../conditions.js';
import type { SubstituteTargets } from '../deploy.js';
import type { GateSet } from '../gates.js';
import type { Deployment } from '../history.js';
import type { EventRecord, HealthCheckStatusWrite, Observed, ObjectPatch } from '../plan.js';
import type { RolloutSettings } from '../spec.js';

/** Bake states in which history[0] is still being deployed or baked. */
export const ACTIVE = new Set(['Deploying', 'InProgress']);
/** A history[0] in these states must be running: its deploy patch is re-applied if it did not land. */
export const RESUMABLE = new Set(['Deploying', 'InProgress', 'Succeeded']);

export interface PassContext {
  observed: Observed;
  now: Date;
  nowMs: number;
  /** `now` as the RFC 3339 text written into conditions and history. */
  nowText: string;
  rollout: Rollout;
  namespace: string;
  /** The status as observed: the base every field of the new one starts from. */
  old: RolloutStatus;
  annotations: Record<string, string>;
  settings: RolloutSettings;
  /** The spec has problems (InvalidSpec): nothing is deployed, baked or gated. */
  invalid: boolean;
  unreadable: AccessProblem[];
  /** Why automatic deploys are held (§10.6), when the driver could not read something. */
  accessProblem?: string;
  /** The Kustomizations whose substitution the rollout drives. */
  targets: SubstituteTargets;
  /** The OCIRepositories whose tag the rollout drives. */
  oci: OCIRepository[];
  /** The RolloutGates that name this rollout. */
  rolloutGates: RolloutGate[];
  /** RolloutSchedules and ClusterRolloutSchedules that apply, decided at `now`. */
  schedules: GateSet;
  /** spec.wantedVersion. */
  pin?: string;
}

export interface PassState {
  conditions: Condition[];
  events: EventRecord[];
  /** Annotation keys to remove, in the order decided (a key may be named by several phases). */
  clearAnnotations: string[];
  /** HealthCheck statuses to write, by namespace/name: a later refresh replaces an earlier one. */
  healthCheckWrites: ReadonlyMap<string, HealthCheckStatusWrite>;
  patches: ObjectPatch[];
  /** Epoch ms: the earliest instant a phase asked to be woken at. */
  wakeAt?: number;
  availableReleases: VersionInfo[];
  /** The ImagePolicy is missing: the message Ready and ReleasesUpdated carry. */
  policyMissing?: string;
  history: DeploymentHistoryEntry[];
  /** The selected HealthChecks as this pass leaves them (refreshed, reset at a deploy). */
  healthChecks: HealthCheck[];
  /** Unhealthy checks before any deploy of this pass: what holds an automatic deploy. */
  unhealthy: HealthCheck[];
  rejectedVersions: string[];
  releaseCandidates: VersionInfo[];
  /** The force-deploy request still standing (not consumed, not refused). */
  forceTag?: string;
  /** The bypass-gates request still standing. */
  bypassTag?: string;
  /** The version to work towards and why. */
  target: Target;
  gateSet: GateSet;
  /** The deploy this pass decided on, manual or automatic. */
  deployment?: Deployment;
  /** A pin or force-deploy that is decided but not yet deployed. */
  manualPending?: string;
  /** Why the decided deployment could not be carried out (no targets, bad targets). */
  deployProblem?: string;
}

export type Phase = (ctx: PassContext, state: PassState) => PassState;

export function withCondition(
  ctx: PassContext,
  state: PassState,
  type: string,
  value: ConditionValue,
): PassState {
  return { ...state, conditions: setCondition(state.conditions, type, value, ctx.nowText) };
}

export function withEvents(state: PassState, ...events: EventRecord[]): PassState {
  return events.length === 0 ? state : { ...state, events: [...state.events, ...events] };
}

export function withCleared(state: PassState, keys: readonly string[]): PassState {
  const added = keys.filter((k, i) => !state.clearAnnotations.includes(k) && keys.indexOf(k) === i);
  return added.length === 0 ? state : { ...state, clearAnnotations: [...state.clearAnnotations, ...added] };
}

/** `state` woken at `t` too: the earliest instant wins. */
export function wokenAt(state: PassState, t: number | undefined): PassState {
  if (t === undefined || (state.wakeAt !== undefined && state.wakeAt <= t)) return state;
  return { ...state, wakeAt: t };
}

/** history with its first entry replaced. */
export function withHistory0(state: PassState, entry: DeploymentHistoryEntry): PassState {
  return { ...state, history: [entry, ...state.history.slice(1)] };
}

/** Keys of the Kustomizations a patch list touches (OCIRepositories may share their names). */
export function kustomizationKeys(patches: ObjectPatch[]): Set<string> {
  return new Set(
    patches
      .filter((p) => p.target.kind === 'Kustomization')
      .map((p) => `${p.target.namespace ?? ''}/${p.target.name}`),
  );
}
