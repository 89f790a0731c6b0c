// Mark (§2.1): what the pass leaves behind. The outcome (phase, pendingVersion, the conditions it
// implies), the new status, the Events for conditions that turned bad, and the next wake time.
import {
  Annotations,
  RolloutConditions as C,
  type RolloutPhase,
  type RolloutStatus,
} from '../../model/index.js';
import { HEALTH_SAFETY_NET_MS } from '../bake.js';
import { candidates } from '../candidates.js';
import { removeCondition } from '../conditions.js';
import { blindKustomizations, coverageCondition } from '../coverage.js';
import { jsonEqual } from '../equal.js';
import { problemEvents } from '../events.js';
import { gatesSummaryText } from '../gates.js';
import { deploymentBlocked, gatesPassing, phaseOf, ready, type Outcome } from '../outcome.js';
import type { Plan } from '../plan.js';
import { ACTIVE, withCondition, withEvents, wokenAt, type PassContext, type PassState } from './pass.js';

/** While a version waits for gates, re-decide at least this often (spec §3.4). */
export const GATE_SAFETY_NET_MS = 10_000;

/** What the status reports of the outcome, and the wake time depends on. */
interface Marked {
  phase: RolloutPhase;
  pendingVersion: string | undefined;
}

export function mark(ctx: PassContext, state: PassState): Plan {
  const outcome = outcomeOf(ctx, state);
  const phase = phaseOf(outcome);
  const marked = markConditions(ctx, state, outcome);
  const summary = { phase, pendingVersion: outcome.pendingVersion };
  const status = statusOf(ctx, marked, summary);
  const { wakeAt } = wake(ctx, marked, summary);
  const ann = ctx.annotations;
  return {
    ...(jsonEqual(ctx.old, status) ? {} : { status }),
    patches: marked.patches,
    healthCheckStatuses: [...marked.healthCheckWrites.values()],
    clearAnnotations: marked.clearAnnotations.filter((k) => ann[k] !== undefined),
    events: marked.events,
    ...(wakeAt !== undefined ? { wakeAt: new Date(wakeAt) } : {}),
  };
}

/** The pass deployed what it decided to (no deploy problem). */
const deployed = (state: PassState): boolean =>
  state.deployment !== undefined && state.deployProblem === undefined;

/** The version still to work towards after this pass; none while a pin stands. */
function pendingVersionOf(ctx: PassContext, state: PassState): string | undefined {
  const automatic = ctx.pin === undefined ? state.target.tag : undefined;
  return deployed(state) ? automatic : (state.manualPending ?? automatic);
}

function outcomeOf(ctx: PassContext, state: PassState): Outcome {
  const h0 = state.history[0];
  const pendingVersion = pendingVersionOf(ctx, state);
  const { target, gateSet } = state;
  const newestAfterCurrent = candidates(state.availableReleases, h0?.version.tag)[0]?.tag;
  const isRejected = newestAfterCurrent !== undefined && state.rejectedVersions.includes(newestAfterCurrent);
  // Health as the pass leaves it: a deploy resets every check (§10.2), so a sick check before a
  // manual deploy is Pending after it until its provider speaks again.
  const unhealthyNow = state.healthChecks.filter((hc) => hc.status?.status === 'Unhealthy');
  return {
    invalid: ctx.invalid,
    specProblems: ctx.settings.problems,
    ...(h0 ? { history0: h0 } : {}),
    ...(pendingVersion !== undefined ? { pendingVersion } : {}),
    ...(state.manualPending !== undefined ? { manualPending: state.manualPending } : {}),
    ...(ctx.pin !== undefined ? { pin: ctx.pin } : {}),
    ...(state.deployProblem ? { deployProblem: state.deployProblem } : {}),
    ...(state.policyMissing ? { policyMissing: state.policyMissing } : {}),
    releasesKnown: state.availableReleases.length > 0,
    gatesOpen: gatesOpen(state),
    ...(target.bypassed && pendingVersion === target.tag ? { bypassed: target.tag } : {}),
    ...(target.excludedBy && pendingVersion === target.tag ? { excludedBy: target.excludedBy } : {}),
    scheduleProblems: gateSet.problems,
    ...(isRejected ? { rejectedVersion: newestAfterCurrent } : {}),
    unblocked: ctx.annotations[Annotations.unblockFailed] === 'true',
    unhealthy: unhealthyNow,
    manual: isManual(ctx, state, unhealthyNow.length),
    namespace: ctx.namespace,
    ...(ctx.accessProblem ? { accessProblem: ctx.accessProblem } : {}),
  };
}

