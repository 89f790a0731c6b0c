// `kubectl kuberik get`: NAME CURRENT PENDING PHASE GATES HEALTH BAKE DRIVER AGE (+ wide: MESSAGE),
// and a footnote when nothing drives a listed rollout (its status is then stale).
import type { Painter } from '../lib/color.js';
import { noDriverHint, recoveryView } from '@kuberik/core/present';
import { ageOf, formatDuration } from './duration.js';
import { renderTable } from './table.js';
import { describeRollout, healthSummary, type RolloutView } from './view.js';
import type { SnapshotLike } from './snapshot.js';

export function bakeColumn(v: RolloutView): string {
  switch (v.bake.state) {
    case 'baking':
      return v.bake.remainingMs !== undefined ? formatDuration(v.bake.remainingMs) : 'baking';
    case 'deploying':
      return 'deploying';
    case 'succeeded':
      return 'done';
    case 'failed':
      return 'failed';
    case 'cancelled':
      return 'cancelled';
    default:
      return '-';
  }
}

export function phaseColor(p: Painter, phase: string): string {
  switch (phase) {
    case 'Succeeded':
      return p.paint('green', phase);
    case 'Failed':
    case 'Rejected':
    case 'Blocked':
      return p.paint('red', phase);
    case 'WaitingForGates':
      return p.paint('yellow', phase);
    case 'Deploying':
    case 'Baking':
      return p.paint('blue', phase);
    default:
      return phase;
  }
}

export interface GetTableOptions {
  wide?: boolean;
  allNamespaces?: boolean;
  painter: Painter;
  now: Date;
}

export function renderRolloutTable(snaps: SnapshotLike[], o: GetTableOptions): string {
  const headers = [
    ...(o.allNamespaces ? ['NAMESPACE'] : []),
    'NAME',
    'CURRENT',
    'PENDING',
    'PHASE',
    'GATES',
    'HEALTH',
    'BAKE',
    'DRIVER',
    'AGE',
    ...(o.wide ? ['MESSAGE'] : []),
  ];
  const rows = snaps.map((s) => {
    const v = describeRollout(s, o.now);
    return [
      ...(o.allNamespaces ? [v.namespace] : []),
      v.name,
      v.current ?? '-',
      v.pending ?? '-',
      phaseColor(o.painter, v.phase),
      v.gates.length && v.pending ? `${v.gatesApproved}/${v.gates.length}` : '-',
      healthSummary(v),
      // A bakeTime the engine cannot read (it passed the CRD pattern) marks this row only.
      v.bake.invalidBakeTime !== undefined ? 'invalid bakeTime' : bakeColumn(v),
      v.driver.kind === 'none' ? o.painter.paint('yellow', '<none>') : v.driver.label,
      ageOf(s.rollout.metadata.creationTimestamp, o.now) || '-',
      ...(o.wide ? [v.recovery?.text ?? v.problem ?? v.history[0]?.message ?? ''] : []),
    ];
  });
  return renderTable(headers, rows);
}

/** The line under the table when rollouts have no driver: their status is stale and actions only recorded. */
export function undrivenFootnote(snaps: SnapshotLike[]): string | undefined {
  const idle = snaps.filter((s) => !s.lease.driving && !s.lease.holder);
  if (idle.length === 0) return undefined;
  if (idle.length === 1) {
    const k = idle[0]!.key;
    const hint = noDriverHint(k.name, k.namespace);
    return `Note: ${hint}; until then its status is not updated.`;
  }
  const names = idle.map((s) => s.key.name);
  const shown = names.length > 4 ? `${names.slice(0, 4).join(', ')}, …` : names.join(', ');
  return `Note: nothing drives ${idle.length} of these rollouts (${shown}): run \`kubectl kuberik watch NAME\` for each, or install the controller; until then their status is not updated.`;
}

/** A note per rollout in recovery mode: health failures won't fail its deploy, and the way back. */
export function recoveryNotes(snaps: SnapshotLike[]): string[] {
  return snaps.flatMap((s) => {
    const r = recoveryView(s.rollout);
    if (!r) return [];
    const ns = s.key.namespace !== 'default' ? ` -n ${s.key.namespace}` : '';
    const back = r.rollbackTo ? ` --to ${r.rollbackTo}` : '';
    return [
      `Note: ${s.key.name} is in ${r.text} — to undo it: kubectl kuberik rollback ${s.key.name}${back}${ns}`,
    ];
  });
}
