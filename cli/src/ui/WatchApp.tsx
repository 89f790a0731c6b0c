// The interactive shell around WatchScreen: follows a snapshot source, ticks the clock for
// countdowns, and turns keys into confirmed actions. It renders; the command wires the data.
import { useApp, useInput } from 'ink';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { describeRollout, type RolloutView } from '../format/view.js';
import { explainWhy } from '../format/why.js';
import type { SnapshotLike } from '../format/snapshot.js';
import { SPINNER } from './symbols.js';
import { relativeTickMs } from './ticks.js';
import { WatchScreen, type StatusMessage } from './WatchScreen.js';
import { Text } from 'ink';

export interface WatchState {
  snapshot?: SnapshotLike;
  /** The driver's latest problem (it keeps running). */
  error?: string;
  /** A message from whoever runs the watch (the demo's narration); shown on the status line. */
  note?: string;
  /** Who approved or denied what (from the rollout's Events). */
}

export interface WatchSource {
  subscribe(listener: () => void): () => void;
  current(): WatchState;
}

/** Each returns the one-line summary to show, or throws an Error whose message is shown. */
export interface WatchActions {
  approve(version: string): Promise<string>;
  deny(version: string): Promise<string>;
  retry(): Promise<string>;
  pin(version: string): Promise<string>;
  unpin(): Promise<string>;
}

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

/** Outcomes of keys and actions fade after a while; prompts, the banner and narration stay. */
type Notice = StatusMessage & { expires?: boolean };
const NOTICE_MS = 10_000;

interface Pending {
  question: string;
  run: () => Promise<string>;
}

export function planKey(
  key: string,
  v: RolloutView,
  actions: WatchActions,
): Pending | StatusMessage | undefined {
  const approvable = v.gates.filter((g) => g.approvable && g.decision === 'Pending');
  switch (key) {
    case 'a': {
      if (!v.pending) return { text: 'nothing to approve: no version is pending', tone: 'info' };
      const pending = v.pending;
      if (approvable.length === 0) {
        return { text: `nothing to approve: no approval gate holds ${pending}`, tone: 'info' };
      }
      return {
        question: `Approve ${pending} on ${approvable.map((g) => g.label).join(', ')}? [y/N]`,
        run: () => actions.approve(pending),
      };
    }
    case 'd': {
      if (!v.pending) return { text: 'nothing to deny: no version is pending', tone: 'info' };
      const pending = v.pending;
      if (!v.gates.some((g) => g.approvable))
        return { text: `no approval gate to deny ${pending} on`, tone: 'info' };
      return {
        question: `Deny ${pending}? It will not be deployed automatically. [y/N]`,
        run: () => actions.deny(pending),
      };
    }
    case 'r':
      if (v.bake.state !== 'failed')
        return { text: 'nothing to retry: the last bake did not fail', tone: 'info' };
      return { question: `Retry ${v.bake.version}? [y/N]`, run: () => actions.retry() };
    case 'p': {
      if (v.pinned)
        return { question: `Unpin ${v.name} (automatic deploys resume)? [y/N]`, run: () => actions.unpin() };
      if (!v.current) return { text: 'nothing to pin: no version is deployed', tone: 'info' };
      const current = v.current;
      return {
        question: `Pin ${v.name} to ${current} (automatic deploys stop)? [y/N]`,
        run: () => actions.pin(current),
      };
    }
    default:
      return undefined;
  }
}

export function WatchApp(p: WatchAppProps) {
  const { exit } = useApp();
  const clock = p.clock ?? (() => new Date());
  const state = useSyncExternalStore(p.source.subscribe, p.source.current);
  const [now, setNow] = useState(clock);
  const [status, setStatus] = useState<Notice | undefined>(
    p.banner ? { text: p.banner, tone: 'info' } : undefined,
  );
  const [confirm, setConfirm] = useState<Pending | undefined>();
  const [showWhy, setShowWhy] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (state.note) setStatus({ text: state.note, tone: 'info' });
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
    const t = setTimeout(() => setNow(clock()), tickMs);
    return () => clearTimeout(t);
  }, [now, tickMs]);

  // An outcome ("✔ v1.3.1 approved") is true when said, not eight minutes later: it fades.
  useEffect(() => {
    if (!status?.expires) return;
    const t = setTimeout(() => setStatus((s) => (s === status ? undefined : s)), p.noticeMs ?? NOTICE_MS);
    return () => clearTimeout(t);
  }, [status, p.noticeMs]);

  const act = (pending: Pending) => {
    setBusy(true);
    setStatus({ text: `${pending.question.replace(/\? \[y\/N\]$/, '')}…`, tone: 'info' });
    pending
      .run()
      .then(
        (summary) => setStatus({ text: `✔ ${summary}`, tone: 'success', expires: true }),
        (e: unknown) =>
          setStatus({
            text: `✖ ${e instanceof Error ? e.message : String(e)}`,
            tone: 'error',
            expires: true,
          }),
      )
      .finally(() => setBusy(false));
  };

  // The input handler may be the one from an earlier render; it reads the latest state from here.
  const latest = useRef({ confirm, view, busy });
  latest.current = { confirm, view, busy };

  useInput(
    (input, key) => {
      const { confirm, view, busy } = latest.current;
      if (confirm) {
        latest.current.confirm = undefined;
        setConfirm(undefined);
        if (input === 'y' || input === 'Y') act(confirm);
        else setStatus({ text: 'cancelled', tone: 'info', expires: true });
        return;
      }
      if (input === 'q' || key.escape) {
        exit();
        return;
      }
      if (input === '?') {
        setShowWhy((s) => !s);
        return;
      }
      if (!view || busy) return;
      const planned = planKey(input, view, p.actions);
      if (!planned) return;
      if ('question' in planned) {
        setConfirm(planned);
        setStatus({ text: planned.question, tone: 'prompt' });
      } else setStatus({ ...planned, expires: true });
    },
    { isActive: p.interactive },
  );

  if (!state.snapshot || !view) {
    return <Text>{state.error ? `✖ ${state.error}` : 'connecting…'}</Text>;
  }
  const why = showWhy ? whyLines(state.snapshot, now) : undefined;
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
