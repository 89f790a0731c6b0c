// What the extension needs from a cluster, as one interface: tests and the benchmark pass a fake,
// production passes connectWithCore (coreConnection.ts). Nothing here talks to an API server.
import type { RolloutActions } from '@kuberik/core/actions';
import type { Driver, RolloutKey } from '@kuberik/core/driver';
import type { AccessCheck, Verdict } from './permissions.js';

export interface ConnectionSettings {
  /** kuberik.kubeconfig; empty → KUBECONFIG → ~/.kube/config. */
  kubeconfig?: string;
  /** kuberik.context; empty → the kubeconfig's current context. */
  context?: string;
}

export interface ClusterConnection {
  readonly context: string;
  readonly server: string;
  /** Observe-only driver (no lease, no writes) for these namespaces; empty = all namespaces. */
  observe(namespaces: readonly string[]): Driver;
  /** A driver that drives this one rollout while it holds the rollout's Lease. */
  drive(key: RolloutKey): Driver;
  readonly actions: RolloutActions;
  canI(check: AccessCheck, namespace: string): Promise<Verdict>;
  /** Namespace names, for Select Namespaces; rejects when listing namespaces is forbidden. */
  listNamespaces(): Promise<string[]>;
  close(): void;
}

export interface ClusterAccess {
  connect(settings: ConnectionSettings): Promise<ClusterConnection>;
  /** Context names in the kubeconfig, and the current one, for Select Context. */
  contexts(settings: ConnectionSettings): Promise<{ names: string[]; current: string }>;
}
