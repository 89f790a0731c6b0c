// Controller replicas share N shard Leases (spec §10.7) instead of renewing one Lease per rollout:
// steady writes are N shard renewals plus one member Lease per replica, whatever the rollout count.
// Each replica counts the live members and holds its fair share of shards, preferring a stable,
// replica-specific set (rendezvous hashing). For each rollout of a held shard it writes the
// per-rollout Lease once — holder, plus a pointer to the shard — and never renews it: that Lease
// lives while the shard does (lease-record.ts). A live per-rollout Lease held by anyone else (a
// `watch`, a pre-shard controller during a rolling update) is left alone until it is free or dead.
import { leaseName } from '../model/index.js';
import { Informer, type Kube, KubeError, Kinds, type Lease } from '../kube/index.js';
import type { Clock, LeaseState, RolloutKey } from './api.js';
import {
  MANAGED_LABELS,
  SHARD_ANNOTATION,
  SHARD_LABEL,
  leaseExpiresAt,
  leaseExpired,
  liveHolder,
  microTime,
  newRolloutLease,
  shardRef,
} from './lease-record.js';
import { Pool } from './pool.js';
import type { RolloutLeases } from './rollout-leases.js';
import { memberLeaseName, preference, shardLeaseName, shardOf } from './shards.js';
import { createRolloutLease, currentLease, labelIfMissing } from './unwatched-lease.js';

/** Lease requests in flight at once. */
const CONCURRENCY = 16;
/**
 * leaseDurationSeconds of a per-rollout Lease a replica wrote. Tools of this version judge it by
 * its shard; tools from before shard leases (a rolling update, an old CLI) judge it by this, and
 * so keep away from a rollout a live controller drives.
 */
export const CLAIM_SECONDS = 3600;

export interface ShardedLeaseOptions {
  kube: Kube;
  clock: Clock;
  holderIdentity: string;
  durationMs: number;
  renewMs: number;
  /** Number of shards and the namespace of the shard and member Leases. */
  count: number;
  namespace: string;
  /** Cached per-rollout Lease (driver informer). */
  cached(namespace: string, name: string): Lease | undefined;
  cacheSynced(namespace: string): boolean;
  remember(lease: Lease): void;
  /** Drop a Lease a GET found gone from the cache. */
  forget(namespace: string, name: string): void;
  /** Driving state of a rollout changed. */
  onChange(key: RolloutKey): void;
  onError(key: RolloutKey | undefined, err: KubeError): void;
  /** The Rollout a new per-rollout Lease belongs to: its ownerReference, so deleting the rollout deletes the Lease. */
  owner?(key: RolloutKey): { apiVersion: string; kind: string; name: string; uid?: string } | undefined;
  /** Resolves once writes in flight for these rollouts have landed (before their shard is given away). */
  settled?(keys: RolloutKey[]): Promise<void>;
  random?: () => number;
}

interface Shard {
  index: number;
  name: string;
  holding: boolean;
  /** Clock ms of the last successful acquire/renew. */
  renewedAt: number;
  /** Counts the times we took this shard: a claim from an earlier holding is not trusted. */
  epoch: number;
  /**
   * Someone was told "not driving" because the shard had run out on the clock while we still
   * meant to hold it: when a renewal lands, its rollouts are woken again.
   */
  missed?: boolean;
}

interface Wanted {
  key: RolloutKey;
  shard: number;
  /** The shard epoch in which we wrote this rollout's Lease (undefined: not written). */
  claimEpoch?: number;
  busy: boolean;
  timer?: { cancel(): void };
}

const id = (k: RolloutKey): string => `${k.namespace}/${k.name}`;
const asKubeError = (e: unknown): KubeError =>
  e instanceof KubeError ? e : new KubeError('Unreachable', String(e), e);

