// The TUI path of runWatch on an injected terminal: frames are awaited on the fake stdout, keys go
// in through the fake stdin, and the terminal is handed back as found (alternate screen left).
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { WatchActions, WatchState } from '../ui/watch-contracts.js';
import { story } from '../testing/fixtures.js';
import { frameShowing, keysHeard } from '../testing/frames.js';
import { runWatch, type TerminalStreams } from './run-watch.js';

const ALT_ON = '\x1b[?1049h';
const ALT_OFF = '\x1b[?1049l';
const CURSOR_ON = '\x1b[?25h';
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** A terminal of 100×30 that records everything drawn on it. */
function terminal(): TerminalStreams & { written: () => string; screen: () => string } {
  const stdin = Object.assign(new PassThrough(), {
    isTTY: true,
    setRawMode: () => stdin,
    ref: () => stdin,
    unref: () => stdin,
  });
  stdin.setEncoding('utf8');
  let written = '';
  const stdout = Object.assign(new PassThrough(), { isTTY: true, columns: 100, rows: 30 });
  stdout.on('data', (chunk: Buffer) => (written += chunk.toString('utf8')));
  return {
    stdin: stdin as unknown as NodeJS.ReadStream,
    stdout: stdout as unknown as NodeJS.WriteStream,
    written: () => written,
    screen: () => written.replace(ANSI, ''),
  };
}

const source = (state: WatchState) => ({ subscribe: () => () => undefined, current: () => state });
let stop: (() => void) | undefined;
afterEach(() => stop?.());

describe('runWatch on an injected terminal', { timeout: 60_000 }, () => {
  it('draws on it, reads keys from it, and restores it when q quits', async () => {
    const calls: string[] = [];
    const actions: WatchActions = {
      approve: async (v) => (calls.push(`approve ${v}`), `approved ${v}`),
      deny: async (v) => `denied ${v}`,
      retry: async () => 'retried',
      pin: async (v) => `pinned ${v}`,
      unpin: async () => 'unpinned',
    };
    const term = terminal();
    const done = runWatch({
      handle: { store: source({ snapshot: story() }), actions },
      context: 'kind-dev',
      tui: true,
      streams: term,
    });
    stop = () => term.stdin.write('q');
    await frameShowing(term.screen, 'Production approval');
    expect(term.written().startsWith(ALT_ON)).toBe(true);
    await keysHeard(term.stdin);
    term.stdin.write('a');
    await frameShowing(term.screen, 'Approve v1.3.0 on Production approval? [y/N]');
    term.stdin.write('y');
    await frameShowing(term.screen, '✔ approved v1.3.0');
    expect(calls).toEqual(['approve v1.3.0']);
    term.stdin.write('q');
    await expect(done).resolves.toBeUndefined();
    stop = undefined;
    expect(term.written().endsWith(`${ALT_OFF}${CURSOR_ON}`)).toBe(true);
  });
});
