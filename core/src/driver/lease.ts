// One coordination.k8s.io Lease per rollout (spec §2.6), renewed: how a `watch` or the extension
// drives. Whoever holds a live lease drives the rollout; everyone else observes. A lease a
// controller replica wrote is live while its shard Lease is (lease-record.ts); a free or dead one
// is taken over here like an expired one. Times come from the injected clock, so tests can expire a
// lease by moving a fake clock. Lease I/O goes through a small pool (renewals first) and renewals
// are spread with jitter, so thousands of rollouts neither flood the API server nor expire in a queue.
import { leaseName } from '../model/index.js';
import { type Kube, KubeError, Kinds, type Lease } from '../kube/index.js';
import type { Clock, LeaseState, RolloutKey } from './api.js';
import {
  SHARD_ANNOTATION,
  leaseExpiresAt,
  liveHolder,
  microTime,
  newRolloutLease,
  shardRef,
} from './lease-record.js';
import { Pool } from './pool.js';
import type { RolloutLeases } from './rollout-leases.js';
import type { ShardCache } from './shard-lookup.js';
import { createRolloutLease, currentLease, labelIfMissing } from './unwatched-lease.js';

/** Lease requests in flight at once (acquisitions, renewals, releases). */
export const LEASE_CONCURRENCY = 16;
/** Conflicts tolerated while releasing one lease before giving up (it then expires on its own). */
const RELEASE_ATTEMPTS = 5;

export interface LeaseOptions {
  kube: Kube;
  clock: Clock;
  holderIdentity: string;
  durationMs: number;
  renewMs: number;
  /** Cached lease (informer); undefined when absent or not yet seen. */
  cached(namespace: string, name: string): Lease | undefined;
  /** True once the lease cache of the namespace has listed: absent in it means absent. */
  cacheSynced(namespace: string): boolean;
  /** Remember an object we wrote or re-read. */
  remember(lease: Lease): void;
  /** Drop a Lease a GET found gone from the cache. */
  forget(namespace: string, name: string): void;
  /** Driving state of a rollout changed. */
  onChange(key: RolloutKey): void;
  onError(key: RolloutKey, err: KubeError): void;
  /** Lease requests in flight at once; LEASE_CONCURRENCY by default. */
  concurrency?: number;
  /** A number in [0, 1) for jitter; Math.random by default (tests may fix it). */
  random?: () => number;
  /** The rollout a new Lease belongs to: its ownerReference, so deleting the rollout deletes the Lease. */
  owner?(key: RolloutKey): { apiVersion: string; kind: string; name: string; uid?: string } | undefined;
  /** Where controller shard Leases are looked up; without it a controller's lease counts by its own times. */
  shards?: ShardCache;
}

interface Held {
  key: RolloutKey;
  holding: boolean;
  /** Last successful acquire/renew (clock ms). */
  renewedAt: number;
  timer?: { cancel(): void };
  busy: boolean;
  /** The last answer given to driving()/state(): a renewal that completes after a caller saw "not driving" must wake it. */
  seen?: boolean;
  /** The acquire/renew in flight, so a release can wait for it. */
  inflight?: Promise<void>;
  released: boolean;
}

const id = (k: RolloutKey): string => `${k.namespace}/${k.name}`;

export class LeaseManager implements RolloutLeases {
  private readonly held = new Map<string, Held>();
  private stopped = false;
  private readonly pool: Pool;
  private readonly random: () => number;

  constructor(private readonly o: LeaseOptions) {
    this.pool = new Pool(o.concurrency ?? LEASE_CONCURRENCY);
    this.random = o.random ?? Math.random;
  }

  /** Lease requests waiting or running. */
  get pending(): number {
    return this.pool.depth;
  }

  /** Is this identity ours? (Lease events about our own lease need no reconcile.) */
  isMine(holder: unknown): boolean {
    return holder === this.o.holderIdentity;
  }

  /** We want to drive this rollout: start acquiring/renewing. Idempotent. */
  want(key: RolloutKey): void {
    if (this.stopped || this.held.has(id(key))) return;
    const h: Held = { key, holding: false, renewedAt: 0, busy: false, released: false };
    this.held.set(id(key), h);
    void this.tick(h);
  }

