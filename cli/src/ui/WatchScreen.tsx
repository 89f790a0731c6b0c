// The whole `watch` frame (ux.md §2), rendered from props only.
import { Box, Text } from 'ink';
import { noDriverHint } from '@kuberik/core/present';
import type { RolloutView } from '../format/view.js';
import { BakeBar } from './BakeBar.js';
import { Header } from './Header.js';
import { HistoryPanel } from './HistoryPanel.js';
import { layoutFor } from './layout.js';
import { GatesPanel, HealthPanel } from './Panels.js';

export type Tone = 'info' | 'success' | 'error' | 'prompt';

export interface StatusMessage {
  text: string;
  tone: Tone;
}

export interface WatchScreenProps {
  view: RolloutView;
  context: string;
  now: Date;
  columns: number;
  rows: number;
  spin: string;
  status?: StatusMessage;
  /** The `?` panel: the why chain, replacing history while shown. */
  why?: string[];
  /** Show the key bar (false when stdin is not interactive). */
  interactive: boolean;
  /** Clock with seconds (only while something ticks). */
  seconds?: boolean;
}

const toneColor: Record<Tone, 'blue' | 'green' | 'red' | 'yellow'> = {
  info: 'blue',
  success: 'green',
  error: 'red',
  prompt: 'yellow',
};

export function WatchScreen(p: WatchScreenProps) {
  const width = Math.max(40, p.columns);
  const v = p.view;
  const layout = layoutFor({
    rows: p.rows,
    gates: v.gates.length,
    health: v.health.length,
    history: v.history.length,
    problem: Boolean(v.problem || v.warning || v.recovery),
    why: p.why?.length ?? 0,
  });
  const half = Math.floor(width / 2);
  return (
    <Box flexDirection="column" width={width}>
      <Header view={v} context={p.context} now={p.now} width={width} seconds={p.seconds ?? true} />
      <Box>
        <GatesPanel gates={v.gates} rows={layout.sectionRows} width={half} spin={p.spin} />
        <HealthPanel
          health={v.health}
          rows={layout.sectionRows}
          width={width - half}
          spin={p.spin}
          bakeTimeMs={v.bakeTimeMs}
        />
      </Box>
      <BakeBar bake={v.bake} spin={p.spin} />
      {v.recovery ? (
        <Text color="yellow" wrap="truncate">
          {`! ${v.recovery.text}`}
        </Text>
      ) : v.problem ? (
        <Text color="red" wrap="truncate">
          {`! ${v.problem}`}
        </Text>
      ) : v.warning ? (
        <Text color="yellow" wrap="truncate">
          {`! ${v.warning}`}
        </Text>
      ) : null}
      {p.why && layout.whyRows > 0 ? (
        <Box flexDirection="column">
          {p.why.slice(0, layout.whyRows).map((line, i) => (
            <Text key={i} wrap="truncate" color={i === 0 ? 'cyan' : undefined}>
              {line}
            </Text>
          ))}
        </Box>
      ) : layout.showHistory ? (
        <HistoryPanel history={v.history} rows={layout.historyRows} now={p.now} />
      ) : null}
      {p.status ? (
        <Text color={toneColor[p.status.tone]} wrap="truncate">
          {p.status.text}
        </Text>
      ) : (
        <Text dimColor wrap="truncate">
          {statusHint(v)}
        </Text>
      )}
      {p.interactive ? (
        <Text dimColor wrap="truncate">
          {`[a] approve  [d] deny  [r] retry  [p] ${v.pinned ? 'unpin' : 'pin'}  [?] why  [q] quit`}
        </Text>
      ) : null}
    </Box>
  );
}

/** The way back from a recovery-mode deploy, offered on the hint line. */
export function rollbackOffer(v: RolloutView): string {
  const ns = v.namespace !== 'default' ? ` -n ${v.namespace}` : '';
  const back = v.recovery?.rollbackTo ? ` --to ${v.recovery.rollbackTo}` : '';
  return `to undo it: kubectl kuberik rollback ${v.name}${back}${ns}`;
}

function statusHint(v: RolloutView): string {
  if (v.driver.kind === 'none') return noDriverHint(v.name, v.namespace);
  if (v.recovery) return rollbackOffer(v);
  const approvable = v.gates.some((g) => g.approvable && g.decision === 'Pending');
  if (v.pending && approvable) return `${v.pending} awaits approval — press a to approve`;
  if (v.bake.state === 'failed') return `${v.bake.version} failed — press r to retry, ? for why`;
  if (v.phase === 'Succeeded' && !v.pending) return `${v.current} is live; waiting for new versions`;
  return v.pending ? `${v.pending}: ${v.pendingReason ?? v.phase}` : `phase ${v.phase}`;
}
