// Runs a started watch to its end: the Ink TUI on a terminal, the line log elsewhere; resolves with
// the --until verdict, a timeout, or the user quitting. Always leaves the terminal as it found it.
import { describeRollout, type RolloutView } from '../format/view.js';
import { formatDuration } from '../format/duration.js';
import { targetOf, untilVerdict, type Until, type Verdict } from '../format/until.js';
import { explainWhy, whyOneLine } from '../format/why.js';
import { ExitCode } from '../lib/exit-codes.js';
import { startLineLogger } from './line-logger.js';
import type { WatchActions, WatchSource } from '../ui/watch-contracts.js';

/** The terminal the TUI draws on and reads keys from (the process's own unless injected, e.g. in tests). */
export interface TerminalStreams {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
}

export interface RunWatchOptions {
  /** A started watch (services/watch.ts): only its snapshots and actions are used here. */
  handle: { store: WatchSource; actions: WatchActions };
  context: string;
  tui: boolean;
  until?: Until;
  /** The version --until is about (default: pending at start, else live). */
  version?: string;
  timeoutMs?: number;
  /** When the command started (--timeout counts from there); default: now. */
  startedAt?: number;
  noWait?: boolean;
  banner?: string;
  write?: (line: string) => void;
  /** Line mode: how often bake milestones are re-checked. */
  tickMs?: number;
  /** Resolves when the caller wants the watch to end (the demo's story). */
  stopWhen?: Promise<Verdict>;
  /** TUI mode: the terminal to use (default: process.stdin and process.stdout). */
  streams?: TerminalStreams;
}

const ALT_ON = '\x1b[?1049h';
const ALT_OFF = '\x1b[?1049l';
const CURSOR_ON = '\x1b[?25h';

/** Verdict tracking shared by both modes: fixes the target on the first view. */
function tracker(o: RunWatchOptions, resolve: (v: Verdict) => void) {
  let target: string | undefined;
  let initialCurrent: string | undefined;
  let first = true;
  return (view: RolloutView) => {
    if (!o.until) return;
    if (first) {
      target = o.version ?? targetOf(view);
      initialCurrent = view.current;
      first = false;
    }
    const v = untilVerdict(o.until, target, view, o.noWait, initialCurrent);
    if (v) resolve(v);
  };
}

export async function runWatch(o: RunWatchOptions): Promise<Verdict | undefined> {
  const write = o.write ?? ((l: string) => process.stdout.write(`${l}\n`));
  let settle!: (v: Verdict | undefined) => void;
  const outcome = new Promise<Verdict | undefined>((r) => (settle = r));
  const onView = tracker(o, (v) => settle(v));
  o.stopWhen?.then(settle, () => undefined);

  const timeout =
    o.timeoutMs !== undefined
      ? setTimeout(
          () => {
            const snap = o.handle.store.current().snapshot;
            const why = snap ? whyOneLine(explainWhy(snap, new Date())) : undefined;
            settle({
              code: ExitCode.TimedOut,
              message:
                `timed out after ${formatDuration(o.timeoutMs!)} waiting for --until ${o.until ?? ''}`.trim() +
                (why ? ` — ${why}` : ''),
            });
          },
          Math.max(0, o.timeoutMs - (Date.now() - (o.startedAt ?? Date.now()))),
        )
      : undefined;
  const onSignal = () => settle(o.until ? { code: ExitCode.Error, message: 'interrupted' } : undefined);
  process.once('SIGTERM', onSignal);

  try {
    if (!o.tui) {
      process.once('SIGINT', onSignal);
      const log = startLineLogger({ source: o.handle.store, write, onView, tickMs: o.tickMs });
      try {
        return await outcome;
      } finally {
        log.flush();
        log.stop();
        process.off('SIGINT', onSignal);
      }
    }
    return await runTui(o, outcome, onView, settle);
  } finally {
    if (timeout) clearTimeout(timeout);
    process.off('SIGTERM', onSignal);
  }
}

async function runTui(
  o: RunWatchOptions,
  outcome: Promise<Verdict | undefined>,
  onView: (v: RolloutView) => void,
  settle: (v: Verdict | undefined) => void,
): Promise<Verdict | undefined> {
  const [{ render }, { WatchApp }] = await Promise.all([import('ink'), import('../ui/WatchApp.js')]);
  const out = o.streams?.stdout ?? process.stdout;
  const keys = o.streams?.stdin ?? process.stdin;
  const restore = () => out.write(`${ALT_OFF}${CURSOR_ON}`);
  out.write(ALT_ON);
  process.once('exit', restore);
  const unsubscribe = o.handle.store.subscribe(() => {
    const snap = o.handle.store.current().snapshot;
    if (snap) onView(describeRollout(snap, new Date()));
  });
  const first = o.handle.store.current().snapshot;
  if (first) onView(describeRollout(first, new Date()));
  const size = { columns: out.columns || 80, rows: out.rows || 24 };
  const screen = () => (
    <WatchApp
      source={o.handle.store}
      actions={o.handle.actions}
      context={o.context}
      interactive={Boolean(keys.isTTY)}
      columns={size.columns}
      rows={size.rows}
      banner={o.banner}
    />
  );
  // The one Ink render of the CLI, on the injected terminal.
  const app = render(screen(), {
    stdout: out,
    stdin: keys,
    maxFps: 10,
    patchConsole: false,
    exitOnCtrlC: true,
  });
  const onResize = () => {
    size.columns = out.columns || 80;
    size.rows = out.rows || 24;
    app.clear();
    app.rerender(screen());
  };
  out.on('resize', onResize);
  app.waitUntilExit().then(
    () => settle(undefined),
    () => settle(undefined),
  );
  try {
    return await outcome;
  } finally {
    unsubscribe();
    out.off('resize', onResize);
    app.unmount();
    await app.waitUntilExit().catch(() => undefined);
    restore();
    process.off('exit', restore);
  }
}
