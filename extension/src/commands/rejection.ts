// A refused action as a notification: core's one line (the same the CLI prints), shown as a warning
// when the request does not fit the rollout's state now, as an error when something is missing or
// forbidden. Exhaustive on purpose: a new kind does not compile until it has a severity here.
import type { Rejection, RejectionKind } from '@kuberik/core/actions';
import * as vscode from 'vscode';
import { errorMessage } from '../errors.js';

const SEVERITY: Record<RejectionKind, 'warning' | 'error'> = {
  RolloutNotFound: 'error',
  VersionUnknown: 'error',
  GateNotFound: 'error',
  Forbidden: 'error',
  NoPendingVersion: 'warning',
  NoGates: 'warning',
  ScheduleGate: 'warning',
  GateClosed: 'warning',
  NotCandidate: 'warning',
  Pinned: 'warning',
  NothingToRetry: 'warning',
  NotBlocked: 'warning',
  NoRollbackTarget: 'warning',
  WouldBeRefused: 'warning',
};

/** Structural (core is loaded lazily): the Rejection an ActionRejected carries. */
function rejectionIn(e: unknown): Rejection | undefined {
  const r = e instanceof Error ? (e as { rejection?: Partial<Rejection> }).rejection : undefined;
  return r && typeof r.kind === 'string' && r.kind in SEVERITY && typeof r.message === 'string'
    ? (r as Rejection)
    : undefined;
}

/** Shows why an action failed: a rejection by its severity, anything else as an error. */
export function notifyFailure(e: unknown): void {
  const r = rejectionIn(e);
  if (r && SEVERITY[r.kind] === 'warning') void vscode.window.showWarningMessage(r.message);
  else void vscode.window.showErrorMessage(r?.message ?? errorMessage(e));
}