  /** Someone else's lease changed (informer): if it is free or expired, try now. */
  poke(key: RolloutKey): void {
    const h = this.held.get(id(key));
    if (h && !h.holding && !h.busy) void this.tick(h);
  }

  state(key: RolloutKey): LeaseState {
    const h = this.held.get(id(key));
    const driving = !!h && this.isDriving(h);
    if (h) h.seen = driving;
    const lease = this.o.cached(key.namespace, leaseName(key.name));
    const holder = driving ? this.o.holderIdentity : this.live(lease);
    return { holder, driving };
  }

  driving(key: RolloutKey): boolean {
    const h = this.held.get(id(key));
    if (!h) return false;
    h.seen = this.isDriving(h);
    return h.seen;
  }

  private live(lease: Lease | undefined): string | undefined {
    return liveHolder(lease, this.o.clock.now(), this.o.shards?.lookup ?? (() => 'unknown'));
  }

  private isDriving(h: Held): boolean {
    return h.holding && this.o.clock.now().getTime() < h.renewedAt + this.o.durationMs;
  }

  private schedule(h: Held, ms: number): void {
    h.timer?.cancel();
    if (this.stopped || h.released) return;
    h.timer = this.o.clock.setTimeout(() => void this.tick(h), ms);
  }

  private async tick(h: Held): Promise<void> {
    if (this.stopped || h.released || h.busy) return;
    h.busy = true;
    const before = this.isDriving(h);
    const run = this.pool.run(async () => {
      // Stopped or released while waiting for a slot: do not take or renew anything any more.
      if (this.stopped || h.released) return;
      await this.attempt(h);
    }, h.holding);
    h.inflight = run.then(
      () => undefined,
      () => undefined,
    );
    try {
      await run;
    } catch (e) {
      if (!(e instanceof KubeError && e.kind === 'Conflict')) {
        this.o.onError(h.key, e instanceof KubeError ? e : new KubeError('Unreachable', String(e), e));
      }
      // Conflict: someone else wrote first; the cache will show who.
    } finally {
      h.busy = false;
      h.inflight = undefined;
    }
    if (!this.isDriving(h)) h.holding = false;
    if (this.stopped || h.released) return;
    this.schedule(h, h.holding ? this.renewDelay() : this.retryDelay(h.key));
    // Also when a caller saw the other state meanwhile (the lease looked expired on the clock
    // while this renewal was in flight): that caller skipped its work and waits for this call.
    const after = this.isDriving(h);
    if (before !== after || (h.seen !== undefined && h.seen !== after)) this.o.onChange(h.key);
  }

  /** Renew somewhat before the interval, at a random point, so renewals do not come in bursts. */
  private renewDelay(): number {
    return Math.max(1, Math.round(this.o.renewMs * (1 - 0.2 * this.random())));
  }

  /** Not holding: come back when the current lease expires (or at the renew interval, whichever first). */
  private retryDelay(key: RolloutKey): number {
    const lease = this.o.cached(key.namespace, leaseName(key.name));
    // A controller's lease lives as long as its shard: look again every renew interval.
    if (!lease?.spec?.holderIdentity || shardRef(lease)) return this.o.renewMs;
    const until = leaseExpiresAt(lease) - this.o.clock.now().getTime();
    const base = Math.max(1, Math.min(this.o.renewMs, Number.isFinite(until) ? until + 1 : this.o.renewMs));
    // Spread the takeover attempts of many rollouts whose leases expire together.
    return base + Math.round(Math.min(1000, this.o.renewMs * 0.1) * this.random());
  }

