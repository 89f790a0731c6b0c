// Version facts the menus and pickers need: which version a rollback goes to, what can be deployed.
import type { Rollout } from '@kuberik/core/model';

/** What core's rollback pins when given no `to` (core/present). */
export { rollbackTarget } from '@kuberik/core/present';

export interface ReleaseChoice {
  version: string;
  /** `current`, `pending`, `pinned`, `rejected`, `bake failed`: why this row is special. */
  notes: string[];
}

/** availableReleases newest first, each annotated with what the user should know before choosing it. */
export function releaseChoices(rollout: Rollout): ReleaseChoice[] {
  const s = rollout.status ?? {};
  const rejected = new Set(s.rejectedVersions ?? []);
  const failed = new Set(
    (s.history ?? []).filter((e) => e.bakeStatus === 'Failed').map((e) => e.version.tag),
  );
  return [...(s.availableReleases ?? [])].reverse().map(({ tag }) => {
    const notes: string[] = [];
    if (tag === s.currentVersion) notes.push('current');
    if (tag === s.pendingVersion) notes.push('pending');
    if (tag === rollout.spec.wantedVersion) notes.push('pinned');
    if (rejected.has(tag)) notes.push('rejected');
    if (failed.has(tag)) notes.push('bake failed');
    return { version: tag, notes };
  });
}
