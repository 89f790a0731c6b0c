// The newest history entries that fit, in columns that line up:
// "#12 v1.2.0  Succeeded  15m bake  alice   2h ago   message of a failure".
import { Box, Text } from 'ink';
import { ageOf, formatDuration } from '../format/duration.js';
import type { HistoryView } from '../format/view.js';
import { resultColor } from './symbols.js';

export function HistoryPanel({ history, rows, now }: { history: HistoryView[]; rows: number; now: Date }) {
  const shown = history.slice(0, Math.max(0, rows));
  const cells = shown.map((h) => ({
    h,
    id: `#${h.id ?? '-'}`,
    result: h.result === 'InProgress' ? 'Baking' : h.result,
    bake: h.bakeMs !== undefined ? `${formatDuration(h.bakeMs)} bake` : '',
    by: h.by ?? '',
    age: h.at ? `${ageOf(h.at, now)} ago` : '',
  }));
  const w = (pick: (c: (typeof cells)[number]) => string) => Math.max(0, ...cells.map((c) => pick(c).length));
  const [idW, verW, resW, bakeW, byW, ageW] = [
    w((c) => c.id),
    w((c) => c.h.version),
    w((c) => c.result),
    w((c) => c.bake),
    w((c) => c.by),
    w((c) => c.age),
  ];
  const col = (s: string, width: number) => (width ? `${s.padEnd(width)}  ` : '');
  return (
    <Box flexDirection="column">
      <Text bold>History</Text>
      {history.length === 0 ? <Text dimColor>{'  No deployments yet.'}</Text> : null}
      {cells.map((c) => (
        <Text key={`${c.h.id ?? '-'}:${c.h.at ?? ''}`} wrap="truncate">
          {`  ${c.id.padEnd(idW)} ${col(c.h.version, verW)}`}
          <Text color={resultColor(c.h.result)}>{col(c.result, resW)}</Text>
          {`${col(c.bake, bakeW)}${col(c.by, byW)}`}
          <Text dimColor>{col(c.age, ageW)}</Text>
          {c.h.result === 'Failed' && c.h.message ? c.h.message.split('\n')[0] : ''}
        </Text>
      ))}
    </Box>
  );
}