  private async attempt(h: Held): Promise<void> {
    const { kube, clock, holderIdentity } = this.o;
    const { namespace, name } = h.key;
    const lname = leaseName(name);
    const now = clock.now();
    const durationSeconds = Math.ceil(this.o.durationMs / 1000);
    let lease = this.o.cacheSynced(namespace)
      ? await currentLease(this.o, namespace, lname)
      : (this.o.cached(namespace, lname) ?? (await kube.find(Kinds.Lease, namespace, lname)));
    if (!lease) {
      const theirs = await createRolloutLease(
        this.o,
        newRolloutLease({
          namespace,
          rollout: name,
          holderIdentity,
          durationSeconds,
          now,
          owner: this.o.owner?.(h.key),
        }),
      );
      if (!theirs) {
        h.holding = true;
        h.renewedAt = now.getTime();
        return;
      }
      lease = theirs;
    }
    const mine = lease.spec?.holderIdentity === holderIdentity;
    const ref = shardRef(lease);
    if (!mine && ref) await this.o.shards?.refresh(ref.namespace, ref.name);
    if (!mine && this.live(lease)) {
      h.holding = false;
      return;
    }
    const spec: Record<string, unknown> = mine
      ? { renewTime: microTime(now), leaseDurationSeconds: durationSeconds }
      : {
          holderIdentity,
          leaseDurationSeconds: durationSeconds,
          acquireTime: microTime(now),
          renewTime: microTime(now),
          leaseTransitions: (lease.spec?.leaseTransitions ?? 0) + 1,
        };
    // A lease taken from a controller no longer borrows its shard's liveness: it is renewed here.
    const metadata = {
      ...labelIfMissing(lease),
      ...(ref ? { annotations: { [SHARD_ANNOTATION]: null } } : {}),
    };
    const patch = Object.keys(metadata).length > 0 ? { metadata, spec } : { spec };
    try {
      const written = await kube.mergePatch(Kinds.Lease, namespace, lname, patch, {
        resourceVersion: lease.metadata.resourceVersion,
      });
      this.o.remember(written);
      h.holding = true;
      h.renewedAt = now.getTime();
    } catch (e) {
      if (e instanceof KubeError && (e.kind === 'Conflict' || e.kind === 'NotFound')) {
        // Our cached copy was stale: re-read so the next tick decides on fresh data.
        const fresh = await kube.find(Kinds.Lease, namespace, lname);
        if (fresh) this.o.remember(fresh);
        if (fresh?.spec?.holderIdentity !== holderIdentity) h.holding = false;
        throw e;
      }
      throw e;
    }
  }

  /**
   * Stop driving one rollout and hand its lease over at once: wait for a renewal in flight, then
   * clear holderIdentity if we hold it, re-reading the lease on a conflict (a bounded number of
   * times; after that, or on any other failure, the lease simply expires).
   */
  async release(key: RolloutKey): Promise<void> {
    const h = this.held.get(id(key));
    if (!h) return;
    this.held.delete(id(key));
    h.released = true;
    h.timer?.cancel();
    await h.inflight;
    const heldIt = h.holding;
    h.holding = false;
    const lname = leaseName(key.name);
    let lease = this.o.cached(key.namespace, lname);
    // Neither we nor the cache think we hold it: nothing to hand over.
    if (!heldIt && lease && !this.isMine(lease.spec?.holderIdentity)) return;
    await this.pool
      .run(async () => {
        for (let attempt = 0; attempt < RELEASE_ATTEMPTS; attempt++) {
          if (!lease || attempt > 0) lease = await this.o.kube.find(Kinds.Lease, key.namespace, lname);
          if (!lease || !this.isMine(lease.spec?.holderIdentity)) return;
          try {
            const written = await this.o.kube.mergePatch(
              Kinds.Lease,
              key.namespace,
              lname,
              { spec: { holderIdentity: null, leaseDurationSeconds: 1 } },
              { resourceVersion: lease.metadata.resourceVersion },
            );
            this.o.remember(written);
            return;
          } catch (e) {
            if (!(e instanceof KubeError && (e.kind === 'Conflict' || e.kind === 'NotFound'))) throw e;
          }
        }
      }, true)
      .catch(() => {
        // Best effort: the lease expires on its own.
      });
  }

  /** Stop renewing without releasing (a crash, for tests): the leases expire on their own. */
  abandon(): void {
    this.stopped = true;
    for (const h of this.held.values()) {
      h.released = true;
      h.timer?.cancel();
    }
    this.held.clear();
  }

  async releaseAll(): Promise<void> {
    const keys = [...this.held.values()].map((h) => h.key);
    this.stopped = true;
    await Promise.all(keys.map((k) => this.release(k)));
  }
}
