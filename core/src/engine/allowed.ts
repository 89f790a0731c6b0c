// The version a rollout works towards (spec §10.1, §10.4): the newest candidate every gate's lists
// allow, or the bypassed one. Gate lists are read here; gates.ts decides each gate for the result.
import type { RolloutGate, VersionInfo } from '../model/index.js';

export interface Target {
  /** The version to work towards (pendingVersion), absent when there are no candidates. */
  tag?: string;
  /** Candidates newer than the last deployed one that are passed over, newest first. */
  skipped: string[];
  /** Set when gates are bypassed for `tag` (rollout.kuberik.com/bypass-gates). */
  bypassed: boolean;
  /** No candidate is allowed by every list: why the newest one (then `tag`) is not. */
  excludedBy?: string;
}

/** A tag passes the lists when every allow-list that is set contains it and no deny-list does. */
function exclusions(gates: RolloutGate[], tag: string): string[] {
  const out: string[] = [];
  for (const g of gates) {
    const spec = g.spec ?? {};
    if ((spec.deniedVersions ?? []).includes(tag)) out.push(`${g.metadata.name} (deniedVersions)`);
    else if (Array.isArray(spec.allowedVersions) && !spec.allowedVersions.includes(tag))
      out.push(`${g.metadata.name} (allowedVersions)`);
  }
  return out;
}

/**
 * Choose among `candidates` (newest first). A bypass naming a candidate wins outright. Otherwise the
 * newest candidate that passes every gate's lists; when none does, the newest candidate, with the
 * gates whose lists exclude it, so the user sees which list to extend.
 */
export function chooseTarget(candidates: VersionInfo[], gates: RolloutGate[], bypassTag?: string): Target {
  const tags = candidates.map((v) => v.tag);
  const olderThan = (tag: string): string[] => tags.slice(tags.indexOf(tag) + 1);
  if (bypassTag !== undefined && tags.includes(bypassTag)) {
    return { tag: bypassTag, skipped: olderThan(bypassTag), bypassed: true };
  }
  const newest = tags[0];
  if (newest === undefined) return { skipped: [], bypassed: false };
  const allowed = tags.find((t) => exclusions(gates, t).length === 0);
  if (allowed !== undefined) return { tag: allowed, skipped: olderThan(allowed), bypassed: false };
  return {
    tag: newest,
    skipped: olderThan(newest),
    bypassed: false,
    excludedBy: `${newest} is excluded by ${exclusions(gates, newest).join(', ')}`,
  };
}
