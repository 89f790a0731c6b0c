// The one driver (architecture rule 3): informers and plan wake-ups feed a keyed, coalescing work
// queue; each reconcile gathers Observed from the caches, asks the engine for a Plan, and — only
// while this process holds the rollout's Lease — applies it. It never throws out of its loop:
// problems become 'error' events and retries.
import { decide as engineDecide } from '../engine/index.js';
import type { Observed, Plan } from '../engine/plan.js';
import { EventRecorder, KubeError, holderIdentity as defaultHolder, type Lease } from '../kube/index.js';
import {
  leaseName,
  rolloutOfLease,
  type KubeObject,
  type Kustomization,
  type OCIRepository,
  type Rollout,
  type RolloutGate,
} from '../model/index.js';
import type { Driver, DriverEvent, DriverOptions, RolloutKey, RolloutSnapshot } from './api.js';
import { applyPlan } from './apply-plan.js';
import { Caches, type RefKey, type RefKind } from './caches.js';
import { systemClock } from './clock.js';
import { LeaseManager } from './lease.js';
import { MANAGED_SELECTOR, liveHolder } from './lease-record.js';
import { affected, gather, gatesOf, healthChecksOf, referencesOf } from './observe.js';
import type { RolloutLeases } from './rollout-leases.js';
import { ShardCache } from './shard-lookup.js';
import { ShardedLeases } from './sharded-leases.js';
import { WorkQueue } from './queue.js';
import { ScheduleStatusWriter } from './schedule-status.js';

/** Safety-net re-decide intervals (spec §3.4, §3.8); watches are the primary trigger. */
const GATE_LOOP_MS = 10_000;
const BAKE_LOOP_MS = 30_000;

export interface EngineDriver extends Driver {
  /** `releaseLeases: false` leaves leases to expire, as a crashed process would (tests). */
  stop(opts?: { releaseLeases?: boolean }): Promise<void>;
  /** Resolves when no reconcile is queued or running (tests, bench). */
  idle(): Promise<void>;
  /**
   * Requests made and reconciles run, for the bench and the controller's metrics; queueDepth is
   * the rollouts queued or reconciling, leaseRequests the lease requests waiting or in flight.
   */
  stats(): { requests: number; reconciles: number; lists: number; queueDepth: number; leaseRequests: number };
  /** What the engine sees for one rollout now (from the caches), e.g. to preview a manual request. */
  observed(key: RolloutKey): Observed | undefined;
  /** Kinds whose informer has not completed its first list (empty once every informer synced). */
  unsyncedInformers(): string[];
}

const keyString = (k: RolloutKey): string => `${k.namespace}/${k.name}`;
const parseKey = (s: string): RolloutKey => {
  const i = s.indexOf('/');
  return { namespace: s.slice(0, i), name: s.slice(i + 1) };
};