export class ShardedLeases implements RolloutLeases {
  private readonly informer: Informer<Lease>;
  private readonly shards: Shard[];
  private readonly wanted = new Map<string, Wanted>();
  private readonly pool = new Pool(CONCURRENCY);
  private readonly random: () => number;
  private readonly memberName: string;
  private member = { holding: false, renewedAt: 0 };
  private timer?: { cancel(): void };
  private ticking?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(private readonly o: ShardedLeaseOptions) {
    this.random = o.random ?? Math.random;
    this.memberName = memberLeaseName(o.holderIdentity);
    this.shards = Array.from({ length: o.count }, (_, index) => ({
      index,
      name: shardLeaseName(index, o.count),
      holding: false,
      renewedAt: 0,
      epoch: 0,
    }));
    this.informer = new Informer(o.kube, Kinds.Lease, { namespace: o.namespace, labelSelector: SHARD_LABEL });
    const changed = (l: Lease, old?: Lease): void => {
      // Renewals are not news; a holder that changed (a shard freed, a replica come or gone) is.
      if (old && old.spec?.holderIdentity === l.spec?.holderIdentity) return;
      if (l.spec?.holderIdentity === o.holderIdentity) return;
      this.kick();
    };
    this.informer.on({
      add: (l) => changed(l),
      update: (l, old) => changed(l, old),
      delete: () => this.kick(),
      error: (err) => o.onError(undefined, err),
    });
  }

  get pending(): number {
    return this.pool.depth;
  }

  async start(): Promise<void> {
    await this.informer.start();
    await this.tick();
  }

  isMine(holder: unknown): boolean {
    return holder === this.o.holderIdentity;
  }

  private now(): number {
    return this.o.clock.now().getTime();
  }

  /**
   * We stop driving a shard one renew interval before others may take it over, so a write that
   * began just before still lands while the shard is ours.
   */
  private held(s: Shard): boolean {
    const margin = Math.min(this.o.renewMs, this.o.durationMs / 3);
    const held = s.holding && this.now() < s.renewedAt + this.o.durationMs - margin;
    if (s.holding && !held) s.missed = true;
    return held;
  }

  private ref(s: Shard): string {
    return `${this.o.namespace}/${s.name}`;
  }

  /** Shard Leases as this replica sees them: its informer covers their namespace. */
  private readonly lookup = (namespace: string, name: string): Lease | undefined | 'unknown' =>
    namespace === this.o.namespace && this.informer.synced ? this.informer.get(namespace, name) : 'unknown';

  /**
   * We wrote the per-rollout Lease while holding the shard this time, and our cache still shows it
   * naming us and the shard. (A cache that lags behind a Lease someone took while we did not hold
   * the shard must not make an old claim of ours look current.)
   */
  private claimed(w: Wanted): boolean {
    if (w.claimEpoch !== (this.shards[w.shard] as Shard).epoch) return false;
    const lease = this.o.cached(w.key.namespace, leaseName(w.key.name));
    return (
      !!lease &&
      this.isMine(lease.spec?.holderIdentity) &&
      lease.metadata.annotations?.[SHARD_ANNOTATION] === this.ref(this.shards[w.shard] as Shard)
    );
  }

  want(key: RolloutKey): void {
    if (this.stopped) return;
    let w = this.wanted.get(id(key));
    if (!w) {
      w = { key, shard: shardOf(key, this.o.count), busy: false };
      this.wanted.set(id(key), w);
    }
    this.claimSoon(w);
  }

  poke(key: RolloutKey): void {
    const w = this.wanted.get(id(key));
    if (w) this.claimSoon(w);
  }

  driving(key: RolloutKey): boolean {
    const w = this.wanted.get(id(key));
    return !!w && this.held(this.shards[w.shard] as Shard) && this.claimed(w);
  }

  state(key: RolloutKey): LeaseState {
    if (this.driving(key)) return { driving: true, holder: this.o.holderIdentity };
    const lease = this.o.cached(key.namespace, leaseName(key.name));
    return { driving: false, holder: liveHolder(lease, this.o.clock.now(), this.lookup) };
  }

  // ---- shards ------------------------------------------------------------------------------

  /** Something changed among shard/member Leases: rebalance now (once the running tick ends). */
  private kick(): void {
    if (this.stopped) return;
    if (this.ticking) this.again = true;
    else void this.tick();
  }

