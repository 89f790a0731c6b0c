// The newest history entries that fit: "#12 v1.2.0  Succeeded  15m bake   alice   2h ago".
import { Box, Text } from 'ink';
import { ageOf, formatDuration } from '../format/duration.js';
import type { HistoryView } from '../format/view.js';
import { resultColor } from './symbols.js';

export function HistoryPanel({ history, rows, now }: { history: HistoryView[]; rows: number; now: Date }) {
  const shown = history.slice(0, Math.max(0, rows));
  const idWidth = Math.max(3, ...shown.map((h) => `#${h.id ?? '-'}`.length));
  const verWidth = Math.max(6, ...shown.map((h) => h.version.length));
  return (
    <Box flexDirection="column">
      <Text bold>History</Text>
      {history.length === 0 ? <Text dimColor>{'  no deployments yet'}</Text> : null}
      {shown.map((h) => {
        const result = h.result === 'InProgress' ? 'Baking' : h.result;
        const detail =
          h.result === 'Failed'
            ? (h.message ?? '')
            : [h.bakeMs !== undefined ? `${formatDuration(h.bakeMs)} bake` : '', h.by ?? '']
                .filter(Boolean)
                .join('   ');
        return (
          <Text key={`${h.id ?? '-'}:${h.at ?? ''}`} wrap="truncate">
            {`  ${`#${h.id ?? '-'}`.padEnd(idWidth)} ${h.version.padEnd(verWidth)}  `}
            <Text color={resultColor(h.result)}>{result.padEnd(9)}</Text>
            {`  ${detail}`}
            <Text dimColor>{h.at ? `   ${ageOf(h.at, now)} ago` : ''}</Text>
          </Text>
        );
      })}
    </Box>
  );
}
