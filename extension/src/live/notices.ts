// Which notifications one snapshot change deserves. Pure: only transitions notify, never a steady state,
// so reloading the window or reconnecting does not replay old news.
import type { RolloutKey, RolloutSnapshot } from '@kuberik/core/driver';
import { readGateSummaries } from '@kuberik/core/model';

export type Notice =
  | { kind: 'awaitingApproval'; key: RolloutKey; version: string; gates: string[] }
  | { kind: 'bakeFailed'; key: RolloutKey; version: string; reasons: string[] }
  | { kind: 'bakeSucceeded'; key: RolloutKey; version: string };

export type NoticeKind = Notice['kind'];

const awaiting = (s: RolloutSnapshot | undefined): { version: string; gates: string[] } | undefined => {
  const st = s?.rollout.status;
  if (!st?.pendingVersion || st.phase === 'Rejected') return undefined;
  const gates = readGateSummaries(st.gates)
    .filter((g) => g.kind === 'RolloutGate' && g.decision === 'Pending')
    .map((g) => g.prettyName ?? g.name);
  return gates.length ? { version: st.pendingVersion, gates } : undefined;
};

/** `prev` undefined: the rollout just appeared (after the first list; the first list itself never notifies). */
export function noticesFor(prev: RolloutSnapshot | undefined, next: RolloutSnapshot): Notice[] {
  const out: Notice[] = [];
  const wait = awaiting(next);
  const waitedBefore = awaiting(prev);
  if (wait && waitedBefore?.version !== wait.version)
    out.push({ kind: 'awaitingApproval', key: next.key, ...wait });

  if (!prev) return out;
  const live = next.rollout.status?.history?.[0];
  const before = prev.rollout.status?.history?.[0];
  if (!live) return out;
  const sameEntry = before !== undefined && before.id === live.id && before.version.tag === live.version.tag;
  const changed = !sameEntry || before?.bakeStatus !== live.bakeStatus;
  if (!changed) return out;
  if (live.bakeStatus === 'Failed') {
    const reasons = (live.failedHealthChecks ?? []).map((f) =>
      f.message ? `${f.name}: ${f.message}` : f.name,
    );
    if (reasons.length === 0 && live.bakeStatusMessage) reasons.push(live.bakeStatusMessage);
    out.push({ kind: 'bakeFailed', key: next.key, version: live.version.tag, reasons });
  } else if (live.bakeStatus === 'Succeeded' && (sameEntry || live.bakeStartTime)) {
    // A new entry that is Succeeded at once (adoption, or nothing to bake) had no bake to report.
    out.push({ kind: 'bakeSucceeded', key: next.key, version: live.version.tag });
  }
  return out;
}

export function noticeText(n: Notice): string {
  const who = `${n.key.namespace}/${n.key.name}`;
  switch (n.kind) {
    case 'awaitingApproval':
      return `${who}: ${n.version} is waiting for approval (${n.gates.join(', ')})`;
    case 'bakeFailed':
      return `${who}: the bake of ${n.version} failed${n.reasons.length ? ` — ${n.reasons.join('; ')}` : ''}`;
    case 'bakeSucceeded':
      return `${who}: ${n.version} baked successfully and is live`;
  }
}
