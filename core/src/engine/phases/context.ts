// What a pass reads once, before any phase: the spec's settings, the deploy targets, the gates and
// schedules that apply, and the state the phases start from (the observed status).
import type { RolloutStatus } from '../../model/index.js';
import { accessMessage } from '../access.js';
import { dedupeReleases } from '../discovery.js';
import { substituteTargets } from '../deploy.js';
import { decideSchedules, rolloutGatesOf } from '../gates.js';
import { selectHealthChecks } from '../health.js';
import { ociTargets } from '../oci.js';
import type { Observed } from '../plan.js';
import { readSettings } from '../spec.js';
import { formatRfc3339 } from '../time.js';
import type { PassContext, PassState } from './pass.js';

export function readContext(observed: Observed, now: Date): PassContext {
  const rollout = observed.rollout;
  const namespace = rollout.metadata.namespace ?? 'default';
  const settings = readSettings(rollout);
  const unreadable = observed.unreadable ?? [];
  const accessProblem = accessMessage(unreadable);
  const pin = settings.wantedVersion;
  return {
    observed,
    now,
    nowMs: now.getTime(),
    nowText: formatRfc3339(now),
    rollout,
    namespace,
    old: rollout.status ?? {},
    annotations: rollout.metadata.annotations ?? {},
    settings,
    invalid: settings.problems.length > 0,
    unreadable,
    ...(accessProblem !== undefined ? { accessProblem } : {}),
    targets: substituteTargets(rollout, observed.kustomizations),
    oci: ociTargets(rollout, observed.ociRepositories),
    rolloutGates: rolloutGatesOf(observed),
    schedules: decideSchedules(observed, now),
    ...(pin !== undefined ? { pin } : {}),
  };
}

/** The state before any phase: the observed status, nothing decided yet. */
export function initialState(ctx: PassContext): PassState {
  const old: RolloutStatus = ctx.old;
  return {
    conditions: [...(old.conditions ?? [])],
    events: [],
    clearAnnotations: [],
    healthCheckWrites: new Map(),
    patches: [],
    availableReleases: dedupeReleases(old.availableReleases ?? []),
    history: [...(old.history ?? [])].filter((e) => e && e.version),
    healthChecks: selectHealthChecks(ctx.rollout, ctx.observed.healthChecks, ctx.observed.namespaces)
      .healthChecks,
    unhealthy: [],
    rejectedVersions: [],
    releaseCandidates: [],
    target: { skipped: [], bypassed: false },
    gateSet: { summaries: [], problems: [] },
  };
}
