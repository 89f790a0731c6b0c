// Manual requests do not linger (spec §10.10): a force-deploy or retry that cannot take effect when
// it is read is refused — removed, announced with a Warning Event and the ManualRequest condition —
// so it can never fire later, after whatever stopped it (a fixed Kustomization, a valid spec) is gone.
import { Annotations, type DeploymentHistoryEntry } from '../model/index.js';
import type { ConditionValue } from './conditions.js';
import type { EventRecord } from './plan.js';

export interface Refusal {
  /** Event reason and condition reason: ForceDeployRefused, RetryRefused. */
  reason: string;
  message: string;
  /** Annotations that belong to the request and go with it. */
  clear: string[];
}

/** The annotations a force-deploy request consists of. */
export const FORCE_DEPLOY_ANNOTATIONS = [
  Annotations.forceDeploy,
  Annotations.deployMessage,
  Annotations.deployUser,
] as const;

export interface ForceDeployContext {
  /** Spec problems (InvalidSpec); the engine decides nothing while there are any. */
  specProblems: string[];
  pin?: string;
  /** availableReleases tags, oldest first. */
  known: string[];
  /** Why no Kustomization could be patched (missing annotation, unusable variable). */
  targetProblem?: string;
}

export function forceDeployRefusal(tag: string, ctx: ForceDeployContext): Refusal | undefined {
  const refuse = (why: string): Refusal => ({
    reason: 'ForceDeployRefused',
    message: `Force deploy of ${tag} refused: ${why}`,
    clear: [...FORCE_DEPLOY_ANNOTATIONS],
  });
  if (ctx.specProblems.length > 0) {
    return refuse(
      `the spec is invalid (${ctx.specProblems.join('; ')}); fix it, then request the deploy again`,
    );
  }
  if (ctx.pin !== undefined) {
    return refuse(`the rollout is pinned to ${ctx.pin} by spec.wantedVersion; unpin it first, or pin ${tag}`);
  }
  if (!ctx.known.includes(tag)) {
    const newest = ctx.known.slice(-5).reverse().join(', ');
    return refuse(
      `it is not in available releases${newest ? ` (newest: ${newest})` : ' (none discovered yet)'}; request one of them`,
    );
  }
  if (ctx.targetProblem !== undefined) {
    return refuse(`${ctx.targetProblem}; then request the deploy again`);
  }
  return undefined;
}

export function retryRefusal(
  specProblems: string[],
  history0: DeploymentHistoryEntry | undefined,
): Refusal | undefined {
  const refuse = (why: string): Refusal => ({
    reason: 'RetryRefused',
    message: `Retry refused: ${why}`,
    clear: [Annotations.retry],
  });
  if (specProblems.length > 0) {
    return refuse(`the spec is invalid (${specProblems.join('; ')}); fix it, then retry again`);
  }
  if (!history0) return refuse('nothing is deployed yet');
  if (history0.bakeStatus !== 'Failed') {
    return refuse(`${history0.version.tag} is ${history0.bakeStatus ?? 'not baking'}, not Failed`);
  }
  return undefined;
}

/** The ManualRequest condition for a refusal; Event and condition carry the same message. */
export function refusalOutcome(r: Refusal): { event: EventRecord; condition: ConditionValue } {
  return {
    event: { type: 'Warning', reason: r.reason, message: r.message },
    condition: { status: 'False', reason: r.reason, message: r.message },
  };
}

/** The ManualRequest condition once a request took effect (replaces an older refusal). */
export const ACCEPTED: ConditionValue = {
  status: 'True',
  reason: 'Accepted',
  message: 'The last manual request took effect',
};