  private tick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.ticking ??= (async () => {
      try {
        do {
          this.again = false;
          await this.balance();
        } while (this.again && !this.stopped);
      } catch (e) {
        this.o.onError(undefined, asKubeError(e));
      } finally {
        this.ticking = undefined;
        this.scheduleTick();
      }
    })();
    return this.ticking;
  }

  private scheduleTick(): void {
    this.timer?.cancel();
    if (this.stopped) return;
    let ms = Math.max(1, Math.round(this.o.renewMs * (1 - 0.2 * this.random())));
    // Come back when someone else's Lease expires and that matters: a member's always (a dead
    // replica raises our fair share), a shard's when we are short of our share (we may take it).
    const short = this.heldShards().length < this.fair();
    for (const l of this.informer.list()) {
      if (!l.spec?.holderIdentity || this.isMine(l.spec.holderIdentity)) continue;
      if (!short && l.metadata.labels?.[SHARD_LABEL] !== 'member') continue;
      const until = leaseExpiresAt(l) - this.now();
      // A few ms of spread only: racing replicas settle it with a conflict, and every ms here is
      // failover time.
      if (Number.isFinite(until) && until >= 0) ms = Math.min(ms, until + 1 + Math.round(10 * this.random()));
    }
    this.timer = this.o.clock.setTimeout(() => void this.tick(), ms);
  }

  private heldShards(): Shard[] {
    return this.shards.filter((s) => this.held(s));
  }

  /** Shards per replica: the live members (this one included) share them evenly. */
  private fair(): number {
    const now = this.o.clock.now();
    const others = this.informer
      .list()
      .filter((l) => l.metadata.labels?.[SHARD_LABEL] === 'member' && l.metadata.name !== this.memberName)
      .filter((l) => !leaseExpired(l, now)).length;
    return Math.ceil(this.o.count / (others + 1));
  }

  private async balance(): Promise<void> {
    if (!this.informer.synced) return; // cannot see who else holds what: take nothing yet
    const before = new Set(this.heldShards().map((s) => s.index));
    // Renew and take expired shards in one go: a dead replica's shard is ours the moment it
    // expires, not a round trip of renewals later.
    await Promise.all([this.renew(), this.takeExpired()]);
    const mine = this.heldShards();
    const fair = this.fair();
    if (mine.length > fair) {
      // Give back the shards we like least; the replica that prefers them takes them.
      const extra = [...mine]
        .sort(
          (a, b) => preference(this.o.holderIdentity, a.index) - preference(this.o.holderIdentity, b.index),
        )
        .slice(0, mine.length - fair);
      await Promise.all(extra.map((s) => this.releaseShard(s)));
    } else if (mine.length < fair) {
      await this.takeExpired(); // a renewal may have lost a shard meanwhile
    }
    const after = new Set(this.heldShards().map((s) => s.index));
    for (const s of this.shards) {
      const missed = s.missed === true && after.has(s.index);
      if (missed) s.missed = false;
      if (missed || before.has(s.index) !== after.has(s.index)) this.shardChanged(s);
    }
  }

  private async renew(): Promise<void> {
    await this.write(this.memberName, 'member', this.member, true);
    await Promise.all(
      this.shards
        .filter((s) => s.holding)
        .map((s) => this.write(s.name, 'shard', s, true).catch(() => undefined)),
    );
  }

  /** Takes free or expired shards, the ones we prefer first, up to our fair share. */
  private async takeExpired(): Promise<void> {
    const short = this.fair() - this.heldShards().length;
    if (short <= 0) return;
    const now = this.o.clock.now();
    const free = this.shards
      .filter((s) => !s.holding) // ours but late: the renewal running beside us decides
      .filter((s) => {
        const l = this.informer.get(this.o.namespace, s.name);
        return !l || leaseExpired(l, now);
      })
      .sort((a, b) => preference(this.o.holderIdentity, b.index) - preference(this.o.holderIdentity, a.index))
      .slice(0, short);
    await Promise.all(free.map((s) => this.write(s.name, 'shard', s, false).catch(() => undefined)));
  }

  /** A shard came or went: its rollouts start (claim their Leases) or stop being driven here. */
  private shardChanged(s: Shard): void {
    for (const w of this.wanted.values()) {
      if (w.shard !== s.index) continue;
      if (this.held(s)) this.claimSoon(w);
      this.o.onChange(w.key);
    }
  }

  /** Creates, renews or takes over a shard or member Lease; `state` records whether we hold it. */
  private async write(
    name: string,
    role: 'shard' | 'member',
    state: { holding: boolean; renewedAt: number },
    renewing: boolean,
  ): Promise<void> {
    const { kube, holderIdentity, namespace } = this.o;
    const nowDate = this.o.clock.now();
    const now = microTime(nowDate);
    const duration = Math.ceil(this.o.durationMs / 1000);
    await this.pool.run(async () => {
      if (this.stopped) return;
      const lease = this.informer.get(namespace, name);
      try {
        let written: Lease;
        if (!lease) {
          written = await kube.create(Kinds.Lease, {
            apiVersion: 'coordination.k8s.io/v1',
            kind: 'Lease',
            metadata: {
              name,
              namespace,
              labels: {
                ...MANAGED_LABELS,
                [SHARD_LABEL]: role,
                ...(role === 'shard' ? { 'kuberik.com/shard-count': String(this.o.count) } : {}),
              },
            },
            spec: {
              holderIdentity,
              leaseDurationSeconds: duration,
              acquireTime: now,
              renewTime: now,
              leaseTransitions: 0,
            },
          });
        } else {
          const mine = this.isMine(lease.spec?.holderIdentity);
          // Someone else holds it and it is live: not ours (any more).
          if (!mine && !leaseExpired(lease, nowDate)) {
            state.holding = false;
            return;
          }
          const spec =
            mine && (renewing || state.holding)
              ? { renewTime: now, leaseDurationSeconds: duration }
              : {
                  holderIdentity,
                  leaseDurationSeconds: duration,
                  acquireTime: now,
                  renewTime: now,
                  leaseTransitions: (lease.spec?.leaseTransitions ?? 0) + (mine ? 0 : 1),
                };
          written = await kube.mergePatch(
            Kinds.Lease,
            namespace,
            name,
            { spec },
            { resourceVersion: lease.metadata.resourceVersion },
          );
        }
        this.informer.upsert(written);
        if (!state.holding && 'epoch' in state) (state as Shard).epoch++;
        state.holding = true;
        state.renewedAt = nowDate.getTime();
      } catch (e) {
        if (e instanceof KubeError && (e.kind === 'Conflict' || e.kind === 'NotFound')) {
          // Stale copy or a race: the informer brings the winner's copy; the next tick decides on it.
          // (Held until then only by the clock, which ends well before anyone may take it over.)
          return;
        }
        // Unreachable etc.: keep what we have until it expires by the clock (held() checks).
        throw e;
      }
    }, true); // few and time-critical: never behind a queue of per-rollout claims
  }

  /** Stops driving a shard's rollouts, then clears its holder so another replica takes it at once. */
  private async releaseShard(s: Shard): Promise<void> {
    if (!s.holding) return;
    s.holding = false;
    this.shardChanged(s);
    // A write already on its way must land before another replica may start driving.
    await this.o.settled?.([...this.wanted.values()].filter((w) => w.shard === s.index).map((w) => w.key));
    await this.clearShard(s.name);
  }

  /**
   * Clears holderIdentity of a Lease we hold, from the cached copy; on a conflict waits for the
   * informer's newer copy and tries again (a few times; after that the Lease expires on its own).
   */
  private async clear(
    name: string,
    namespace: string,
    read: () => Lease | undefined,
    remember: (l: Lease) => void,
    patchExtra: Record<string, unknown> = {},
  ): Promise<void> {
    await this.pool
      .run(async () => {
        for (let attempt = 0; attempt < 5; attempt++) {
          if (attempt > 0) await new Promise((r) => setTimeout(r, 100 * attempt));
          const lease = read();
          if (!lease || !this.isMine(lease.spec?.holderIdentity)) return;
          try {
            const written = await this.o.kube.mergePatch(
              Kinds.Lease,
              namespace,
              name,
              { ...patchExtra, spec: { holderIdentity: null, leaseDurationSeconds: 1 } },
              { resourceVersion: lease.metadata.resourceVersion },
            );
            remember(written);
            return;
          } catch (e) {
            if (!(e instanceof KubeError && (e.kind === 'Conflict' || e.kind === 'NotFound'))) throw e;
          }
        }
      }, true)
      .catch(() => undefined);
  }

  private clearShard(name: string): Promise<void> {
    return this.clear(
      name,
      this.o.namespace,
      () => this.informer.get(this.o.namespace, name),
      (l) => this.informer.upsert(l),
    );
  }

  // ---- per-rollout Leases -----------------------------------------------------------------

  private claimSoon(w: Wanted): void {
    if (this.stopped || w.busy || !this.held(this.shards[w.shard] as Shard) || this.claimed(w)) return;
    w.timer?.cancel();
    w.timer = undefined;
    w.busy = true;
    void this.pool
      .run(() => this.claim(w))
      .then(
        (retryMs) => {
          w.busy = false;
          if (this.claimed(w)) this.o.onChange(w.key);
          else if (this.stopped || this.wanted.get(id(w.key)) !== w) return;
          else if (retryMs !== undefined) {
            w.timer = this.o.clock.setTimeout(() => {
              w.timer = undefined;
              this.claimSoon(w);
            }, retryMs);
          } else {
            // The shard changed hands while we wrote (a newer holding, or lost): decide again.
            this.claimSoon(w);
          }
        },
        (e: unknown) => {
          w.busy = false;
          if (!(e instanceof KubeError && e.kind === 'Conflict')) this.o.onError(w.key, asKubeError(e));
          if (!this.stopped && this.wanted.get(id(w.key)) === w) {
            w.timer = this.o.clock.setTimeout(() => {
              w.timer = undefined;
              this.claimSoon(w);
            }, this.o.renewMs);
          }
        },
      );
  }

  /** Writes the per-rollout Lease for us and our shard; answers when to try again if it is someone else's. */
  private async claim(w: Wanted): Promise<number | undefined> {
    const shard = this.shards[w.shard] as Shard;
    if (this.stopped || !this.held(shard) || this.claimed(w)) return undefined;
    const epoch = shard.epoch;
    const { kube, holderIdentity } = this.o;
    const { namespace, name } = w.key;
    const lname = leaseName(name);
    const nowDate = this.o.clock.now();
    const now = microTime(nowDate);
    // Decided on the Lease cache (a GET only for a Lease it does not follow): not listed yet, ask later.
    if (!this.o.cacheSynced(namespace)) return this.o.renewMs;
    let lease = await currentLease(this.o, namespace, lname);
    const annotations = { [SHARD_ANNOTATION]: this.ref(shard) };
    if (!lease) {
      const theirs = await createRolloutLease(
        this.o,
        newRolloutLease({
          namespace,
          rollout: name,
          holderIdentity,
          durationSeconds: CLAIM_SECONDS,
          now: nowDate,
          owner: this.o.owner?.(w.key),
          annotations,
        }),
      );
      if (!theirs) {
        w.claimEpoch = epoch;
        return undefined;
      }
      lease = theirs;
    }
    const holder = liveHolder(lease, nowDate, this.lookup);
    if (holder && !this.isMine(holder)) {
      // A live `watch` or an older controller drives it: ask again when its Lease would expire
      // (its informer event usually comes first).
      if (shardRef(lease)) return this.o.renewMs;
      const until = leaseExpiresAt(lease) - this.now();
      return Math.max(1, Math.min(this.o.durationMs, until + 1)) + Math.round(200 * this.random());
    }
    const mine = this.isMine(lease.spec?.holderIdentity);
    const written = await kube.mergePatch(
      Kinds.Lease,
      namespace,
      lname,
      {
        metadata: { ...labelIfMissing(lease), annotations },
        spec: {
          holderIdentity,
          leaseDurationSeconds: CLAIM_SECONDS,
          acquireTime: now,
          renewTime: now,
          leaseTransitions: (lease.spec?.leaseTransitions ?? 0) + (mine ? 0 : 1),
        },
      },
      { resourceVersion: lease.metadata.resourceVersion },
    );
    // (A conflict throws: the informer brings the newer copy and the retry decides on it.)
    this.o.remember(written);
    w.claimEpoch = epoch;
    return undefined;
  }

  private clearRollout(key: RolloutKey): Promise<void> {
    const lname = leaseName(key.name);
    return this.clear(
      lname,
      key.namespace,
      () => this.o.cached(key.namespace, lname),
      (l) => this.o.remember(l),
      { metadata: { annotations: { [SHARD_ANNOTATION]: null } } },
    );
  }

  async release(key: RolloutKey): Promise<void> {
    const w = this.wanted.get(id(key));
    if (!w) return;
    this.wanted.delete(id(key));
    w.timer?.cancel();
    if (this.claimed(w)) await this.clearRollout(key);
  }

  abandon(): void {
    this.stopped = true;
    this.timer?.cancel();
    for (const w of this.wanted.values()) w.timer?.cancel();
    this.informer.stop();
  }

  /**
   * Clean shutdown: clear the per-rollout Leases we hold (so tools of any version see them free
   * at once), then the shard and member Leases, so the other replicas take the shards over now.
   */
  async releaseAll(): Promise<void> {
    const claimed = [...this.wanted.values()].filter((w) => this.claimed(w));
    this.stopped = true;
    this.timer?.cancel();
    for (const w of this.wanted.values()) w.timer?.cancel();
    await this.ticking;
    await Promise.all(claimed.map((w) => this.clearRollout(w.key)));
    await Promise.all(
      this.shards
        .filter((s) => s.holding)
        .map((s) => {
          s.holding = false;
          return this.clearShard(s.name);
        }),
    );
    await this.clearShard(this.memberName);
    this.informer.stop();
  }
}