const gatesOpen = (state: PassState): boolean =>
  state.gateSet.summaries.every((s) => s.decision === 'Approved');

/**
 * Manual while a pin or an unconsumed force-deploy stands, and while history[0] is a manual deploy
 * (only those are credited to a User or a FieldManager) that bakes or meets no unhealthy check: in
 * the pass that force-deploys onto an incident too, and afterwards until an unhealthy environment
 * really blocks.
 */
function isManual(ctx: PassContext, state: PassState, unhealthyNow: number): boolean {
  const h0 = state.history[0];
  const kind = h0?.triggeredBy?.kind;
  return (
    ctx.pin !== undefined ||
    (state.forceTag !== undefined && !state.clearAnnotations.includes(Annotations.forceDeploy)) ||
    ((kind === 'User' || kind === 'FieldManager') && (ACTIVE.has(h0?.bakeStatus ?? '') || unhealthyNow === 0))
  );
}

/** WorkloadHealthCovered, DeploymentBlocked, GatesPassing and Ready, and Events for new problems. */
function markConditions(ctx: PassContext, state: PassState, outcome: Outcome): PassState {
  const coverage = coverageCondition(blindKustomizations(state.healthChecks, ctx.observed.kustomizations));
  let next = coverage
    ? withCondition(ctx, state, C.WorkloadHealthCovered, coverage)
    : { ...state, conditions: removeCondition(state.conditions, C.WorkloadHealthCovered) };
  if (!ctx.invalid) {
    next = withCondition(ctx, next, C.DeploymentBlocked, deploymentBlocked(outcome));
    next = withCondition(ctx, next, C.GatesPassing, gatesPassing(outcome));
  }
  next = withCondition(ctx, next, C.Ready, ready(outcome));
  return withEvents(next, ...problemEvents(ctx.old.conditions ?? [], next.conditions));
}

/** The observed status with every field the engine owns recomputed (absent ones removed). */
function statusOf(ctx: PassContext, state: PassState, marked: Marked): RolloutStatus {
  const status: RolloutStatus & Record<string, unknown> = { ...(ctx.old as Record<string, unknown>) };
  const put = (key: string, value: unknown): void => {
    if (value === undefined) delete status[key];
    else status[key] = value;
  };
  const { gateSet } = state;
  put('currentVersion', state.history[0]?.version.tag);
  put('pendingVersion', marked.pendingVersion);
  put('phase', marked.phase);
  put('history', state.history);
  put('availableReleases', state.availableReleases);
  put('releaseCandidates', state.releaseCandidates);
  put('gates', gateSet.summaries);
  put('gatesSummary', gatesSummaryText(gateSet.summaries));
  put('rejectedVersions', state.rejectedVersions.length > 0 ? state.rejectedVersions : undefined);
  put('conditions', state.conditions);
  put('observedGeneration', ctx.rollout.metadata.generation);
  return status;
}

/**
 * The next instant to decide again: what the phases asked for, the next schedule change, the safety
 * nets while waiting for gates or blocked by health, and right away after a deploy that left a
 * deployable candidate behind. Never in the past.
 */
function wake(ctx: PassContext, state: PassState, marked: Marked): PassState {
  const { nowMs } = ctx;
  let next = state;
  if (!ctx.invalid) {
    next = wokenAt(next, state.gateSet.nextChange?.getTime());
    if (marked.phase === 'WaitingForGates') next = wokenAt(next, nowMs + GATE_SAFETY_NET_MS);
    if (marked.phase === 'Blocked' && state.unhealthy.length > 0)
      next = wokenAt(next, nowMs + HEALTH_SAFETY_NET_MS);
  }
  if (
    deployed(state) &&
    marked.pendingVersion !== undefined &&
    gatesOpen(state) &&
    state.unhealthy.length === 0 &&
    ctx.accessProblem === undefined &&
    !ACTIVE.has(state.history[0]?.bakeStatus ?? '')
  ) {
    next = wokenAt(next, nowMs + 1000);
  }
  if (next.wakeAt !== undefined && next.wakeAt <= nowMs) return { ...next, wakeAt: nowMs + 1000 };
  return next;
}
