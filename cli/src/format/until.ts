// `watch --until …`: when the wait is over and with which exit code. Pure: a view in, a verdict out.
import { ExitCode, type ExitCodeValue } from '../lib/exit-codes.js';
import type { RolloutView } from './view.js';

export const UNTIL = ['succeeded', 'done', 'deployed', 'awaiting-approval'] as const;
export type Until = (typeof UNTIL)[number];

export interface Verdict {
  code: ExitCodeValue;
  message: string;
}

const awaitingApproval = (v: RolloutView, version: string): boolean =>
  v.pending === version && v.gates.some((g) => g.approvable && g.decision === 'Pending');

/** The version the wait is about: what is pending when it starts, else what is live. */
export const targetOf = (v: RolloutView): string | undefined => v.pending ?? v.current;

/**
 * `initialCurrent` is what was live when the wait began: "went out without approval" only counts
 * for a version that was not already live then.
 */
export function untilVerdict(
  until: Until,
  target: string | undefined,
  v: RolloutView,
  noWait = false,
  initialCurrent?: string,
): Verdict | undefined {
  if (until === 'done') {
    if (v.pending && !v.rejected.includes(v.pending)) {
      return noWait && awaitingApproval(v, v.pending)
        ? { code: ExitCode.AwaitingApproval, message: `${v.pending} is waiting for approval` }
        : undefined;
    }
    if (v.bake.state === 'deploying' || v.bake.state === 'baking') return undefined;
    if (target && v.rejected.includes(target))
      return { code: ExitCode.Rejected, message: `${target} was rejected` };
    if (v.bake.state === 'failed')
      return {
        code: ExitCode.BakeFailed,
        message: `${v.bake.version} failed its bake${v.bake.message ? `: ${v.bake.message}` : ''}`,
      };
    return {
      code: ExitCode.Ok,
      message: v.current ? `${v.current} is live; nothing pending` : 'nothing to deploy',
    };
  }
  if (until === 'awaiting-approval' && v.pending && awaitingApproval(v, v.pending)) {
    return { code: ExitCode.Ok, message: `${v.pending} is waiting for approval` };
  }
  if (!target)
    return until === 'awaiting-approval' ? undefined : { code: ExitCode.Ok, message: 'nothing to deploy' };
  if (v.rejected.includes(target)) return { code: ExitCode.Rejected, message: `${target} was rejected` };
  const entry = v.history.find((h) => h.version === target);
  if (entry?.result === 'Failed') {
    return {
      code: ExitCode.BakeFailed,
      message: `${target} failed its bake${entry.message ? `: ${entry.message}` : ''}`,
    };
  }
  switch (until) {
    case 'awaiting-approval':
      if (v.current === target && target !== initialCurrent) {
        return { code: ExitCode.Ok, message: `${target} was deployed without waiting for approval` };
      }
      return undefined;
    case 'deployed':
      if (v.current === target) return { code: ExitCode.Ok, message: `${target} is deployed` };
      break;
    case 'succeeded':
      if (entry?.result === 'Succeeded') return { code: ExitCode.Ok, message: `${target} succeeded` };
      break;
  }
  if (noWait && awaitingApproval(v, target)) {
    return { code: ExitCode.AwaitingApproval, message: `${target} is waiting for approval` };
  }
  return undefined;
}
