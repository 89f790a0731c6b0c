// The exit-code contract of every command (ux.md §1). CI pipelines branch on these numbers.
export const ExitCode = {
  Ok: 0,
  Error: 1,
  NotFound: 2,
  Forbidden: 3,
  BakeFailed: 10,
  TimedOut: 11,
  Rejected: 12,
  AwaitingApproval: 13,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

const MEANING: Record<ExitCodeValue, string> = {
  0: 'success',
  1: 'usage or unexpected error',
  2: 'rollout, version or gate not found',
  3: 'forbidden (RBAC)',
  10: 'bake failed',
  11: 'timed out (--timeout)',
  12: 'version rejected',
  13: 'waiting for approval (--until deployed --no-wait)',
};

/** The exit codes one command can return, for its help: the contract is one `-h` away. */
export function exitCodesHelp(...codes: ExitCodeValue[]): string {
  return ['Exit codes:', ...codes.map((c) => `  ${String(c).padEnd(3)} ${MEANING[c]}`)].join('\n');
}

/** Commands that read or write the cluster: success, usage, not found, forbidden. */
export const CLUSTER_EXIT_CODES_HELP = exitCodesHelp(0, 1, 2, 3);
/** Commands that never talk to a cluster the user names. */
export const LOCAL_EXIT_CODES_HELP = exitCodesHelp(0, 1);
/** Every code (watch can return them all). */
export const EXIT_CODES_HELP = exitCodesHelp(0, 1, 2, 3, 10, 11, 12, 13);
