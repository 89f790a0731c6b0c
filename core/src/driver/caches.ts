// The driver's shared informers: one per kind and namespace scope, never one per rollout.
// In a namespaced scope, namespaces that rollouts reference (ImagePolicy namespace, HealthChecks
// chosen by a namespaceSelector, Kustomizations that health checks read) get informers of just
// the kind needed ("refs"), started on first use and stopped when no rollout references them;
// one cluster-wide Kustomization informer finds Kustomizations elsewhere that deploy a rollout.
import type { NamespaceInfo } from '../engine/plan.js';
import {
  Informer,
  type InformerHandlers,
  type Kube,
  type KubeError,
  Kinds,
  type Lease,
  type NamespaceObject,
} from '../kube/index.js';
import type {
  ClusterRolloutSchedule,
  HealthCheck,
  ImagePolicy,
  KubeObject,
  Kustomization,
  OCIRepository,
  Rollout,
  RolloutGate,
  RolloutSchedule,
} from '../model/index.js';
import type { DriverScope } from './api.js';
import {
  healthCheckKustomization,
  ociRolloutOf,
  type RefKey,
  refKey,
  type RefKind,
  substituteTargets,
} from './indexes.js';

export type { RefKey, RefKind } from './indexes.js';

const nsOf = (o: KubeObject): string[] => [o.metadata.namespace ?? ''];

/** The informers of one namespace (or of all namespaces, keyed '*'). */
export interface NamespaceCaches {
  gates: Informer<RolloutGate>;
  schedules: Informer<RolloutSchedule>;
  healthChecks: Informer<HealthCheck>;
  kustomizations: Informer<Kustomization>;
  imagePolicies: Informer<ImagePolicy>;
  /** Deploy targets in the rollouts' own namespace (spec §10.3); optional CRD. */
  ociRepositories: Informer<OCIRepository>;
  leases: Informer<Lease>;
}

export type CacheEvent = { kind: string; obj: KubeObject; old?: KubeObject };

export class Caches {
  readonly rollouts: Informer<Rollout>;
  readonly clusterSchedules: Informer<ClusterRolloutSchedule>;
  readonly namespaces: Informer<NamespaceObject>;
  /** Namespaced scope only: every Kustomization, to find those that deploy our rollouts. */
  readonly discovery?: Informer<Kustomization>;
  private readonly scoped = new Map<string, NamespaceCaches>();
  private readonly starting = new Map<string, Promise<void>>();
  private readonly refs = new Map<RefKey, { informer: Informer<KubeObject>; started: Promise<void> }>();
  private readonly retained = new Map<string, Set<RefKey>>();
  private namespaceInfo?: NamespaceInfo[];
  private stopped = false;

  constructor(
    private readonly kube: Kube,
    private readonly scope: DriverScope,
    private readonly onEvent: (ev: CacheEvent) => void,
    private readonly onError: (err: KubeError) => void,
    /** Label selector of the Lease informers (drivers that write Leases select on theirs). */
    private readonly leaseSelector?: string,
  ) {
    this.rollouts = new Informer(kube, Kinds.Rollout, {
      namespace: scope.namespace,
      labelSelector: scope.labelSelector,
      fieldSelector: scope.name && scope.namespace ? `metadata.name=${scope.name}` : undefined,
    });
    this.rollouts.addIndex('namespace', nsOf);
    this.rollouts.addIndex('policy', (r) => {
      const ref = r.spec?.releasesImagePolicy;
      return ref?.name ? [`${ref.namespace || r.metadata.namespace}/${ref.name}`] : [];
    });
    this.rollouts.addIndex('crossNamespaceHealth', (r) =>
      r.spec?.healthCheckSelector?.namespaceSelector ? ['yes'] : [],
    );
    this.clusterSchedules = new Informer(kube, Kinds.ClusterRolloutSchedule);
    this.namespaces = new Informer(kube, Kinds.Namespace);
    this.wire(this.rollouts);
    this.wire(this.clusterSchedules);
    this.wire(this.namespaces, () => (this.namespaceInfo = undefined));
    if (scope.namespace !== undefined) {
      this.discovery = new Informer(kube, Kinds.Kustomization);
      this.discovery.addIndex('substitutes', substituteTargets);
      this.wire(this.discovery);
    }
  }

