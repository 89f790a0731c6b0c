// Gates (left) and Health (right), side by side, each clipped to the rows the screen can spare.
import { Box, Text } from 'ink';
import { formatDuration } from '../format/duration.js';
import { gateDecisionWord, type GateView, type HealthView } from '../format/view.js';
import { gateMark, healthMark } from './symbols.js';

const gateState = (g: GateView): string =>
  g.kind !== 'RolloutGate' && g.schedule ? g.schedule : gateDecisionWord(g);

/** Pads to `width`, or cuts with an ellipsis. */
export const fit = (s: string, width: number): string =>
  s.length <= width ? s.padEnd(width) : `${s.slice(0, Math.max(0, width - 1))}…`;

function clip<T>(items: T[], rows: number): { shown: T[]; more: number } {
  if (items.length <= rows) return { shown: items, more: 0 };
  const shown = items.slice(0, Math.max(0, rows - 1));
  return { shown, more: items.length - shown.length };
}

export function GatesPanel({
  gates,
  rows,
  width,
  spin,
}: {
  gates: GateView[];
  rows: number;
  width: number;
  spin: string;
}) {
  const { shown, more } = clip(gates, rows);
  const stateOf = (g: GateView): string =>
    g.idle ? (g.kind === 'RolloutGate' ? 'no version waiting' : (g.schedule ?? '')) : gateState(g);
  // The state ("awaiting approval") is what matters: labels give way to it in a narrow panel.
  const stateWidth = Math.max(0, ...shown.map((g) => stateOf(g).length));
  const labelWidth = Math.max(
    6,
    Math.min(22, Math.max(8, ...gates.map((g) => g.label.length)), width - 6 - stateWidth),
  );
  return (
    <Box flexDirection="column" width={width}>
      <Text bold>Gates</Text>
      {gates.length === 0 ? <Text dimColor>{'  none'}</Text> : null}
      {shown.map((g) => {
        const m = g.idle ? { glyph: '·', color: 'gray' as const } : gateMark(g.decision, spin);
        return (
          <Text key={g.name} wrap="truncate">
            {'  '}
            <Text color={m.color}>{m.glyph}</Text>
            {` ${fit(g.label, labelWidth)}  `}
            <Text color={m.color}>{stateOf(g)}</Text>
          </Text>
        );
      })}
      {more ? <Text dimColor>{`  … ${more} more`}</Text> : null}
    </Box>
  );
}

export function HealthPanel({
  health,
  rows,
  width,
  spin,
  bakeTimeMs,
}: {
  health: HealthView[];
  rows: number;
  width: number;
  spin: string;
  bakeTimeMs?: number;
}) {
  const { shown, more } = clip(health, rows);
  const labelWidth = Math.min(24, Math.max(8, ...health.map((h) => h.label.length)));
  const title = 'Health';
  const bake = bakeTimeMs !== undefined ? `bake ${formatDuration(bakeTimeMs)}` : '';
  return (
    <Box flexDirection="column" width={width}>
      <Text>
        <Text bold>{title}</Text>
        <Text dimColor>{' '.repeat(Math.max(1, width - title.length - bake.length - 1)) + bake}</Text>
      </Text>
      {health.length === 0 ? <Text dimColor>{'  no health checks selected'}</Text> : null}
      {shown.map((h) => {
        const m = healthMark(h.status, spin);
        return (
          <Text key={`${h.namespace}/${h.name}`} wrap="truncate">
            {'  '}
            <Text color={m.color}>{m.glyph}</Text>
            {` ${h.label.padEnd(labelWidth)}  `}
            <Text color={m.color}>{h.status}</Text>
            {h.message && h.status !== 'Healthy' ? <Text dimColor>{`  ${h.message}`}</Text> : null}
          </Text>
        );
      })}
      {more ? <Text dimColor>{`  … ${more} more`}</Text> : null}
    </Box>
  );
}
