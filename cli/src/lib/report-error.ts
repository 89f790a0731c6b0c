// How a command reports a failure: one line on stderr ("error: … — what to do"), the cause with
// --debug, and the exit code. The oclif base command and the fast path (fast/get.ts) both use it.
import { inspect } from 'node:util';
import { toCliError } from './cli-error.js';
import type { ExitCodeValue } from './exit-codes.js';

export function reportError(err: unknown, debugOn: boolean): ExitCodeValue {
  const e = toCliError(err);
  process.stderr.write(`error: ${e.message}\n`);
  if (debugOn && e.detail !== undefined) {
    process.stderr.write(`${inspect(e.detail, { depth: 6, colors: false })}\n`);
  }
  return e.exitCode;
}
