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

/** Appended to the help of every command, so the contract is one `-h` away. */
export const EXIT_CODES_HELP = `Exit codes:
  0   success
  1   usage or unexpected error
  2   rollout, version or gate not found
  3   forbidden (RBAC)
  10  bake failed
  11  timed out (--timeout)
  12  version rejected
  13  waiting for approval (--until deployed --no-wait)`;
