// Simulated source-controller for OCIRepositories (spec §10.3), and the kustomize-controller's
// reaction to a new source artifact: kept apart from KustomizeReconciler (which reacts to spec
// changes) so each stays small. A spec change of an OCIRepository stores an artifact at once,
// revision `<tag>@sha256:<digest>` as Flux v2 writes it (digest over semver over tag, as Flux does);
// every Kustomization whose sourceRef is that OCIRepository then goes Progressing and, after its
// reconcile delay, Ready with lastAppliedRevision = that revision — or HealthCheckFailed when the
// tag matches its `sandbox.kuberik.com/fail-versions`.
import { parseDuration } from '../../engine/duration.js';
import type { StoredObject } from '../types.js';
import { KUSTOMIZATION_API, SimAnnotations, splitList } from './annotations.js';
import { rfc3339, type SimulatorClock, type TimerHandle } from './clock.js';
import { findCondition, withCondition } from './conditions.js';
import { fakeDigest } from './digest.js';
import { matchingGlob } from './glob.js';
import type { FluxStore } from './store.js';
import { ReconcileQueue } from './reconcile-queue.js';

export const OCI_REPOSITORY_API = 'source.toolkit.fluxcd.io/v1';

type Ref = { tag?: unknown; semver?: unknown; digest?: unknown };
const keyOf = (o: StoredObject): string => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
const split = (key: string): [string, string] => {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
};
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * The stored artifact as source-controller reports it: Flux's real schema requires path, url and
 * lastUpdateTime besides the revision (a real kube-apiserver refuses the status without them).
 */
function artifactOf(ns: string | undefined, name: string, revision: string, now: string) {
  const digest = revision.slice(revision.indexOf('sha256:'));
  const path = `ocirepository/${ns ?? ''}/${name}/${digest.slice('sha256:'.length)}.tar.gz`;
  return {
    revision,
    digest,
    path,
    url: `http://source-controller.flux-system.svc.cluster.local./${path}`,
    lastUpdateTime: now,
  };
}

/** The artifact revision Flux would store for this ref, or undefined when nothing resolves. */
export function ociRevision(ref: Ref | undefined): string | undefined {
  const digest = str(ref?.digest);
  if (digest) return digest;
  // A semver range needs a registry listing; the simulator has none, so it stands for itself.
  const tag = str(ref?.semver) ?? str(ref?.tag);
  return tag ? `${tag}@${fakeDigest(tag)}` : undefined;
}

export class OCIRepositoryReconciler {
  private readonly repos: ReconcileQueue;
  private readonly consumers: ReconcileQueue;
  private readonly pending = new Map<string, { revision: string; timer: TimerHandle }>();
  private readonly unwatch: Array<() => void> = [];

  constructor(
    private readonly store: FluxStore,
    private readonly clock: SimulatorClock,
    private readonly defaultDelayMs: number,
    private readonly log: (message: string) => void,
  ) {
    this.repos = new ReconcileQueue((key) => this.reconcileRepo(key), log);
    this.consumers = new ReconcileQueue((key) => this.reconcileConsumer(key), log);
  }

  start(): void {
    this.unwatch.push(
      this.store.watch(OCI_REPOSITORY_API, 'OCIRepository', (_type, obj) => {
        this.repos.add(keyOf(obj));
        for (const k of this.consumersOf(keyOf(obj))) this.consumers.add(keyOf(k));
      }),
      this.store.watch(KUSTOMIZATION_API, 'Kustomization', (type, obj) => {
        if (type === 'DELETED') this.cancel(keyOf(obj));
        else if (this.sourceOf(obj)) this.consumers.add(keyOf(obj));
      }),
    );
    for (const o of this.store.list(OCI_REPOSITORY_API, 'OCIRepository')) this.repos.add(keyOf(o));
  }

  async settled(): Promise<void> {
    await Promise.all([this.repos.settled(), this.consumers.settled()]);
  }

  stop(): void {
    for (const u of this.unwatch) u();
    this.repos.stop();
    this.consumers.stop();
    for (const key of [...this.pending.keys()]) this.cancel(key);
  }

  /** `namespace/name` of the OCIRepository a Kustomization reads, if it reads one. */
  private sourceOf(k: StoredObject): string | undefined {
    const ref = (
      k.spec as { sourceRef?: { kind?: unknown; name?: unknown; namespace?: unknown } } | undefined
    )?.sourceRef;
    if (ref?.kind !== 'OCIRepository' || !str(ref.name)) return undefined;
    return `${str(ref.namespace) ?? k.metadata?.namespace ?? ''}/${ref.name as string}`;
  }

  private consumersOf(repoKey: string): StoredObject[] {
    return this.store.list(KUSTOMIZATION_API, 'Kustomization').filter((k) => this.sourceOf(k) === repoKey);
  }