export function createDriver(options: DriverOptions): EngineDriver {
  // One rollout by name without a namespace means the kubeconfig's namespace, as kubectl does.
  const opts: DriverOptions =
    options.scope.name && !options.scope.namespace
      ? { ...options, scope: { ...options.scope, namespace: options.kube.namespace } }
      : options;
  const clock = opts.clock ?? systemClock;
  const decide = opts.decide ?? engineDecide;
  const observeOnly = opts.observe === true;
  const listeners = new Set<(e: DriverEvent) => void>();
  const snapshots = new Map<string, RolloutSnapshot>();
  const signatures = new Map<string, string>();
  const wakeTimers = new Map<string, { cancel(): void }>();
  const retryTimers = new Map<string, NodeJS.Timeout>();
  const failures = new Map<string, number>();
  const conflicts = new Map<string, number>();
  /** Plans being applied, by rollout: a shard is handed over only after they land. */
  const applying = new Map<string, Promise<unknown>>();
  let reconciles = 0;
  let stopped = false;
  let started: Promise<void> | undefined;

  const emit = (e: DriverEvent): void => {
    for (const l of [...listeners]) {
      try {
        l(e);
      } catch {
        // a listener's bug must not stop the driver
      }
    }
  };
  /** The same problem is reported once a minute at most, not on every retry. */
  const lastErrors = new Map<string, number>();
  const emitError = (err: KubeError, key?: RolloutKey): void => {
    const id = `${key ? keyString(key) : ''}\u0000${err.message}`;
    const at = Date.now();
    if ((lastErrors.get(id) ?? -Infinity) > at - 60_000) return;
    if (lastErrors.size > 1000) lastErrors.clear();
    lastErrors.set(id, at);
    emit({ type: 'error', key, error: err });
  };

  const caches = new Caches(
    opts.kube,
    opts.scope,
    (ev) => {
      if (stopped) return;
      if (ev.kind === 'Lease') {
        const ns = ev.obj.metadata.namespace ?? '';
        const rollout = rolloutOfLease(ev.obj.metadata.name, () =>
          caches.rollouts.byIndex('namespace', ns).map((r) => r.metadata.name),
        );
        if (rollout && leases) leases.poke({ namespace: ns, name: rollout });
        // Our own lease written (acquired, renewed): the lease manager already re-queues the rollout
        // when its driving state changes; re-deciding on every renewal costs a reconcile per 5 s each.
        const holder = (l?: KubeObject): unknown => (l as Lease | undefined)?.spec?.holderIdentity;
        if (leases?.isMine(holder(ev.obj)) && (!ev.old || leases.isMine(holder(ev.old)))) return;
      }
      for (const k of affected(caches, ev.kind, ev.obj, ev.old)) if (k !== ownWrite) queue.add(k);
      if (schedulesChanged(ev)) scheduleStatuses?.poke();
    },
    (err) => emitError(err),
    // A driving process sees only Kuberik's Leases (unwatched-lease.ts finds a foreign one by name);
    // an observer keeps every Lease, so it shows any live holder of a rollout's Lease name.
    observeOnly ? undefined : MANAGED_SELECTOR,
  );
  /**
   * The rollout whose guarded write is being put into the caches (apply-plan.ts `wrote`): that cache
   * update is its own plan's result and does not re-queue it; other rollouts it affects are queued.
   */
  let ownWrite: string | undefined;
  const remember = (obj: KubeObject): void => {
    const ns = obj.metadata.namespace ?? '';
    switch (obj.kind) {
      case 'Rollout':
        caches.rollouts.upsert(obj as Rollout);
        break;
      case 'Lease':
        caches.in(ns)?.leases.upsert(obj as Lease);
        break;
      case 'RolloutGate':
        caches.in(ns)?.gates.upsert(obj as RolloutGate);
        break;
      case 'OCIRepository':
        caches.in(ns)?.ociRepositories.upsert(obj as OCIRepository);
        break;
      case 'HealthCheck':
      case 'Kustomization':
      case 'ImagePolicy':
        caches.informer(obj.kind, ns)?.upsert(obj);
        if (obj.kind === 'Kustomization') caches.discovery?.upsert(obj as Kustomization);
        break;
      default:
    }
  };

  const durationMs = opts.leaseDurationMs ?? 15_000;
  const renewMs = opts.renewMs ?? 5_000;
  // Shard Leases named by per-rollout Leases: from our Lease cache when it covers them, else one GET.
  const shardCache = new ShardCache(
    opts.kube,
    clock,
    (ns, name) => {
      const c = caches.in(ns);
      return c?.leases.synced ? c.leases.get(ns, name) : 'unknown';
    },
    renewMs,
  );
  const leaseOptions = {
    kube: opts.kube,
    clock,
    holderIdentity: opts.holderIdentity ?? defaultHolder(opts.identity),
    durationMs,
    renewMs,
    cached: (ns: string, name: string) => caches.lease(ns, name),
    cacheSynced: (ns: string) => caches.in(ns)?.leases.synced ?? false,
    remember,
    forget: (ns: string, name: string) => caches.in(ns)?.leases.forget(ns, name),
    onChange: (key: RolloutKey) => queue.add(keyString(key)),
    owner: (key: RolloutKey) => {
      const r = caches.rollouts.get(key.namespace, key.name);
      return r && { apiVersion: r.apiVersion, kind: 'Rollout', name: key.name, uid: r.metadata.uid };
    },
  };
  const leases: RolloutLeases | undefined = observeOnly
    ? undefined
    : opts.shards
      ? new ShardedLeases({
          ...leaseOptions,
          count: opts.shards.count,
          namespace: opts.shards.namespace ?? opts.kube.namespace,
          onError: (key, err) => emitError(err, key),
          settled: async (keys) => {
            const inFlight = keys.flatMap((k) => applying.get(keyString(k)) ?? []);
            await Promise.all(inFlight);
          },
        })
      : new LeaseManager({ ...leaseOptions, shards: shardCache, onError: (key, err) => emitError(err, key) });
  const scheduleStatuses =
    !observeOnly && ScheduleStatusWriter.applies(opts.scope)
      ? new ScheduleStatusWriter(opts.kube, caches, opts.scope, clock, (err) => emitError(err))
      : undefined;
  const recorder = new EventRecorder(opts.kube, () => clock.now());

  const snapshotOf = (key: RolloutKey, r: Rollout): RolloutSnapshot => ({
    key,
    rollout: r,
    gates: gatesOf(caches, r),
    healthChecks: healthChecksOf(caches, r),
    lease: leases ? leases.state(key) : { driving: false, holder: observedHolder(key) },
    observedAt: clock.now(),
  });
  const observedHolder = (key: RolloutKey): string | undefined =>
    liveHolder(caches.lease(key.namespace, leaseName(key.name)), clock.now(), shardCache.lookup);

  const publish = (id: string, snap: RolloutSnapshot): void => {
    const sig = [
      snap.rollout.metadata.resourceVersion,
      ...snap.gates.map((g) => g.metadata.resourceVersion),
      ...snap.healthChecks.map((h) => h.metadata.resourceVersion),
      snap.lease.holder ?? '',
      snap.lease.driving,
    ].join('|');
    snapshots.set(id, snap);
    if (signatures.get(id) === sig) return;
    signatures.set(id, sig);
    emit({ type: 'snapshot', snapshot: snap });
  };

  const scheduleWake = (id: string, plan: Plan | undefined, r: Rollout): void => {
    wakeTimers.get(id)?.cancel();
    wakeTimers.delete(id);
    if (stopped) return;
    const now = clock.now().getTime();
    let at = plan?.wakeAt?.getTime() ?? Infinity;
    const phase = r.status?.phase;
    if (phase === 'WaitingForGates' || phase === 'Blocked') at = Math.min(at, now + GATE_LOOP_MS);
    if (phase === 'Deploying' || phase === 'Baking') at = Math.min(at, now + BAKE_LOOP_MS);
    if (!Number.isFinite(at)) return;
    wakeTimers.set(
      id,
      clock.setTimeout(
        () => {
          wakeTimers.delete(id);
          queue.add(id);
        },
        Math.max(0, at - now),
      ),
    );
  };

  /** Retry after an I/O failure: real time, growing backoff (fake clocks do not move I/O). */
  const retryLater = (id: string): void => {
    const n = (failures.get(id) ?? 0) + 1;
    failures.set(id, n);
    if (retryTimers.has(id) || stopped) return;
    const ms = Math.min(5_000, 100 * 2 ** Math.min(n - 1, 6));
    const t = setTimeout(() => {
      retryTimers.delete(id);
      queue.add(id);
    }, ms);
    t.unref?.();
    retryTimers.set(id, t);
  };

  /** Emits a plan's events and records them as Kubernetes Events (best effort). */
  const announce = async (key: RolloutKey, r: Rollout, events: Plan['events']): Promise<void> => {
    const at = clock.now();
    for (const ev of events) {
      emit({ type: 'event', key, event: ev, at });
      const involved = ev.involved ?? {
        apiVersion: r.apiVersion,
        kind: 'Rollout',
        namespace: key.namespace,
        name: key.name,
      };
      await recorder
        .record({ ...involved, uid: ev.involved ? undefined : r.metadata.uid }, ev)
        .catch((e: unknown) =>
          emitError(e instanceof KubeError ? e : new KubeError('Unreachable', String(e), e), key),
        );
    }
  };

  /**
   * Starts the informers of the namespaces this rollout references and waits for their first
   * list, so a cache not yet filled is never mistaken for a missing object. What a ref reveals
   * (a HealthCheck in a matched namespace naming a Kustomization elsewhere) is followed too.
   */
  const followReferences = async (id: string, r: Rollout): Promise<void> => {
    // A rollout event can arrive before start() resolved: wait for the scope's own first lists.
    await Promise.all([caches.ensure(r.metadata.namespace ?? 'default'), caches.discoveryReady()]);
    let keys: RefKey[] = [];
    for (let round = 0; round < 4; round++) {
      const next = referencesOf(caches, r);
      await Promise.all(
        next.map((k) => {
          const i = k.indexOf('/');
          return caches.ensureRef(k.slice(0, i) as RefKind, k.slice(i + 1));
        }),
      );
      const same = next.length === keys.length && next.every((k) => keys.includes(k));
      keys = next;
      if (same || stopped) break;
    }
    caches.retain(id, keys);
  };

  /** The engine's plan for a rollout now; an engine failure is reported, not thrown. */
  const planFor = (id: string, key: RolloutKey, r: Rollout): Plan | undefined => {
    try {
      return decide(gather(caches, r, opts.identity), clock.now());
    } catch (e) {
      emitError(
        new KubeError('Invalid', `engine failed on rollout ${id}: ${String((e as Error)?.message ?? e)}`, e),
        key,
      );
      return undefined;
    }
  };

  const reconcile = async (id: string): Promise<void> => {
    if (stopped) return;
    reconciles++;
    const key = parseKey(id);
    const r = caches.rollouts.get(key.namespace, key.name);
    if (!r) {
      caches.retain(id, []);
      wakeTimers.get(id)?.cancel();
      wakeTimers.delete(id);
      await leases?.release(key);
      if (snapshots.delete(id)) {
        signatures.delete(id);
        emit({ type: 'removed', key });
      }
      return;
    }
    leases?.want(key);
    await followReferences(id, r);
    if (stopped) return;

    // Only a plan this process may apply is worth deciding: a rollout driven elsewhere (another
    // replica's shard, a `watch`, an observer) is only shown, and the snapshot needs no plan. On a
    // cold start that saves the engine run of every rollout's first reconcile, made before its Lease.
    const driving = !!leases?.driving(key);
    const plan = driving ? planFor(id, key, r) : undefined;
    if (plan && driving && hasWork(plan)) {
      const wrote = (obj: KubeObject): void => {
        ownWrite = id;
        try {
          remember(obj);
        } finally {
          ownWrite = undefined;
        }
      };
      const applied = applyPlan(
        { kube: opts.kube, recorder, remember, wrote, stillDriving: () => !!leases?.driving(key) },
        r,
        plan,
      );
      applying.set(id, applied);
      const outcome = await applied.finally(() => applying.delete(id));
      if (!outcome.ok) {
        // The status was written before the failure: what it records is announced now.
        await announce(key, r, outcome.events);
        if ('leaseLost' in outcome) {
          // The lease manager re-queues the rollout when it holds the lease again (or shows the new holder).
        } else if (outcome.conflict && (conflicts.get(id) ?? 0) < 10) {
          conflicts.set(id, (conflicts.get(id) ?? 0) + 1);
          queue.add(id); // re-read (the cache has the fresh copy) and re-decide at once
        } else {
          if ('error' in outcome) emitError(outcome.error, key);
          retryLater(id);
        }
        publish(id, snapshotOf(key, caches.rollouts.get(key.namespace, key.name) ?? r));
        return;
      }
      failures.delete(id);
      conflicts.delete(id);
      await announce(key, r, outcome.events);
      const fresh = caches.rollouts.get(key.namespace, key.name) ?? outcome.rollout;
      publish(id, snapshotOf(key, fresh));
      scheduleWake(id, plan, fresh);
      return;
    }
    failures.delete(id);
    publish(id, snapshotOf(key, r));
    if (driving) scheduleWake(id, plan, r);
  };

  const queue = new WorkQueue(reconcile, opts.concurrency ?? 16);

  return {
    start() {
      started ??= Promise.all([caches.start(), leases?.start?.()]).then(() => scheduleStatuses?.poke());
      return started;
    },
    async stop(o: { releaseLeases?: boolean } = {}) {
      if (stopped) return;
      stopped = true;
      scheduleStatuses?.stop();
      await queue.stop();
      for (const t of wakeTimers.values()) t.cancel();
      wakeTimers.clear();
      for (const t of retryTimers.values()) clearTimeout(t);
      retryTimers.clear();
      if (o.releaseLeases === false) leases?.abandon();
      else await leases?.releaseAll();
      caches.stop();
      listeners.clear();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshots: () => [...snapshots.values()],
    snapshot: (key) => snapshots.get(keyString(key)),
    idle: () => queue.idle(),
    observed(key) {
      const r = caches.rollouts.get(key.namespace, key.name);
      return r ? gather(caches, r, opts.identity) : undefined;
    },
    unsyncedInformers: () => caches.unsynced(),
    stats: () => ({
      requests: opts.kube.stats.requests,
      reconciles,
      lists: caches.listCount(),
      queueDepth: queue.size,
      leaseRequests: leases?.pending ?? 0,
    }),
  };
}

const hasWork = (p: Plan): boolean =>
  p.status !== undefined ||
  p.patches.length > 0 ||
  p.healthCheckStatuses.length > 0 ||
  p.clearAnnotations.length > 0 ||
  p.events.length > 0;

/** Does a cache event change what a schedule's status says (not a rollout's own status write)? */
function schedulesChanged(ev: { kind: string; obj: KubeObject; old?: KubeObject }): boolean {
  if (ev.kind === 'RolloutSchedule' || ev.kind === 'ClusterRolloutSchedule') {
    // Our own status write comes back as an update with the same spec: nothing to recompute.
    return !ev.old || JSON.stringify(ev.old.spec) !== JSON.stringify(ev.obj.spec);
  }
  if (ev.kind === 'Namespace')
    return JSON.stringify(ev.old?.metadata.labels) !== JSON.stringify(ev.obj.metadata.labels);
  if (ev.kind === 'Rollout')
    return !ev.old || JSON.stringify(ev.old.metadata.labels) !== JSON.stringify(ev.obj.metadata.labels);
  return false;
}
