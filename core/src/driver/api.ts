// The driver's public contract: what UIs (CLI watch, controller, VS Code) subscribe to.
import type { EventRecord, Observed, Plan } from '../engine/plan.js';
import type { Kube } from '../kube/client.js';
import type { KubeError } from '../kube/errors.js';
import type { HealthCheck, Rollout, RolloutGate } from '../model/index.js';

export interface RolloutKey {
  namespace: string;
  name: string;
}

export interface LeaseState {
  /** holderIdentity of the current lease, if any and unexpired. */
  holder?: string;
  /** True when this process holds the lease and drives the rollout. */
  driving: boolean;
}

/** Everything a UI needs to draw one rollout; immutable, replaced on every change. */
export interface RolloutSnapshot {
  key: RolloutKey;
  rollout: Rollout;
  /** The gates that reference this rollout. */
  gates: RolloutGate[];
  /** The HealthChecks selected by the rollout's healthCheckSelector. */
  healthChecks: HealthCheck[];
  lease: LeaseState;
  /** When this snapshot was taken (driver clock). */
  observedAt: Date;
}

export type DriverEvent =
  | { type: 'snapshot'; snapshot: RolloutSnapshot }
  | { type: 'removed'; key: RolloutKey }
  /** A lifecycle event the engine recorded (Deployed, BakeStarted, Succeeded, Failed, Approved, …). */
  | { type: 'event'; key: RolloutKey; event: EventRecord; at: Date }
  /** A problem the driver is working around (it keeps running); UIs show it in a status line. */
  | { type: 'error'; key?: RolloutKey; error: KubeError };

export interface DriverScope {
  /** Namespace to watch; undefined means all namespaces. */
  namespace?: string;
  /** One rollout by name (requires namespace). */
  name?: string;
  /** Label selector over rollouts, kubectl syntax. */
  labelSelector?: string;
}

export interface Clock {
  now(): Date;
  setTimeout(fn: () => void, ms: number): { cancel(): void };
}

export interface Driver {
  /** Resolves once the first list of every informer has arrived. */
  start(): Promise<void>;
  /** Stops informers and timers and releases held leases. */
  stop(): Promise<void>;
  subscribe(listener: (event: DriverEvent) => void): () => void;
  snapshots(): RolloutSnapshot[];
  snapshot(key: RolloutKey): RolloutSnapshot | undefined;
}

/** Options of createDriver (see driver/driver.ts). */
export interface DriverOptions {
  kube: Kube;
  scope: DriverScope;
  /** The user (SelfSubjectReview / kubeconfig): Observed.actor and the base of the lease holder identity. */
  identity: string;
  /** Lease holderIdentity; default `<identity>@<host> <pid>`. */
  holderIdentity?: string;
  /** Never take leases, never write: display only. */
  observe?: boolean;
  clock?: Clock;
  leaseDurationMs?: number;
  renewMs?: number;
  /**
   * Controller replicas: share `count` shard Leases in `namespace` (default: the kubeconfig's)
   * instead of renewing one Lease per rollout (spec §10.7). Without it: one renewed Lease per rollout.
   */
  shards?: { count: number; namespace?: string };
  /** Rollouts reconciled in parallel (default 16). */
  concurrency?: number;
  /** The engine; defaults to decide() from core/engine. Tests may wrap it. */
  decide?: (observed: Observed, now: Date) => Plan;
}
