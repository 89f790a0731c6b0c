// Why an action refused, as data: the UIs map `kind` to their own signal (the CLI to an exit code,
// the extension to a notification) and show `message`, which core writes once for all of them.
import { KubeError } from '../kube/errors.js';
import type { ActionName } from './api.js';

/** What kind of "no" it is, for a UI that needs only the broad class (exit 2, 3 or 1). */
export type RejectionHint = 'NotFound' | 'Forbidden' | 'Invalid';

export type RejectionDetail =
  /** `others`: how many rollouts the namespace has (none of them close enough to suggest). */
  | { kind: 'RolloutNotFound'; namespace: string; suggestions: string[]; others: number }
  | { kind: 'VersionUnknown'; version: string; suggestions: string[] }
  | { kind: 'GateNotFound'; gate: string; gates: string[] }
  | { kind: 'NoPendingVersion' }
  | { kind: 'NoGates'; version: string }
  | { kind: 'ScheduleGate'; gate: string; schedule: string }
  /** Only closed gates (spec.passing: false) hold the version; an approval cannot open them. */
  | { kind: 'GateClosed'; version: string; gates: string[] }
  | { kind: 'NotCandidate'; version: string; candidates: string[] }
  | { kind: 'Pinned'; pinnedTo: string }
  | { kind: 'NothingToRetry' }
  | { kind: 'NotBlocked' }
  | { kind: 'NoRollbackTarget' }
  /** The engine would refuse the request on what the driver observes now (spec §10.10). */
  | { kind: 'WouldBeRefused' }
  /** RBAC refused a read or write; the message names verb, resource and namespace. */
  | { kind: 'Forbidden' };

export type RejectionKind = RejectionDetail['kind'];

export type Rejection = RejectionDetail & {
  action: ActionName;
  /** The rollout's name. */
  rollout: string;
  /** One line, written for humans: what is wrong and what to do. */
  message: string;
  hint: RejectionHint;
};

const HINTS: Record<RejectionKind, RejectionHint> = {
  RolloutNotFound: 'NotFound',
  VersionUnknown: 'NotFound',
  GateNotFound: 'NotFound',
  Forbidden: 'Forbidden',
  NoPendingVersion: 'Invalid',
  NoGates: 'Invalid',
  ScheduleGate: 'Invalid',
  GateClosed: 'Invalid',
  NotCandidate: 'Invalid',
  Pinned: 'Invalid',
  NothingToRetry: 'Invalid',
  NotBlocked: 'Invalid',
  NoRollbackTarget: 'Invalid',
  WouldBeRefused: 'Invalid',
};

export function rejection(
  action: ActionName,
  rollout: string,
  detail: RejectionDetail,
  message: string,
): Rejection {
  return { ...detail, action, rollout, message, hint: HINTS[detail.kind] };
}

export const isRejection = (x: unknown): x is Rejection =>
  typeof x === 'object' &&
  x !== null &&
  typeof (x as { kind?: unknown }).kind === 'string' &&
  (x as { kind: string }).kind in HINTS &&
  typeof (x as { message?: unknown }).message === 'string';

/**
 * Thrown by every action that refuses. A KubeError (kind = the hint) so callers that only know
 * KubeError keep their one-line message and exit code; `rejection` carries the typed reason.
 */
export class ActionRejected extends KubeError {
  constructor(
    readonly rejection: Rejection,
    cause?: unknown,
  ) {
    super(rejection.hint, rejection.message, cause ?? rejection);
  }
}

/** The rejection behind a thrown value, or undefined. Structural, so bundles need not share classes. */
export function rejectionOf(e: unknown): Rejection | undefined {
  const r = e instanceof Error ? (e as { rejection?: unknown }).rejection : undefined;
  return isRejection(r) ? r : undefined;
}
