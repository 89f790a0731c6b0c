// @kuberik/core/driver — runs the engine for a scope of rollouts (CLI watch, controller, VS Code).
export * from './api.js';
export { createDriver, type EngineDriver } from './driver.js';
export { FakeClock, systemClock } from './clock.js';
export {
  MANAGED_BY,
  SHARD_ANNOTATION,
  leaseExpired,
  leaseExpiresAt,
  liveHolder,
  microTime,
  shardRef,
} from './lease-record.js';
export { DEFAULT_SHARDS, MAX_SHARDS, shardLeaseName, shardOf } from './shards.js';
