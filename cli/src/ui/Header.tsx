// Two lines: who/where/driving + clock, then current and pending versions.
import { Box, Text } from 'ink';
import { ageOf, clockTime } from '../format/duration.js';
import type { RolloutView } from '../format/view.js';
import { resultColor } from './symbols.js';

export function Header({
  view,
  context,
  now,
  width,
  seconds,
}: {
  view: RolloutView;
  context: string;
  now: Date;
  width: number;
  seconds: boolean;
}) {
  const driver = view.driver.text;
  const left = `${view.name}  ·  ${view.namespace}  ·  ${context}  ·  `;
  const clock = seconds ? clockTime(now) : clockTime(now).slice(0, 5);
  const pad = Math.max(1, width - left.length - driver.length - clock.length);
  const result = view.currentResult === 'InProgress' ? 'Baking' : view.currentResult;
  return (
    <Box flexDirection="column">
      {/* One Text, so a narrow terminal truncates the line instead of wrapping it. */}
      <Text wrap="truncate">
        <Text bold>{view.name}</Text>
        {left.slice(view.name.length)}
        <Text color={view.driver.kind === 'self' ? 'green' : view.driver.kind === 'other' ? 'yellow' : 'red'}>
          {driver}
        </Text>
        {' '.repeat(pad)}
        <Text dimColor>{clock}</Text>
      </Text>
      <Box>
        <Box width={Math.floor(width / 2)} paddingRight={1}>
          <Text wrap="truncate">
            <Text dimColor>{'current  '}</Text>
            <Text bold>{view.current ?? '—'}</Text>
            {result ? <Text color={resultColor(view.currentResult ?? '')}>{`  ${result}`}</Text> : null}
            {view.currentAt ? <Text dimColor>{` ${ageOf(view.currentAt, now)} ago`}</Text> : null}
            {view.pinned ? <Text color="yellow">{`  pinned to ${view.pinned}`}</Text> : null}
          </Text>
        </Box>
        <Box>
          <Text wrap="truncate">
            <Text dimColor>{'pending  '}</Text>
            <Text bold>{view.pending ?? '—'}</Text>
            {view.pendingReason ? (
              <Text color={resultColor(view.phase)}>{`  ${view.pendingReason}`}</Text>
            ) : null}
          </Text>
        </Box>
      </Box>
    </Box>
  );
}
