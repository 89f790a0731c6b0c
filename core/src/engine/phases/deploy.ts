// Deploy (§3.7, §10.9): carry out the pass's deployment. The new history entry is the intent
// record (written before any patch lands); an active bake it preempts is cancelled. Then health,
// bake and gates are looked at again from the new history[0], as the next pass would.
import {
  Annotations,
  RolloutConditions as C,
  type DeploymentHistoryEntry,
  type VersionInfo,
} from '../../model/index.js';
import { manualTrigger } from '../attribution.js';
import { candidates } from '../candidates.js';
import { noTargetMessage, substitutePatches } from '../deploy.js';
import { approvalsOf, decideGates } from '../gates.js';
import { cancelled, newEntry, recoveryMode, type Deployment } from '../history.js';
import { ociOverrideWarnings, ociPatches } from '../oci.js';
import { excluded, rejectDenied } from './gates.js';
import { accepted } from './manual-request.js';
import {
  ACTIVE,
  kustomizationKeys,
  withCleared,
  withCondition,
  withEvents,
  withHistory0,
  type PassContext,
  type PassState,
} from './pass.js';
import { verify } from './verify.js';

export function deploy(ctx: PassContext, state: PassState): PassState {
  const d = state.deployment;
  if (!d) return state;
  const { targets } = ctx;
  if (targets.problems.length > 0) return { ...state, deployProblem: targets.problems.join('; ') };
  if (targets.targets.length === 0 && ctx.oci.length === 0) {
    return { ...state, deployProblem: noTargetMessage(ctx.rollout) };
  }
  return afterDeploy(ctx, recordDeployment(ctx, patch(ctx, state, d), d), d);
}

/** The target patches, and the bake they preempt cancelled. */
function patch(ctx: PassContext, state: PassState, d: Deployment): PassState {
  const patched = withEvents(
    { ...state, patches: [...substitutePatches(ctx.targets.targets, d.tag), ...ociPatches(ctx.oci, d.tag)] },
    ...ociOverrideWarnings(ctx.oci, d.tag),
  );
  const prev = patched.history[0];
  if (!prev || !ACTIVE.has(prev.bakeStatus ?? '')) return patched;
  return withEvents(withHistory0(patched, cancelled(prev, d.tag, ctx.nowText)), {
    type: 'Normal',
    reason: 'Cancelled',
    message: `Bake of ${prev.version.tag} cancelled by the deployment of ${d.tag}`,
  });
}

/** The new history[0], recovery mode decided from the one before it, and the requests consumed. */
function recordDeployment(ctx: PassContext, state: PassState, d: Deployment): PassState {
  const before = state.history[0];
  const { version, availableReleases } = releaseOf(state.availableReleases, d);
  const entry: DeploymentHistoryEntry = newEntry({
    deployment: d,
    version,
    ...(before ? { previous: before } : {}),
    annotations: ctx.annotations,
    ...(d.manual ? { trigger: manualTrigger(ctx.rollout, d.pin ? 'wantedVersion' : 'forceDeploy') } : {}),
    bakeConfigured: ctx.settings.bakeConfigured,
    now: ctx.nowText,
  });
  const approvedBy = approvalsOf(ctx.rolloutGates, d.tag);
  if (approvedBy.length > 0) entry.approvedBy = approvedBy;
  let next = withCondition(ctx, state, C.BakeFailureDisabled, recoveryMode(d, before, state.unhealthy));
  next = withEvents(
    {
      ...next,
      availableReleases,
      history: [entry, ...next.history].slice(0, ctx.settings.historyLimit),
    },
    { type: 'Normal', reason: 'Deployed', message: `Deployed ${d.tag} (${entry.message})` },
  );
  next = withCleared(next, [Annotations.deployMessage, Annotations.deployUser, Annotations.unblockFailed]);
  if (d.force) next = accepted(ctx, withCleared(next, [Annotations.forceDeploy]));
  if (d.bypass) next = accepted(ctx, withCleared(next, [Annotations.bypassGates]));
  return { ...next, bypassTag: undefined };
}

/**
 * The deployed release as availableReleases records it. A pinned tag the ImagePolicy never
 * reported is added, so later releases come after it. A forced one moves to the end (§10.9: a
 * manual deploy is not undone; the releases known now stop being candidates, and only releases
 * discovered later come after it; adoption moves its tag to the front for the opposite reason).
 */
function releaseOf(
  available: VersionInfo[],
  d: Deployment,
): { version: VersionInfo; availableReleases: VersionInfo[] } {
  const known = available.find((v) => v.tag === d.tag);
  if (!known) {
    const version = { tag: d.tag };
    return { version, availableReleases: [...available, version] };
  }
  if (!d.force) return { version: known, availableReleases: available };
  return { version: known, availableReleases: [...available.filter((v) => v.tag !== d.tag), known] };
}

/** Health, bake, candidates and gates again, from the new history[0]. */
function afterDeploy(ctx: PassContext, state: PassState, d: Deployment): PassState {
  const verified = verify(ctx, state, kustomizationKeys(state.patches));
  const narrowed = {
    ...verified,
    releaseCandidates: candidates(verified.availableReleases, d.tag, excluded(verified)),
    manualPending: undefined,
  };
  if (ctx.pin === undefined) return rejectDenied(ctx, narrowed, d.tag);
  return {
    ...narrowed,
    target: { skipped: [], bypassed: false },
    gateSet: decideGates(ctx.observed, undefined, ctx.now, ctx.schedules),
  };
}
