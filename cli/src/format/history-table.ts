// `kubectl kuberik history`: ID VERSION RESULT STARTED DURATION BY REASON (+ wide: MESSAGE), newest first.
// REASON is what a person said (-m); for a failed bake without one, the failing checks.
import type { Painter } from '../lib/color.js';
import { ageOf, formatDuration } from './duration.js';
import { renderTable } from './table.js';
import type { HistoryView } from './view.js';

export function resultColor(p: Painter, result: string): string {
  if (result === 'Succeeded') return p.paint('green', result);
  if (result === 'Failed') return p.paint('red', result);
  if (result === 'Deploying' || result === 'InProgress') return p.paint('blue', result);
  return p.paint('gray', result);
}

export function renderHistoryTable(
  entries: HistoryView[],
  o: { painter: Painter; now: Date; wide?: boolean },
): string {
  const first = (s: string | undefined) => (s ?? '').split('\n')[0]!;
  return renderTable(
    ['ID', 'VERSION', 'RESULT', 'STARTED', 'DURATION', 'BY', 'REASON', ...(o.wide ? ['MESSAGE'] : [])],
    entries.map((h) => [
      `#${h.id ?? '-'}`,
      h.version,
      resultColor(o.painter, h.result === 'InProgress' ? 'Baking' : h.result),
      h.at ? `${ageOf(h.at, o.now)} ago` : '-',
      h.bakeMs !== undefined ? formatDuration(h.bakeMs) : '-',
      h.by ?? '-',
      first(h.reason ?? (h.result === 'Failed' ? h.message : undefined)) || '-',
      ...(o.wide ? [first(h.message)] : []),
    ]),
  );
}
