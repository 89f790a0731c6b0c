// Non-TTY `watch`: one line per change, no escape codes. `lineChanges` compares two views and
// says what changed, in the words of the TUI; the caller prefixes each line with the time.
import { formatDuration } from './duration.js';
import { gateDecisionWord, type RolloutView } from './view.js';

const driverText = (v: RolloutView) => v.driver.text;

const BAKE_MARKS = [0.25, 0.5, 0.75];

export function lineChanges(prev: RolloutView | undefined, next: RolloutView): string[] {
  const out: string[] = [];
  const ver = next.pending ?? next.current ?? '-';
  if (!prev) {
    out.push(
      `${ver} ${next.name}: current ${next.current ?? '-'}${next.currentResult ? ` (${next.currentResult})` : ''}, ` +
        `pending ${next.pending ?? '-'}, phase ${next.phase}, ${driverText(next)}`,
    );
    for (const g of next.pending ? next.gates : [])
      out.push(
        `${ver} gates: ${g.label} ${gateDecisionWord(g)}${g.schedule && g.kind !== 'RolloutGate' ? ` (${g.schedule})` : ''}`,
      );
    return out;
  }
  if (prev.current !== next.current && next.current) {
    out.push(`${next.current} deployed${prev.current ? ` (was ${prev.current})` : ''}`);
  }
  if (prev.pending !== next.pending && next.pending) {
    out.push(`${next.pending} pending: ${next.pendingReason ?? 'new candidate'}`);
  }
  if (prev.phase !== next.phase) out.push(`${ver} phase: ${prev.phase} → ${next.phase}`);
  const before = new Map(prev.gates.map((g) => [g.name, g]));
  const newPending = prev.pending !== next.pending && next.pending !== undefined;
  for (const g of next.pending ? next.gates : []) {
    const old = before.get(g.name);
    const named = g.by !== undefined && g.by !== old?.by;
    if (!old || old.decision !== g.decision || named || (newPending && g.decision !== 'Approved')) {
      const why = g.decision === 'Denied' && g.message ? `: ${g.message}` : '';
      out.push(`${ver} gates: ${g.label} ${gateDecisionWord(g)}${why}`);
    }
  }
  const hBefore = new Map(prev.health.map((h) => [h.name, h]));
  for (const h of next.health) {
    const old = hBefore.get(h.name);
    if (!old || old.status !== h.status) {
      out.push(
        `${ver} health: ${h.label} ${h.status}${h.message && h.status !== 'Healthy' ? `: ${h.message}` : ''}`,
      );
    }
  }
  out.push(...bakeChanges(prev, next));
  for (const r of next.rejected) {
    if (prev.rejected.includes(r)) continue;
    const denial = Object.entries(next.verdicts).find(
      ([k, v]) => k.startsWith(`${r}/`) && v.verb === 'denied',
    );
    out.push(
      `${r} rejected${denial ? `: denied by ${denial[1].by} on ${denial[0].slice(r.length + 1)}` : ''}`,
    );
  }
  if (prev.driving !== next.driving || prev.holder !== next.holder)
    out.push(`${ver} driver: ${driverText(next)}`);
  if (next.problem && next.problem !== prev.problem) out.push(`${ver} problem: ${next.problem}`);
  return out;
}

function bakeChanges(prev: RolloutView, next: RolloutView): string[] {
  const b = next.bake;
  const v = b.version ?? '-';
  const sameVersion = prev.bake.version === b.version;
  if (sameVersion && prev.bake.state === b.state) {
    // Quarter marks only for bakes long enough to wait for (a 5 s bake needs no progress report).
    const long = (b.totalMs ?? 0) >= 60_000;
    if (long && b.state === 'baking' && b.fraction !== undefined && prev.bake.fraction !== undefined) {
      const crossed = BAKE_MARKS.filter((m) => prev.bake.fraction! < m && b.fraction! >= m).pop();
      if (crossed !== undefined) {
        return [
          `${v} bake: ${Math.round(crossed * 100)}% (${formatDuration(b.elapsedMs)} of ${formatDuration(b.totalMs ?? 0)}, remaining ${formatDuration(b.remainingMs ?? 0)})`,
        ];
      }
    }
    return [];
  }
  switch (b.state) {
    case 'deploying':
      return [`${v} bake: deploying, waiting for health checks`];
    case 'baking':
      return [`${v} bake: started${b.totalMs ? ` (${formatDuration(b.totalMs)})` : ''}`];
    case 'succeeded':
      return [`${v} bake: succeeded${b.elapsedMs ? ` after ${formatDuration(b.elapsedMs)}` : ''}`];
    case 'failed':
      return [`${v} bake: failed${b.message ? `: ${b.message}` : ''}`];
    case 'cancelled':
      return [`${v} bake: cancelled`];
    default:
      return [];
  }
}
