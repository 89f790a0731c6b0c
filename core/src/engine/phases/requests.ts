// Manual requests that choose a version (§4, §10.4, §10.9, §10.10): force-deploy, the pin
// (spec.wantedVersion), unblock-failed and bypass-gates. Each is refused, found already carried
// out (consumed), or stands; a standing pin or force-deploy becomes this pass's deployment.
import { Annotations, type DeploymentHistoryEntry } from '../../model/index.js';
import { readBypass } from '../bypass.js';
import { noTargetMessage } from '../deploy.js';
import { UNBLOCKED_SUFFIX } from '../history.js';
import { ADOPTED } from '../outcome.js';
import { forceDeployRefusal } from '../requests.js';
import { refused } from './manual-request.js';
import { RESUMABLE, withCleared, type PassContext, type PassState } from './pass.js';

export function manualRequests(ctx: PassContext, state: PassState): PassState {
  return manualDeployment(ctx, bypass(ctx, unblock(ctx, forceDeploy(ctx, state))));
}

/** history[0] is running (or about to) and was not adopted: a request it records is carried out. */
const recorded = (h0: DeploymentHistoryEntry | undefined): h0 is DeploymentHistoryEntry =>
  !!h0 && RESUMABLE.has(h0.bakeStatus ?? '');

/** The force-deploy request that stands after this pass's checks, as state.forceTag. */
function forceDeploy(ctx: PassContext, state: PassState): PassState {
  const tag = ctx.annotations[Annotations.forceDeploy] || undefined;
  if (tag === undefined) return state;
  const h0 = state.history[0];
  // history[0] already records it: the status was written, the annotation removal was not (a
  // failed write, a crash). It is consumed; deploying it again would record it twice.
  if (
    !ctx.invalid &&
    ctx.pin === undefined &&
    recorded(h0) &&
    h0.version.tag === tag &&
    h0.triggeredBy?.kind !== 'System' &&
    h0.message !== ADOPTED
  ) {
    return withCleared(state, [Annotations.forceDeploy, Annotations.deployMessage, Annotations.deployUser]);
  }
  const { targets } = ctx;
  const refusal = forceDeployRefusal(tag, {
    specProblems: ctx.settings.problems,
    ...(ctx.pin !== undefined ? { pin: ctx.pin } : {}),
    known: state.availableReleases.map((v) => v.tag),
    ...(targets.problems.length > 0
      ? { targetProblem: targets.problems.join('; ') }
      : targets.targets.length === 0
        ? { targetProblem: noTargetMessage(ctx.rollout) }
        : {}),
  });
  return refusal ? refused(ctx, state, refusal) : { ...state, forceTag: tag };
}

/** An unblock-failed that history[0]'s automatic deploy already used is consumed. */
function unblock(ctx: PassContext, state: PassState): PassState {
  const h0 = state.history[0];
  const used =
    !ctx.invalid &&
    ctx.annotations[Annotations.unblockFailed] !== undefined &&
    recorded(h0) &&
    h0.triggeredBy?.kind === 'System' &&
    (h0.message ?? '').includes(UNBLOCKED_SUFFIX);
  return used ? withCleared(state, [Annotations.unblockFailed]) : state;
}

/** Bypass (§10.4): read before gates, so a bypassed candidate is neither rejected nor gated. */
function bypass(ctx: PassContext, state: PassState): PassState {
  const request = readBypass({
    specProblems: ctx.settings.problems,
    annotations: ctx.annotations,
    ...(ctx.pin !== undefined ? { pin: ctx.pin } : {}),
    ...(state.forceTag !== undefined ? { forcing: state.forceTag } : {}),
    ...(state.history[0] ? { history0: state.history[0] } : {}),
    candidates: state.releaseCandidates,
  });
  if (request.state === 'active') return { ...state, bypassTag: request.tag };
  if (request.state === 'consumed') return withCleared(state, [Annotations.bypassGates]);
  if (request.state === 'refused') {
    return refused(ctx, state, {
      reason: 'BypassRefused',
      message: request.message,
      clear: [Annotations.bypassGates],
    });
  }
  return state;
}

/** A pin not yet running, or a standing force-deploy (known and deployable, see forceDeploy). */
function manualDeployment(ctx: PassContext, state: PassState): PassState {
  if (ctx.invalid) return state;
  const { pin } = ctx;
  if (pin !== undefined) {
    if (state.history[0]?.version.tag === pin) return state;
    return {
      ...state,
      deployment: { tag: pin, manual: true, force: false, pin: true, skipped: [] },
      manualPending: pin,
    };
  }
  if (state.forceTag === undefined) return state;
  return {
    ...state,
    deployment: { tag: state.forceTag, manual: true, force: true, pin: false, skipped: [] },
    manualPending: state.forceTag,
  };
}
