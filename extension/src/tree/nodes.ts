// The Rollouts tree's node shapes: plain data, so tree building and descriptions are pure functions.
import type { RolloutKey, RolloutSnapshot } from '@kuberik/core/driver';
import type { DeploymentHistoryEntry, HealthCheck, RolloutGateSummary } from '@kuberik/core/model';

export interface ContextNode {
  kind: 'context';
  id: string;
  context: string;
  server?: string;
  namespaces: readonly string[];
}
export interface NamespaceNode {
  kind: 'namespace';
  id: string;
  namespace: string;
  rollouts: number;
}
export interface RolloutNode {
  kind: 'rollout';
  id: string;
  key: RolloutKey;
  snapshot: RolloutSnapshot;
}
export interface PendingNode {
  kind: 'pending';
  id: string;
  key: RolloutKey;
  version: string;
  gates: readonly RolloutGateSummary[];
  /** Names of RolloutGates with spec.passing: false: closed, no approval opens them. */
  closed: readonly string[];
}
export interface GateNode {
  kind: 'gate';
  id: string;
  key: RolloutKey;
  version: string;
  gate: RolloutGateSummary;
  closed: boolean;
}
export interface HealthChecksNode {
  kind: 'healthChecks';
  id: string;
  key: RolloutKey;
  healthChecks: readonly HealthCheck[];
}
export interface HealthCheckNode {
  kind: 'healthCheck';
  id: string;
  key: RolloutKey;
  healthCheck: HealthCheck;
}
export interface BakeNode {
  kind: 'bake';
  id: string;
  key: RolloutKey;
  entry: DeploymentHistoryEntry;
  bakeTime?: string;
  deployTimeout?: string;
}
export interface HistoryNode {
  kind: 'history';
  id: string;
  key: RolloutKey;
  entries: readonly DeploymentHistoryEntry[];
}
export interface HistoryEntryNode {
  kind: 'historyEntry';
  id: string;
  key: RolloutKey;
  entry: DeploymentHistoryEntry;
  /** True for history[0], the deployment that is live. */
  live: boolean;
}
/** A leaf that explains why there is nothing (no rollouts, connection error). */
export interface MessageNode {
  kind: 'message';
  id: string;
  text: string;
  detail?: string;
  severity: 'info' | 'error';
}

export type TreeNode =
  | ContextNode
  | NamespaceNode
  | RolloutNode
  | PendingNode
  | GateNode
  | HealthChecksNode
  | HealthCheckNode
  | BakeNode
  | HistoryNode
  | HistoryEntryNode
  | MessageNode;

/** Nodes that belong to one rollout (everything the rollout-scoped commands accept). */
export type RolloutScopedNode = Exclude<TreeNode, ContextNode | NamespaceNode | MessageNode>;

export const keyId = (k: RolloutKey): string => `${k.namespace}/${k.name}`;
