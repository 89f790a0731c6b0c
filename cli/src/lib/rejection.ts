// The one place a refused action becomes CLI output: core's message, a kubectl-specific remedy where
// the CLI has one, and the exit code by kind (ux.md §1). The table is exhaustive on purpose: a new
// kind of rejection does not compile until someone decides its exit code here.
import type { Rejection, RejectionKind } from '@kuberik/core/actions';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';

const EXIT: Record<RejectionKind, ExitCodeValue> = {
  RolloutNotFound: ExitCode.NotFound,
  VersionUnknown: ExitCode.NotFound,
  GateNotFound: ExitCode.NotFound,
  Forbidden: ExitCode.Forbidden,
  NoPendingVersion: ExitCode.Error,
  NoGates: ExitCode.Error,
  ScheduleGate: ExitCode.Error,
  GateClosed: ExitCode.Error,
  NotCandidate: ExitCode.Error,
  Pinned: ExitCode.Error,
  NothingToRetry: ExitCode.Error,
  NotBlocked: ExitCode.Error,
  NoRollbackTarget: ExitCode.Error,
  WouldBeRefused: ExitCode.Error,
};

/** The command line that would do it, where the rejection's own words cannot name a flag. */
function remedy(r: Rejection): string {
  switch (r.kind) {
    case 'RolloutNotFound':
      return r.suggestions.length === 0 && r.others > 0
        ? ` — list them with: kubectl kuberik get -n ${r.namespace}`
        : '';
    case 'VersionUnknown':
      return r.action === 'pin' ? '; to pin a tag the ImagePolicy never reported, add --allow-unknown' : '';
    case 'NoPendingVersion':
      return `: kubectl kuberik ${r.action} ${r.rollout} VERSION`;
    case 'NoRollbackTarget':
      return `: kubectl kuberik rollback ${r.rollout} --to VERSION`;
    default:
      return '';
  }
}

export const rejectionLine = (r: Rejection): string => r.message + remedy(r);
export const rejectionExitCode = (r: Rejection): ExitCodeValue => EXIT[r.kind];

/** Structural (no import of core at start-up): the Rejection an ActionRejected carries. */
export function thrownRejection(e: unknown): Rejection | undefined {
  const r = e instanceof Error ? (e as { rejection?: Partial<Rejection> }).rejection : undefined;
  return r && typeof r.kind === 'string' && r.kind in EXIT && typeof r.message === 'string'
    ? (r as Rejection)
    : undefined;
}
