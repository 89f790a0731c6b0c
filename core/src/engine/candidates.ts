// Release candidates (spec §3.2): discovered after currentVersion, newest first, minus excluded.
import type { DeploymentHistoryEntry, VersionInfo } from '../model/index.js';

/**
 * Releases discovered after `currentVersion`, newest first, without `excluded` tags. With no
 * current version every release is a candidate; a current version never discovered has none after it.
 */
export function candidates(
  availableReleases: VersionInfo[],
  currentVersion: string | undefined,
  excluded: ReadonlySet<string> = new Set(),
): VersionInfo[] {
  let after = availableReleases;
  if (currentVersion !== undefined) {
    const index = availableReleases.findIndex((v) => v.tag === currentVersion);
    after = index < 0 ? [] : availableReleases.slice(index + 1);
  }
  return after.filter((v) => !excluded.has(v.tag)).reverse();
}

/** Tags whose most recent bake in history failed: never re-deployed automatically (spec §9.3). */
export function failedVersions(history: DeploymentHistoryEntry[]): Set<string> {
  const latest = new Map<string, DeploymentHistoryEntry>();
  for (const entry of history) {
    const tag = entry?.version?.tag;
    if (tag !== undefined && !latest.has(tag)) latest.set(tag, entry);
  }
  return new Set([...latest].filter(([, e]) => e.bakeStatus === 'Failed').map(([tag]) => tag));
}