  private wire<T extends KubeObject>(inf: Informer<T>, also?: () => void): void {
    const h: InformerHandlers<T> = {
      add: (obj) => {
        also?.();
        this.onEvent({ kind: inf.kind.kind, obj });
      },
      update: (obj, old) => {
        also?.();
        this.onEvent({ kind: inf.kind.kind, obj, old });
      },
      delete: (obj) => {
        also?.();
        this.onEvent({ kind: inf.kind.kind, obj });
      },
      error: (err) => this.onError(err),
    };
    inf.on(h);
  }

  /** The scope key holding objects of namespace `ns`. */
  private scopeKey(ns: string): string {
    return this.scope.namespace === undefined ? '*' : ns;
  }

  /** Starts the base informers; resolves after each made its first list attempt. */
  async start(): Promise<void> {
    await Promise.all([
      this.rollouts.start(),
      this.clusterSchedules.start(),
      this.namespaces.start(),
      this.ensure(this.scope.namespace ?? '*'),
      (this.discoveryStarted = this.discovery?.start()),
    ]);
  }

  private discoveryStarted?: Promise<void>;

  /** Resolves after the discovery informer's first list attempt (at once without one). */
  discoveryReady(): Promise<void> {
    return this.discoveryStarted ?? Promise.resolve();
  }

  /**
   * The informer of `kind` holding namespace `ns`: the scope's own, or a ref started by
   * ensureRef. Undefined when neither exists.
   */
  informer(kind: RefKind, ns: string): Informer<KubeObject> | undefined {
    const c = this.in(ns);
    if (c) return this.pick(c, kind);
    return this.refs.get(refKey(kind, ns))?.informer;
  }

  private pick(c: NamespaceCaches, kind: RefKind): Informer<KubeObject> {
    return (
      kind === 'HealthCheck' ? c.healthChecks : kind === 'Kustomization' ? c.kustomizations : c.imagePolicies
    ) as Informer<KubeObject>;
  }

  /** Starts (once) the informer of `kind` in `ns` outside the scope; resolves after its first list. */
  ensureRef(kind: RefKind, ns: string): Promise<void> {
    if (this.in(ns)) return Promise.resolve();
    const key = refKey(kind, ns);
    const have = this.refs.get(key);
    if (have) return have.started;
    const kinds = {
      HealthCheck: Kinds.HealthCheck,
      Kustomization: Kinds.Kustomization,
      ImagePolicy: Kinds.ImagePolicy,
    };
    const informer = new Informer<KubeObject>(this.kube, kinds[kind] as never, { namespace: ns });
    if (kind === 'HealthCheck') {
      informer.addIndex('namespace', nsOf);
      informer.addIndex('kustomization', (h) => {
        const k = healthCheckKustomization(h as HealthCheck);
        return k ? [k] : [];
      });
    }
    if (kind === 'Kustomization')
      informer.addIndex('substitutes', (k) => substituteTargets(k as Kustomization));
    this.wire(informer);
    const started = this.stopped ? Promise.resolve() : informer.start();
    this.refs.set(key, { informer, started });
    return started;
  }

  /**
   * Records the refs rollout `id` reads and stops those no rollout reads any more (a reference
   * removed, a rollout deleted), so a namespaced driver watches exactly what its rollouts reference.
   */
  retain(id: string, keys: Iterable<RefKey>): void {
    const set = new Set(keys);
    if (set.size === 0) this.retained.delete(id);
    else this.retained.set(id, set);
    const used = new Set<RefKey>();
    for (const s of this.retained.values()) for (const k of s) used.add(k);
    for (const [key, ref] of this.refs) {
      if (used.has(key)) continue;
      ref.informer.stop();
      this.refs.delete(key);
    }
  }

  /** Ref informers running now (tests: which namespaces a driver watches). */
  refKeys(): RefKey[] {
    return [...this.refs.keys()];
  }

  /** Every informer of `kind` (scope caches and refs), for cross-namespace lookups. */
  informersOf(kind: RefKind): Array<Informer<KubeObject>> {
    const out = [...this.scoped.values()].map((c) => this.pick(c, kind));
    for (const [key, ref] of this.refs) if (key.startsWith(`${kind}/`)) out.push(ref.informer);
    return out;
  }

