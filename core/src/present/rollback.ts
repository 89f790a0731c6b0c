// Which version a rollback without `--to` goes back to: every UI offers the version the action
// pins (core/actions rollback uses this function), so a menu never promises another.
import type { Rollout } from '../model/index.js';

/** The newest succeeded version in history that is not the current one. */
export function rollbackTarget(rollout: Rollout): string | undefined {
  const current = rollout.status?.currentVersion;
  return rollout.status?.history?.find((h) => h.bakeStatus === 'Succeeded' && h.version.tag !== current)
    ?.version.tag;
}