  private reconcileRepo(key: string): void {
    const [ns, name] = split(key);
    const o = this.store.get(OCI_REPOSITORY_API, 'OCIRepository', name, ns);
    if (!o || o.metadata?.deletionTimestamp) return;
    const generation = o.metadata?.generation ?? 0;
    const status = (o.status ?? {}) as { observedGeneration?: unknown; conditions?: unknown };
    if (typeof status.observedGeneration === 'number' && status.observedGeneration >= generation) return;
    const revision = ociRevision((o.spec as { ref?: Ref } | undefined)?.ref);
    const ready = revision
      ? {
          type: 'Ready',
          status: 'True' as const,
          reason: 'Succeeded',
          message: `stored artifact for revision '${revision}'`,
        }
      : {
          type: 'Ready',
          status: 'False' as const,
          reason: 'OCIArtifactPullFailed',
          message: 'spec.ref names no tag, semver or digest',
        };
    this.store.patch(
      OCI_REPOSITORY_API,
      'OCIRepository',
      name,
      ns,
      {
        status: {
          observedGeneration: generation,
          ...(revision ? { artifact: artifactOf(ns, name, revision, rfc3339(this.clock.now())) } : {}),
          conditions: withCondition(
            status.conditions,
            { ...ready, observedGeneration: generation },
            rfc3339(this.clock.now()),
          ),
        },
      },
      { subresource: 'status', fieldManager: 'source-controller' },
    );
  }

  /** A Kustomization whose OCIRepository holds a revision it has not attempted yet applies it. */
  private reconcileConsumer(key: string): void {
    const [ns, name] = split(key);
    const k = this.store.get(KUSTOMIZATION_API, 'Kustomization', name, ns);
    const source = k && this.sourceOf(k);
    if (!k || !source || k.metadata?.deletionTimestamp) return this.cancel(key);
    const [sns, sname] = split(source);
    const repo = this.store.get(OCI_REPOSITORY_API, 'OCIRepository', sname, sns);
    const revision = (repo?.status as { artifact?: { revision?: unknown } } | undefined)?.artifact?.revision;
    if (typeof revision !== 'string') return;
    const status = (k.status ?? {}) as { lastAttemptedRevision?: unknown; conditions?: unknown };
    if (status.lastAttemptedRevision === revision || this.pending.get(key)?.revision === revision) return;
    this.cancel(key);
    const ready = findCondition(status.conditions, 'Ready');
    if (ready?.status !== 'Unknown' || ready.reason !== 'Progressing') {
      this.writeStatus(k, {
        conditions: withCondition(
          status.conditions,
          {
            type: 'Ready',
            status: 'Unknown',
            reason: 'Progressing',
            message: `Applying revision ${revision}`,
          },
          rfc3339(this.clock.now()),
        ),
      });
    }
    const timer = this.clock.setTimeout(() => {
      if (this.pending.get(key)?.timer !== timer) return;
      this.pending.delete(key);
      try {
        this.apply(key, revision);
      } catch (err) {
        this.log(`flux simulator: Kustomization ${key}: ${(err as Error).message}`);
      }
    }, this.delayFor(k));
    this.pending.set(key, { revision, timer });
  }

  private apply(key: string, revision: string): void {
    const [ns, name] = split(key);
    const k = this.store.get(KUSTOMIZATION_API, 'Kustomization', name, ns);
    if (!k) return;
    const status = (k.status ?? {}) as { conditions?: unknown };
    const tag = revision.includes('@') ? revision.slice(0, revision.indexOf('@')) : revision;
    const glob = matchingGlob(tag, splitList(k.metadata?.annotations?.[SimAnnotations.failVersions]));
    const generation = k.metadata?.generation ?? 0;
    const ready =
      glob !== undefined
        ? {
            type: 'Ready',
            status: 'False' as const,
            reason: 'HealthCheckFailed',
            message: `health check failed: revision ${tag} matches ${SimAnnotations.failVersions} "${glob}" (simulated)`,
          }
        : {
            type: 'Ready',
            status: 'True' as const,
            reason: 'ReconciliationSucceeded',
            message: `Applied revision: ${revision}`,
          };
    this.writeStatus(k, {
      lastAttemptedRevision: revision,
      ...(glob === undefined ? { lastAppliedRevision: revision } : {}),
      conditions: withCondition(
        status.conditions,
        { ...ready, observedGeneration: generation },
        rfc3339(this.clock.now()),
      ),
    });
  }

  private delayFor(k: StoredObject): number {
    const text = k.metadata?.annotations?.[SimAnnotations.reconcileDelay];
    const ms = text === undefined ? undefined : parseDuration(text.trim());
    return ms === undefined || ms < 0 ? this.defaultDelayMs : ms;
  }

  private writeStatus(k: StoredObject, status: Record<string, unknown>): void {
    this.store.patch(
      KUSTOMIZATION_API,
      'Kustomization',
      k.metadata?.name ?? '',
      k.metadata?.namespace,
      { status },
      {
        subresource: 'status',
        fieldManager: 'kustomize-controller',
      },
    );
  }

  private cancel(key: string): void {
    const p = this.pending.get(key);
    if (p) this.clock.clearTimeout(p.timer);
    this.pending.delete(key);
  }
}
