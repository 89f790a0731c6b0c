// Manual actions (spec §4). Each is expressed exactly as the spec says, so kubectl can do the same;
// each is conflict-safe, idempotent, and refuses with a KubeError whose message says why.
import type { RolloutKey } from '../driver/api.js';

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

export interface ActionResult {
  /** One line for humans: what changed ("v1.3.0 approved on production-approval"). */
  summary: string;
  /** The version acted on. */
  version?: string;
  /** Names of objects written; empty when it was already so (idempotent). */
  changed: string[];
}

export interface RolloutActions {
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
