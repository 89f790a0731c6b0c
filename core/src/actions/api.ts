// Manual actions (spec §4). Each is expressed exactly as the spec says, so kubectl can do the same;
// each is conflict-safe, idempotent, and refuses with an ActionRejected whose `rejection` says why.
import type { RolloutKey } from '../driver/api.js';
import type { Observed } from '../engine/index.js';
import type { Rollout } from '../model/index.js';

export type ActionName =
  'approve' | 'deny' | 'deploy' | 'bypassGates' | 'pin' | 'unpin' | 'rollback' | 'retry' | 'unblock';

export interface ApproveOptions {
  /** Defaults to status.pendingVersion. */
  version?: string;
  /** One gate by name; default every approval gate that holds the version. */
  gate?: string;
  message?: string;
}

export interface PinOptions {
  message?: string;
  /** Accept a tag the ImagePolicy never reported (spec §2.1: wantedVersion may be any tag). */
  allowUnknown?: boolean;
}

/** One action and its arguments, as `prepare` takes it. */
export type ActionRequest =
  | ({ action: 'approve' | 'deny' } & ApproveOptions)
  | { action: 'deploy' | 'bypassGates'; version: string; message?: string }
  | ({ action: 'pin'; version: string } & PinOptions)
  | { action: 'rollback'; to?: string; message?: string }
  | { action: 'unpin' | 'retry' | 'unblock' };

export interface PrepareOptions {
  /**
   * The rollout as the caller already observes it (a driver's cache): no GET then. `null`: the
   * caller's complete read found no such rollout, so only the names for "did you mean" are listed.
   */
  rollout?: Rollout | null;
  /**
   * What the driver observes for it: a deploy or retry the engine would refuse right now is then
   * rejected up front (WouldBeRefused) instead of written and refused later.
   */
  observed?: Observed;
}

export interface ActionResult {
  /** One line for humans: what changed ("v1.3.0 approved on production-approval"). */
  summary: string;
  /** The version acted on. */
  version?: string;
  /** Names of objects written; empty when it was already so (idempotent). */
  changed: string[];
}

export interface Committed {
  result: ActionResult;
  /** The Rollout as the write returned it, when the action patched the Rollout. */
  rollout?: Rollout;
}

/** A validated action: read and checked, nothing written yet. */
export interface PreparedAction {
  readonly rollout: Rollout;
  /** The version it acts on: the pending one, the rollback target, the failed one… */
  readonly version?: string;
  /** Writes it; refusals found only now (RBAC) still come as ActionRejected. */
  commit(): Promise<Committed>;
}

export interface RolloutActions {
  /** Reads what the action needs and checks it; throws ActionRejected, writes nothing. */
  prepare(key: RolloutKey, request: ActionRequest, opts?: PrepareOptions): Promise<PreparedAction>;
  approve(key: RolloutKey, opts?: ApproveOptions): Promise<ActionResult>;
  deny(key: RolloutKey, opts?: ApproveOptions): Promise<ActionResult>;
  /** One-shot force deploy through the force-deploy annotation. */
  deploy(key: RolloutKey, version: string, opts?: { message?: string }): Promise<ActionResult>;
  /**
   * Deploy a release candidate through automation with its gates set aside (annotation
   * rollout.kuberik.com/bypass-gates). Health and failed-bake blocking still apply.
   */
  bypassGates(key: RolloutKey, version: string, opts?: { message?: string }): Promise<ActionResult>;
  /**
   * Sets spec.wantedVersion. A tag the rollout never saw is refused unless `allowUnknown` (an
   * emergency hotfix the ImagePolicy does not report).
   */
  pin(key: RolloutKey, version: string, opts?: PinOptions): Promise<ActionResult>;
  unpin(key: RolloutKey): Promise<ActionResult>;
  /** Pins the previous succeeded version, or `to`. */
  rollback(key: RolloutKey, opts?: { to?: string; message?: string }): Promise<ActionResult>;
  retry(key: RolloutKey): Promise<ActionResult>;
  unblock(key: RolloutKey): Promise<ActionResult>;
}
