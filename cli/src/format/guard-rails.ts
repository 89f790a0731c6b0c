// Actions that are allowed but rarely meant: each gets a warning the command prints and, on a
// terminal, a question (--yes skips it; without a terminal and without --yes the command refuses).
import type { Rollout } from '@kuberik/core/model';
import { formatDuration } from './duration.js';

const tags = (r: Rollout): string[] => (r.status?.availableReleases ?? []).map((v) => v.tag);

/** Is `a` older than `b` in the order the ImagePolicy published them? */
function older(r: Rollout, a: string, b: string): boolean {
  const t = tags(r);
  const [ia, ib] = [t.indexOf(a), t.indexOf(b)];
  return ia >= 0 && ib >= 0 && ia < ib;
}

export function denyWarning(r: Rollout, version: string): string | undefined {
  if (version !== r.status?.currentVersion) return undefined;
  return `${version} is the live version of ${r.metadata.name}: denying it marks it rejected, and it is never deployed automatically again (it stays live until something replaces it)`;
}

export function approveWarning(r: Rollout, version: string): string | undefined {
  const live = r.status?.currentVersion;
  if (!live || !older(r, version, live)) return undefined;
  return `${version} is older than the live ${live}: approving it does not deploy it (only newer versions are candidates) — to go back, use: kubectl kuberik rollback ${r.metadata.name} --to ${version}`;
}

export function rollbackWarning(r: Rollout, to: string): string | undefined {
  if (r.status?.rejectedVersions?.includes(to))
    return `${to} was rejected for ${r.metadata.name}; rolling back pins it anyway`;
  const ran = (r.status?.history ?? []).find((h) => h.version.tag === to);
  if (!ran) return `${to} never ran on ${r.metadata.name}, so a rollback to it goes to an untried version`;
  if (ran.bakeStatus === 'Failed') return `${to} failed its bake on ${r.metadata.name} before`;
  return undefined;
}

/** After an approval: "still held by business-hours, opens in 2h24m" when a schedule keeps it waiting. */
export function stillHeld(r: Rollout, version: string, now: Date): string | undefined {
  if (r.status?.pendingVersion !== version) return undefined;
  const closed = (r.status?.gates ?? []).filter((g) => g.kind !== 'RolloutGate' && g.decision !== 'Approved');
  if (closed.length === 0) return undefined;
  const parts = closed.map((g) => {
    const at = g.nextChange ? Date.parse(g.nextChange) : NaN;
    return Number.isFinite(at) ? `${g.name}, opens in ${formatDuration(at - now.getTime())}` : g.name;
  });
  return `still held by ${parts.join('; ')}`;
}
