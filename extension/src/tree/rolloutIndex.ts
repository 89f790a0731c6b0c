// The rollouts the tree shows, indexed by namespace so one change touches one branch (O(changed)).
import type { RolloutKey, RolloutSnapshot } from '@kuberik/core/driver';
import { keyId } from './nodes.js';

export type IndexChange =
  /** A rollout changed in place: redraw that rollout's branch only. */
  | { type: 'rollout'; key: RolloutKey }
  /** A rollout appeared or vanished: the namespace's (or the root's) list changed. */
  | { type: 'namespace'; namespace: string; namespaceAddedOrRemoved: boolean };

export class RolloutIndex {
  private readonly byNamespace = new Map<string, Map<string, RolloutSnapshot>>();
  private sortedNamespaces: string[] | undefined;

  put(snapshot: RolloutSnapshot): IndexChange {
    const { namespace, name } = snapshot.key;
    let ns = this.byNamespace.get(namespace);
    const newNamespace = !ns;
    if (!ns) {
      ns = new Map();
      this.byNamespace.set(namespace, ns);
      this.sortedNamespaces = undefined;
    }
    const existed = ns.has(name);
    ns.set(name, snapshot);
    return existed
      ? { type: 'rollout', key: snapshot.key }
      : { type: 'namespace', namespace, namespaceAddedOrRemoved: newNamespace };
  }

  remove(key: RolloutKey): IndexChange | undefined {
    const ns = this.byNamespace.get(key.namespace);
    if (!ns?.delete(key.name)) return undefined;
    const gone = ns.size === 0;
    if (gone) {
      this.byNamespace.delete(key.namespace);
      this.sortedNamespaces = undefined;
    }
    return { type: 'namespace', namespace: key.namespace, namespaceAddedOrRemoved: gone };
  }

  clear(): void {
    this.byNamespace.clear();
    this.sortedNamespaces = undefined;
  }

  get(key: RolloutKey): RolloutSnapshot | undefined {
    return this.byNamespace.get(key.namespace)?.get(key.name);
  }

  namespaces(): readonly string[] {
    this.sortedNamespaces ??= [...this.byNamespace.keys()].sort();
    return this.sortedNamespaces;
  }

  rollouts(namespace: string): RolloutSnapshot[] {
    const ns = this.byNamespace.get(namespace);
    if (!ns) return [];
    return [...ns.values()].sort((a, b) => a.key.name.localeCompare(b.key.name));
  }

  count(namespace?: string): number {
    if (namespace !== undefined) return this.byNamespace.get(namespace)?.size ?? 0;
    let n = 0;
    for (const ns of this.byNamespace.values()) n += ns.size;
    return n;
  }

  all(): RolloutSnapshot[] {
    return this.namespaces().flatMap((ns) => this.rollouts(ns));
  }

  has(key: RolloutKey): boolean {
    return this.get(key) !== undefined;
  }

  static id = keyId;
}
