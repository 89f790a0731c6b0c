// Recovery mode (spec §4: BakeFailureDisabled=True): a manual deploy over a failed or cancelled
// bake, or onto an active incident, whose health failures are shown but never fail it. Worded here
// from the history itself: the engine's condition message (kept as upstream writes it) says
// "Previous deployment failed" even when the previous bake was only cancelled.
import type { Rollout } from '../model/index.js';
import { rollbackTarget } from './rollback.js';

export interface RecoveryView {
  /** "recovery mode: health failures won't fail this deploy; the bake of v1.2.0 was cancelled" */
  text: string;
  /** Why: the previous bake failed or was cancelled, or the environment was unhealthy. */
  cause: 'failed' | 'cancelled' | 'incident';
  /** The version a rollback would go back to, when there is one. */
  rollbackTo?: string;
}

export function recoveryView(rollout: Rollout): RecoveryView | undefined {
  const st = rollout.status;
  const cond = st?.conditions?.find((c) => c.type === 'BakeFailureDisabled');
  const h = st?.history ?? [];
  const live = h[0];
  if (cond?.status !== 'True' || !live) return undefined;
  if (live.bakeStatus !== 'Deploying' && live.bakeStatus !== 'InProgress') return undefined;
  const before = h[1];
  const cause: RecoveryView['cause'] =
    cond.reason === 'DeployedWithUnhealthyHealthChecks'
      ? 'incident'
      : before?.bakeStatus === 'Cancelled'
        ? 'cancelled'
        : 'failed';
  const why =
    cause === 'incident'
      ? 'it was deployed during an active incident'
      : `the bake of ${before?.version.tag ?? 'the previous version'} ${cause === 'cancelled' ? 'was cancelled' : 'failed'}`;
  const rollbackTo = rollbackTarget(rollout);
  return { text: `recovery mode: health failures won't fail this deploy; ${why}`, cause, rollbackTo };
}
