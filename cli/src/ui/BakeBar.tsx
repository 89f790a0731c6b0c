// "Bake  ████████████░░░░░░░░  7m12s / 15m  (remaining 7m48s)"
import { Box, Text } from 'ink';
import { invalidBakeTimeText } from '@kuberik/core/present';
import { formatDuration } from '../format/duration.js';
import type { BakeView } from '../format/view.js';

export function bakeBarCells(fraction: number, width: number): { done: number; todo: number } {
  const done = Math.max(0, Math.min(width, Math.round(fraction * width)));
  return { done, todo: width - done };
}

export function BakeBar({ bake, width = 20, spin }: { bake: BakeView; width?: number; spin: string }) {
  const label = <Text bold>{'Bake  '}</Text>;
  switch (bake.state) {
    case 'baking': {
      // A bake time the controller cannot read ends no bake: no bar, say why.
      if (bake.invalidBakeTime !== undefined || bake.totalMs === undefined) {
        const why =
          bake.invalidBakeTime !== undefined ? `  ⚠ ${invalidBakeTimeText(bake.invalidBakeTime)}` : '';
        return (
          <Box>
            {label}
            <Text wrap="truncate">{`${formatDuration(bake.elapsedMs)} baked`}</Text>
            {why ? (
              <Text color="yellow" wrap="truncate">
                {why}
              </Text>
            ) : null}
          </Box>
        );
      }
      const { done, todo } = bakeBarCells(bake.fraction ?? 0, width);
      const total = bake.totalMs !== undefined ? ` / ${formatDuration(bake.totalMs)}` : '';
      const rest = bake.remainingMs !== undefined ? `  (remaining ${formatDuration(bake.remainingMs)})` : '';
      return (
        <Box>
          {label}
          <Text color="blue">{'█'.repeat(done)}</Text>
          <Text dimColor>{'░'.repeat(todo)}</Text>
          <Text wrap="truncate">{`  ${formatDuration(bake.elapsedMs)}${total}${rest}`}</Text>
        </Box>
      );
    }
    case 'deploying':
      return (
        <Box>
          {label}
          <Text color="yellow">{`${spin} `}</Text>
          <Text wrap="truncate">{`${bake.version} deploying — waiting for health checks (${formatDuration(bake.elapsedMs)})`}</Text>
        </Box>
      );
    case 'succeeded':
      return (
        <Box>
          {label}
          <Text color="green">{'█'.repeat(width)}</Text>
          <Text wrap="truncate">{`  ${bake.version} succeeded${bake.elapsedMs ? ` after ${formatDuration(bake.elapsedMs)}` : ''}`}</Text>
        </Box>
      );
    case 'failed':
      return (
        <Box>
          {label}
          <Text
            color="red"
            wrap="truncate"
          >{`✖ ${bake.version} failed${bake.message ? `: ${bake.message}` : ''}`}</Text>
        </Box>
      );
    case 'cancelled':
      return (
        <Box>
          {label}
          <Text color="gray">{`${bake.version} cancelled`}</Text>
        </Box>
      );
    default:
      return (
        <Box>
          {label}
          <Text dimColor>nothing deployed yet</Text>
        </Box>
      );
  }
}
