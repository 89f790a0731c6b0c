// How a `watch` (or `get`) learns whether the controller shard named by a per-rollout Lease is
// live: from its own Lease informer when that covers the shard's namespace, else by one GET,
// remembered for a renew interval. A shard it may not read stays 'unknown', and liveHolder() then
// trusts the per-rollout Lease's own (long) duration: never drive beside a controller we cannot see.
import { type Kube, KubeError, Kinds, type Lease } from '../kube/index.js';
import type { Clock } from './api.js';
import type { ShardLookup } from './lease-record.js';

interface Fetched {
  value: Lease | undefined | 'unknown';
  at: number;
}

export class ShardCache {
  private readonly fetched = new Map<string, Fetched>();

  constructor(
    private readonly kube: Kube,
    private readonly clock: Clock,
    /** The driver's cached copy, or 'unknown' when its informers do not cover that namespace. */
    private readonly cached: ShardLookup,
    private readonly ttlMs: number,
  ) {}

  readonly lookup: ShardLookup = (namespace, name) => {
    const c = this.cached(namespace, name);
    if (c !== 'unknown') return c;
    const f = this.fetched.get(`${namespace}/${name}`);
    return f && this.fresh(f) ? f.value : 'unknown';
  };

  private fresh(f: Fetched): boolean {
    return this.clock.now().getTime() - f.at < this.ttlMs;
  }

  /** Makes lookup() current for this shard Lease (at most one GET per renew interval). */
  async refresh(namespace: string, name: string): Promise<void> {
    if (this.cached(namespace, name) !== 'unknown') return;
    const id = `${namespace}/${name}`;
    const f = this.fetched.get(id);
    if (f && this.fresh(f)) return;
    let value: Fetched['value'];
    try {
      value = await this.kube.find(Kinds.Lease, namespace, name);
    } catch (e) {
      if (!(e instanceof KubeError)) throw e;
      value = 'unknown';
    }
    if (this.fetched.size > 1000) this.fetched.clear();
    this.fetched.set(id, { value, at: this.clock.now().getTime() });
  }
}
