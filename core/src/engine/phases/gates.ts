// Gates (§3.3, §3.4, §10.1): which candidates remain, the version to work towards, what its
// RolloutGates and schedules decide, and whether the pass deploys it automatically.
import { Annotations } from '../../model/index.js';
import { chooseTarget } from '../allowed.js';
import { bypassSummaries } from '../bypass.js';
import { candidates, failedVersions } from '../candidates.js';
import { decideGates } from '../gates.js';
import { ACTIVE, withEvents, type PassContext, type PassState } from './pass.js';

/** Versions that are never candidates: rejected by a gate, or failed to bake. */
export const excluded = (state: PassState): Set<string> =>
  new Set([...state.rejectedVersions, ...failedVersions(state.history)]);

/**
 * Rejections stand until a gate approves the version again and none denies it; the candidates are
 * the releases after history[0] that are neither rejected nor failed.
 */
export function narrowCandidates(ctx: PassContext, state: PassState): PassState {
  const gates = ctx.rolloutGates;
  const rejectedVersions = (ctx.old.rejectedVersions ?? []).filter(
    (v) =>
      !(
        gates.some((g) => (g.spec.allowedVersions ?? []).includes(v)) &&
        !gates.some((g) => (g.spec.deniedVersions ?? []).includes(v))
      ),
  );
  const narrowed = { ...state, rejectedVersions };
  return {
    ...narrowed,
    releaseCandidates: candidates(state.availableReleases, state.history[0]?.version.tag, excluded(narrowed)),
  };
}

/**
 * The target among the candidates, and the gates decided for the version the pass works towards: a
 * pin or force-deploy when one stands, else the target once every denied candidate is rejected.
 * With every gate open and nothing holding it, the target becomes the automatic deployment.
 */
export function gate(ctx: PassContext, state: PassState): PassState {
  const chosen = {
    ...state,
    target: chooseTarget(state.releaseCandidates, ctx.rolloutGates, state.bypassTag),
  };
  if (ctx.invalid) return chosen;
  const { pin } = ctx;
  const gated = {
    ...chosen,
    gateSet: decideGates(
      ctx.observed,
      chosen.manualPending ?? (pin === undefined ? chosen.target.tag : undefined),
      ctx.now,
      ctx.schedules,
    ),
  };
  if (pin !== undefined || gated.forceTag !== undefined) return gated;
  return automaticDeployment(ctx, rejectDenied(ctx, gated, gated.history[0]?.version.tag));
}

function automaticDeployment(ctx: PassContext, state: PassState): PassState {
  const { target } = state;
  const h0 = state.history[0];
  const gatesOpen = state.gateSet.summaries.every((s) => s.decision === 'Approved');
  const blockedByFailure =
    h0?.bakeStatus === 'Failed' && ctx.annotations[Annotations.unblockFailed] !== 'true';
  if (
    !target.tag ||
    ACTIVE.has(h0?.bakeStatus ?? '') ||
    blockedByFailure ||
    !gatesOpen ||
    state.unhealthy.length > 0 ||
    ctx.accessProblem !== undefined
  ) {
    return state;
  }
  return {
    ...state,
    deployment: {
      tag: target.tag,
      manual: false,
      force: false,
      pin: false,
      ...(target.bypassed ? { bypass: true } : {}),
      skipped: target.skipped,
    },
  };
}

/**
 * Decide gates for the newest candidate; a denied one is rejected (with an Event) and the next one
 * looked at. Then choose the target among the rest and decide its gates. `current`: the version
 * the candidates come after.
 */
export function rejectDenied(ctx: PassContext, state: PassState, current: string | undefined): PassState {
  let next = state;
  for (;;) {
    const pending = next.releaseCandidates[0]?.tag;
    const deniers =
      pending === undefined || pending === next.bypassTag
        ? []
        : decideGates(ctx.observed, pending, ctx.now, ctx.schedules).summaries.filter(
            (s) => s.decision === 'Denied',
          );
    if (!pending || deniers.length === 0) return retarget(ctx, next);
    const rejected = withEvents(
      { ...next, rejectedVersions: [...next.rejectedVersions, pending] },
      {
        type: 'Warning',
        reason: 'Rejected',
        message: `${pending} was rejected by ${deniers.map((d) => d.name).join(', ')}`,
      },
    );
    next = {
      ...rejected,
      releaseCandidates: candidates(rejected.availableReleases, current, excluded(rejected)),
    };
  }
}

/** The target among the current candidates and its gates (bypassed gates shown as such). */
function retarget(ctx: PassContext, state: PassState): PassState {
  const target = chooseTarget(state.releaseCandidates, ctx.rolloutGates, state.bypassTag);
  const set = decideGates(ctx.observed, target.tag, ctx.now, ctx.schedules);
  const gateSet =
    target.bypassed && target.tag ? { ...set, summaries: bypassSummaries(set.summaries, target.tag) } : set;
  return { ...state, target, gateSet };
}
