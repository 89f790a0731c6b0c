// The seam between the driver and who-drives-what: per-rollout renewed Leases (lease.ts, for a
// `watch` and the extension) or shard Leases (sharded-leases.ts, for controller replicas).
import type { LeaseState, RolloutKey } from './api.js';

export interface RolloutLeases {
  /** Lease requests waiting or in flight. */
  readonly pending: number;
  /** Starts whatever runs beside the rollouts (shard Leases); resolves once it can answer. */
  start?(): Promise<void>;
  /** Is this holderIdentity ours? (Lease events about our own lease need no reconcile.) */
  isMine(holder: unknown): boolean;
  /** The rollout is in scope: try to drive it. Idempotent. */
  want(key: RolloutKey): void;
  /** Its per-rollout Lease changed (informer): if it is free now, try at once. */
  poke(key: RolloutKey): void;
  state(key: RolloutKey): LeaseState;
  driving(key: RolloutKey): boolean;
  /** The rollout is gone: stop driving it and clear its Lease if ours. */
  release(key: RolloutKey): Promise<void>;
  /** Stop without releasing anything (a crash, for tests): leases expire on their own. */
  abandon(): void;
  releaseAll(): Promise<void>;
}