  /** Makes sure the informers for namespace `ns` exist and made their first list attempt. */
  ensure(ns: string): Promise<void> {
    const key = ns === '*' ? '*' : this.scopeKey(ns);
    const running = this.starting.get(key);
    if (running) return running;
    const nsArg = key === '*' ? undefined : key;
    const c: NamespaceCaches = {
      gates: new Informer(this.kube, Kinds.RolloutGate, { namespace: nsArg }),
      schedules: new Informer(this.kube, Kinds.RolloutSchedule, { namespace: nsArg }),
      healthChecks: new Informer(this.kube, Kinds.HealthCheck, { namespace: nsArg }),
      kustomizations: new Informer(this.kube, Kinds.Kustomization, { namespace: nsArg }),
      imagePolicies: new Informer(this.kube, Kinds.ImagePolicy, { namespace: nsArg }),
      ociRepositories: new Informer(this.kube, Kinds.OCIRepository, { namespace: nsArg, optional: true }),
      leases: new Informer(this.kube, Kinds.Lease, { namespace: nsArg, labelSelector: this.leaseSelector }),
    };
    c.gates.addIndex('rollout', (g) =>
      g.spec?.rolloutRef?.name ? [`${g.metadata.namespace}/${g.spec.rolloutRef.name}`] : [],
    );
    c.schedules.addIndex('namespace', nsOf);
    c.healthChecks.addIndex('namespace', nsOf);
    c.healthChecks.addIndex('kustomization', (h) => {
      const k = healthCheckKustomization(h);
      return k ? [k] : [];
    });
    c.kustomizations.addIndex('namespace', nsOf);
    c.ociRepositories.addIndex('rollout', ociRolloutOf);
    c.kustomizations.addIndex('substitutes', substituteTargets);
    for (const inf of Object.values(c) as Array<Informer<KubeObject>>) this.wire(inf);
    this.scoped.set(key, c);
    const p = this.stopped
      ? Promise.resolve()
      : Promise.all((Object.values(c) as Array<Informer<KubeObject>>).map((i) => i.start())).then(
          () => undefined,
        );
    this.starting.set(key, p);
    return p;
  }

  /** The caches that hold namespace `ns`, if started. */
  in(ns: string): NamespaceCaches | undefined {
    return this.scoped.get(this.scopeKey(ns));
  }

  /** Every namespace cache (for cross-namespace lookups). */
  all(): NamespaceCaches[] {
    return [...this.scoped.values()];
  }

  namespaceInfos(): NamespaceInfo[] {
    this.namespaceInfo ??= this.namespaces
      .list()
      .map((n) => ({ name: n.metadata.name, labels: n.metadata.labels ?? {} }));
    return this.namespaceInfo;
  }

  lease(ns: string, name: string): Lease | undefined {
    return this.in(ns)?.leases.get(ns, name);
  }

  /** Kinds whose informer has not completed a first list yet (readiness). */
  unsynced(): string[] {
    const all: Array<Informer<KubeObject>> = [
      this.rollouts as unknown as Informer<KubeObject>,
      this.clusterSchedules as unknown as Informer<KubeObject>,
      this.namespaces as unknown as Informer<KubeObject>,
    ];
    for (const c of this.scoped.values()) all.push(...(Object.values(c) as Array<Informer<KubeObject>>));
    return [...new Set(all.filter((i) => !i.synced).map((i) => i.kind.kind))];
  }

  stop(): void {
    this.stopped = true;
    this.rollouts.stop();
    this.clusterSchedules.stop();
    this.namespaces.stop();
    for (const c of this.scoped.values())
      for (const inf of Object.values(c) as Array<Informer<KubeObject>>) inf.stop();
    this.discovery?.stop();
    for (const ref of this.refs.values()) ref.informer.stop();
  }

  /** LIST requests made so far by every informer. */
  listCount(): number {
    let n = this.rollouts.lists + this.clusterSchedules.lists + this.namespaces.lists;
    for (const c of this.scoped.values())
      for (const inf of Object.values(c) as Array<Informer<KubeObject>>) n += inf.lists;
    for (const ref of this.refs.values()) n += ref.informer.lists;
    return n + (this.discovery?.lists ?? 0);
  }
}
