// decide(observed, now) → plan: the whole lifecycle of spec §3–§5 as one pure function.
// The status is recomputed from the observed state each time; events come from what changed.
// One pass runs the phases in phases/ in order, threading one state value (docs/engine.md).
import { RolloutConditions as C, type Rollout } from '../model/index.js';
import { getCondition, setCondition } from './conditions.js';
import { SYSTEM_ACTOR } from './history.js';
import type { Observed, Plan } from './plan.js';
import { adopt, resume } from './phases/adopt.js';
import { initialState, readContext } from './phases/context.js';
import { deploy } from './phases/deploy.js';
import { discover } from './phases/discover.js';
import { gate, narrowCandidates } from './phases/gates.js';
import { GATE_SAFETY_NET_MS, mark } from './phases/mark.js';
import type { Phase } from './phases/pass.js';
import { manualRequests } from './phases/requests.js';
import { retry } from './phases/retry.js';
import { verifyObserved } from './phases/verify.js';
import { formatRfc3339 } from './time.js';

export { GATE_SAFETY_NET_MS, SYSTEM_ACTOR };

/**
 * The phases of one pass, in order. Each reads the context and the state the previous ones left:
 * retry before resume and verify (a retried entry is Deploying again), verify before the requests
 * and gates (unhealthy checks hold an automatic deploy), gates before deploy (which version).
 */
export const PHASES: readonly Phase[] = [
  discover,
  adopt,
  retry,
  resume,
  verifyObserved,
  narrowCandidates,
  manualRequests,
  gate,
  deploy,
];

/**
 * The plan for one rollout at `now`. Pure and total: bad input becomes conditions and events,
 * and even an unforeseen failure comes back as a Ready=False condition instead of an exception.
 */
export function decide(observed: Observed, now: Date): Plan {
  try {
    const rollout = observed.rollout;
    const spec = rollout.spec && typeof rollout.spec === 'object' ? rollout.spec : ({} as Rollout['spec']);
    return decideChecked({ ...observed, rollout: { ...rollout, spec } }, now);
  } catch (error) {
    return internalError(observed, now, error);
  }
}

function internalError(observed: Observed, now: Date, error: unknown): Plan {
  const empty: Plan = { patches: [], healthCheckStatuses: [], clearAnnotations: [], events: [] };
  const old = observed.rollout?.status ?? {};
  const message = `The engine could not decide this rollout: ${error instanceof Error ? error.message : String(error)}`;
  // The status may be what broke the pass: read only well-formed conditions, or this throws too.
  const kept = Array.isArray(old.conditions) ? old.conditions.filter((c) => c && typeof c === 'object') : [];
  const before = getCondition(kept, C.Ready);
  if (before && before.status === 'False' && before.reason === 'InternalError' && before.message === message)
    return empty;
  const conditions = setCondition(
    kept,
    C.Ready,
    { status: 'False', reason: 'InternalError', message },
    formatRfc3339(now),
  );
  return {
    ...empty,
    status: { ...old, conditions },
    events: [{ type: 'Warning', reason: 'InternalError', message }],
  };
}

function decideChecked(observed: Observed, now: Date): Plan {
  const ctx = readContext(observed, now);
  return mark(
    ctx,
    PHASES.reduce((state, phase) => phase(ctx, state), initialState(ctx)),
  );
}
