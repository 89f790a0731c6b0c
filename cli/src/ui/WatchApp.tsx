// The interactive shell around WatchScreen: follows a snapshot source, ticks the clock for
// countdowns, and turns keys into confirmed actions. Its own state is watch-reducer.ts; this
// component only feeds it events (keys, timers, narration) and carries out the effects it returns.
import { Text, useApp, useInput } from 'ink';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { describeRollout } from '../format/view.js';
import { explainWhy } from '../format/why.js';
import type { SnapshotLike } from '../format/snapshot.js';
import { SPINNER } from './symbols.js';
import { relativeTickMs } from './ticks.js';
import type { WatchActions, WatchSource } from './watch-contracts.js';
import { initialUiState, watchReducer, type WatchEvent } from './watch-reducer.js';
import { WatchScreen } from './WatchScreen.js';

export type { WatchActions, WatchSource, WatchState } from './watch-contracts.js';
export { planKey } from './watch-keys.js';

export interface WatchAppProps {
  source: WatchSource;
  actions: WatchActions;
  context: string;
  clock?: () => Date;
  interactive: boolean;
  columns: number;
  rows: number;
  /** A first status line, e.g. the demo's "press a to approve". */
  banner?: string;
  /** How long an action's outcome stays on the status line (default 10 s). */
  noticeMs?: number;
}

const NOTICE_MS = 10_000;

export function WatchApp(p: WatchAppProps) {
  const { exit } = useApp();
  const clock = p.clock ?? (() => new Date());
  const state = useSyncExternalStore(p.source.subscribe, p.source.current);
  const [ui, setUi] = useState(() => initialUiState(clock(), p.banner));
  // Events are reduced against the latest state: an input handler or a timer may be the one from
  // an earlier render.
  const latest = useRef(ui);
  const dispatch = (event: WatchEvent): void => {
    const { state: next, effect } = watchReducer(latest.current, event);
    latest.current = next;
    setUi(next);
    if (effect?.type === 'exit') exit();
    if (effect?.type === 'run') {
      effect.confirmation.run().then(
        (summary) => dispatch({ type: 'settled', ok: true, text: summary }),
        (e: unknown) =>
          dispatch({ type: 'settled', ok: false, text: e instanceof Error ? e.message : String(e) }),
      );
    }
  };
  const { now, status, busy } = ui;

  useEffect(() => {
    if (state.note) dispatch({ type: 'note', text: state.note });
  }, [state.note]);

  const view = state.snapshot ? describeRollout(state.snapshot, now) : undefined;
  const waiting =
    view !== undefined &&
    (view.bake.state === 'deploying' ||
      view.gates.some((g) => !g.idle && g.decision === 'Pending') ||
      view.health.some((h) => h.status === 'Pending'));
  // Spinners step twice a second while something waits, countdowns tick every second while a
  // deploy or bake runs; an idle screen redraws once a minute (its clock then shows HH:MM), which
  // keeps an idle watch near zero CPU.
  const live = waiting || busy || view?.bake.state === 'deploying' || view?.bake.state === 'baking';
  const tickMs = waiting || busy ? 500 : live ? 1000 : view ? relativeTickMs(view, now) : 60_000;
  useEffect(() => {
    const t = setTimeout(() => dispatch({ type: 'tick', now: clock() }), tickMs);
    return () => clearTimeout(t);
  }, [now, tickMs]);

  // An outcome ("✔ v1.3.1 approved") is true when said, not eight minutes later: it fades.
  useEffect(() => {
    if (!status?.expires) return;
    const t = setTimeout(() => dispatch({ type: 'expire', notice: status }), p.noticeMs ?? NOTICE_MS);
    return () => clearTimeout(t);
  }, [status, p.noticeMs]);

  const latestView = useRef(view);
  latestView.current = view;
  useInput(
    (input, key) =>
      dispatch({ type: 'key', input, escape: key.escape, view: latestView.current, actions: p.actions }),
    { isActive: p.interactive },
  );

  if (!state.snapshot || !view) {
    return <Text>{state.error ? `✖ ${state.error}` : 'connecting…'}</Text>;
  }
  const why = ui.showWhy ? whyLines(state.snapshot, now) : undefined;
  const shown = status ?? (state.error ? { text: `! ${state.error}`, tone: 'error' as const } : undefined);
  return (
    <WatchScreen
      view={view}
      context={p.context}
      now={now}
      columns={p.columns}
      rows={p.rows}
      spin={SPINNER[Math.floor(now.getTime() / 500) % SPINNER.length]!}
      status={shown}
      why={why}
      interactive={p.interactive}
      seconds={live}
    />
  );
}

function whyLines(snap: SnapshotLike, now: Date): string[] {
  const a = explainWhy(snap, now);
  return [
    a.version && a.state !== 'live'
      ? `Why ${a.version} is not live (press ? to close):`
      : 'Why (press ? to close):',
    ...a.chain.map((c) => (c.startsWith('  ') ? `    ${c.trim()}` : `  → ${c}`)),
    ...a.commands.slice(0, 2).map((c) => `  $ ${c}`),
  ];
}
