// One error type for everything a command reports: a one-line message, an exit code, and the raw
// cause kept for --debug. Refused actions map through lib/rejection.ts, other KubeErrors by kind.
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import { rejectionExitCode, rejectionLine, thrownRejection } from './rejection.js';

export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: ExitCodeValue = ExitCode.Error,
    readonly detail?: unknown,
  ) {
    super(message);
  }
}

interface KubeErrorLike {
  name: string;
  kind: string;
  message: string;
  detail?: unknown;
}

const isKubeErrorLike = (e: unknown): e is KubeErrorLike =>
  e instanceof Error && e.name === 'KubeError' && typeof (e as { kind?: unknown }).kind === 'string';

const kindToExit: Record<string, ExitCodeValue> = {
  NotFound: ExitCode.NotFound,
  Forbidden: ExitCode.Forbidden,
};

/** Maps any thrown value to a CliError without losing the cause. */
export function toCliError(e: unknown): CliError {
  if (e instanceof CliError) return e;
  const rejection = thrownRejection(e);
  if (rejection) return new CliError(rejectionLine(rejection), rejectionExitCode(rejection), e);
  if (isKubeErrorLike(e)) return new CliError(e.message, kindToExit[e.kind] ?? ExitCode.Error, e.detail ?? e);
  // oclif's own parse errors (unknown flag, missing arg) carry a clean message already.
  if (e instanceof Error) {
    const oclif = (e as { oclif?: { exit?: number } }).oclif;
    const message = oclif ? e.message.split('\n')[0]! : `unexpected error: ${e.message.split('\n')[0]}`;
    return new CliError(message + (oclif ? '' : ' (run again with --debug for details)'), ExitCode.Error, e);
  }
  return new CliError(`unexpected error: ${String(e)}`, ExitCode.Error, e);
}
