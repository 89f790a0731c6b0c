// Waiting for Ink frames instead of sleeping: a test awaits the condition it needs (the frame shows
// a text, Ink listens for keys), however slowly a loaded machine renders it.
import type { EventEmitter } from 'node:events';

const POLL_MS = 10;
const TIMEOUT_MS = 15_000;

async function until(ok: () => boolean, what: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** Resolves with the first frame that contains `text` (or matches it); fails with the last frame. */
export async function frameShowing(
  lastFrame: () => string | undefined,
  text: string | RegExp,
  timeoutMs = TIMEOUT_MS,
): Promise<string> {
  const matches = (): boolean => {
    const f = lastFrame() ?? '';
    return typeof text === 'string' ? f.includes(text) : text.test(f);
  };
  await until(
    matches,
    () => `a frame showing ${String(text)}; the last one was:\n${lastFrame() ?? ''}`,
    timeoutMs,
  );
  return lastFrame() ?? '';
}

/** Resolves once Ink reads keys from this stdin (useInput is active): earlier writes are lost. */
export async function keysHeard(stdin: EventEmitter, timeoutMs = TIMEOUT_MS): Promise<void> {
  await until(
    () => stdin.listenerCount('readable') > 0,
    () => 'Ink to listen for keys',
    timeoutMs,
  );
}
