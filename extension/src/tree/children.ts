// The tree's shape: context › namespace › rollout › (Pending › gates, Health checks, Bake, History).
// Pure: given the index and connection state, the children of any node.
import type { RolloutSnapshot } from '@kuberik/core/driver';
import { readGateSummaries } from '@kuberik/core/model';
import { keyId, type ContextNode, type RolloutNode, type TreeNode } from './nodes.js';
import type { RolloutIndex } from './rolloutIndex.js';

export interface TreeState {
  index: RolloutIndex;
  /** Undefined until a kubeconfig is loaded. */
  context?: string;
  server?: string;
  /** The kuberik.namespaces filter; empty means all namespaces. */
  namespaces: readonly string[];
  /** One line why there is no data (no kubeconfig, unreachable, forbidden). */
  error?: { text: string; detail?: string; noConfig?: boolean };
  /** True until the first list arrived. */
  loading: boolean;
}

export function rootNodes(state: TreeState): TreeNode[] {
  // No kubeconfig at all: an empty tree lets the view's welcome text (with Select Context) show.
  if (state.error?.noConfig) return [];
  if (state.error && state.context === undefined) {
    return [
      { kind: 'message', id: 'error', text: state.error.text, detail: state.error.detail, severity: 'error' },
    ];
  }
  if (state.context === undefined) {
    return state.loading
      ? [{ kind: 'message', id: 'connecting', text: 'Connecting to the cluster…', severity: 'info' }]
      : [];
  }
  const ctx: ContextNode = {
    kind: 'context',
    id: `ctx:${state.context}`,
    context: state.context,
    server: state.server,
    namespaces: state.namespaces,
  };
  return [ctx];
}

export const rolloutNode = (snapshot: RolloutSnapshot): RolloutNode => ({
  kind: 'rollout',
  id: `ro:${keyId(snapshot.key)}`,
  key: snapshot.key,
  snapshot,
});

export function childrenOf(node: TreeNode | undefined, state: TreeState): TreeNode[] {
  if (!node) return rootNodes(state);
  switch (node.kind) {
    case 'context': {
      const out: TreeNode[] = [];
      if (state.error) {
        out.push({
          kind: 'message',
          id: 'error',
          text: state.error.text,
          detail: state.error.detail,
          severity: 'error',
        });
      }
      const namespaces = state.index.namespaces();
      if (namespaces.length === 0 && !state.error) {
        out.push({
          kind: 'message',
          id: 'empty',
          text: state.loading
            ? 'Loading rollouts…'
            : `No rollouts in ${state.namespaces.length ? `namespace ${state.namespaces.join(', ')}` : 'any namespace'}`,
          severity: 'info',
        });
      }
      for (const namespace of namespaces) {
        out.push({
          kind: 'namespace',
          id: `ns:${namespace}`,
          namespace,
          rollouts: state.index.count(namespace),
        });
      }
      return out;
    }
    case 'namespace':
      return state.index.rollouts(node.namespace).map(rolloutNode);
    case 'rollout':
      return rolloutChildren(node);
    case 'pending':
      return node.gates.map((gate) => ({
        kind: 'gate',
        id: `${node.id}/gate/${gate.kind}/${gate.namespace ?? ''}/${gate.name}`,
        key: node.key,
        version: node.version,
        gate,
        closed: gate.kind === 'RolloutGate' && node.closed.includes(gate.name),
      }));
    case 'healthChecks':
      return node.healthChecks.map((healthCheck) => ({
        kind: 'healthCheck',
        id: `${node.id}/${healthCheck.metadata.namespace ?? ''}/${healthCheck.metadata.name}`,
        key: node.key,
        healthCheck,
      }));
    case 'history':
      return node.entries.map((entry, i) => ({
        kind: 'historyEntry',
        id: `${node.id}/${entry.id}`,
        key: node.key,
        entry,
        live: i === 0,
      }));
    default:
      return [];
  }
}

function rolloutChildren(node: RolloutNode): TreeNode[] {
  const { rollout, healthChecks } = node.snapshot;
  const s = rollout.status ?? {};
  const base = node.id;
  const out: TreeNode[] = [];
  if (s.pendingVersion) {
    out.push({
      kind: 'pending',
      id: `${base}/pending`,
      key: node.key,
      version: s.pendingVersion,
      gates: readGateSummaries(s.gates),
      closed: node.snapshot.gates.filter((g) => g.spec?.passing === false).map((g) => g.metadata.name),
    });
  }
  if (healthChecks.length > 0) {
    out.push({ kind: 'healthChecks', id: `${base}/health`, key: node.key, healthChecks });
  }
  const live = s.history?.[0];
  if (live) {
    out.push({
      kind: 'bake',
      id: `${base}/bake`,
      key: node.key,
      entry: live,
      bakeTime: rollout.spec.bakeTime,
      deployTimeout: rollout.spec.deployTimeout,
    });
    out.push({ kind: 'history', id: `${base}/history`, key: node.key, entries: s.history ?? [] });
  }
  return out;
}
