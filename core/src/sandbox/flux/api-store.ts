// FluxStore over any API server: one informer per Flux kind (list + watch through @kuberik/core/kube),
// reads from its cache, writes as merge patches queued one after another (so a status write and
// the annotation clean-up that follows it land in that order), each written back into the cache.
import { Informer, type Kube, type ResourceKind } from '../../kube/index.js';
import type { KubeObject } from '../../model/index.js';
import type { StoredObject, WatchEventType } from '../types.js';
import { IMAGE_POLICY_API, IMAGE_REPOSITORY_API, KUSTOMIZATION_API } from './annotations.js';
import { OCI_REPOSITORY_API } from './oci-reconciler.js';
import type { FluxStore } from './store.js';

const fluxKinds: ResourceKind[] = [
  {
    group: 'image.toolkit.fluxcd.io',
    version: 'v1',
    kind: 'ImagePolicy',
    plural: 'imagepolicies',
    namespaced: true,
  },
  {
    group: 'image.toolkit.fluxcd.io',
    version: 'v1',
    kind: 'ImageRepository',
    plural: 'imagerepositories',
    namespaced: true,
  },
  {
    group: 'kustomize.toolkit.fluxcd.io',
    version: 'v1',
    kind: 'Kustomization',
    plural: 'kustomizations',
    namespaced: true,
  },
  {
    group: 'source.toolkit.fluxcd.io',
    version: 'v1',
    kind: 'OCIRepository',
    plural: 'ocirepositories',
    namespaced: true,
  },
];
const apiVersions = new Set([IMAGE_POLICY_API, IMAGE_REPOSITORY_API, KUSTOMIZATION_API, OCI_REPOSITORY_API]);

export class ApiFluxStore implements FluxStore {
  /** Per kind: one informer for every namespace, or one per namespace of `namespaces`. */
  private readonly informers = new Map<string, Informer<KubeObject>[]>();
  private writes: Promise<void> = Promise.resolve();

  /**
   * `namespaces` limits the simulator to those namespaces, so that several simulators can share one
   * API server (test files on one real cluster) without reconciling each other's objects.
   */
  constructor(
    private readonly kube: Kube,
    private readonly log: (message: string) => void,
    namespaces?: string[],
  ) {
    for (const k of fluxKinds) {
      const informers = (namespaces ?? [undefined]).map((namespace) => {
        const informer = new Informer<KubeObject>(
          kube,
          k as ResourceKind<KubeObject>,
          namespace ? { namespace } : {},
        );
        informer.on({ error: (e) => log(`flux simulator: watching ${k.plural}: ${e.message}`) });
        return informer;
      });
      this.informers.set(k.kind, informers);
    }
  }

  private all(): Informer<KubeObject>[] {
    return [...this.informers.values()].flat();
  }

  /** Lists every kind once (retrying in the background on failure). */
  async start(): Promise<void> {
    await Promise.all(this.all().map((i) => i.start()));
  }

  stop(): void {
    for (const i of this.all()) i.stop();
  }

  private kindInformers(apiVersion: string, kind: string): Informer<KubeObject>[] {
    const informers = this.informers.get(kind);
    if (!informers || !apiVersions.has(apiVersion))
      throw new Error(`the flux simulator does not watch ${apiVersion} ${kind}`);
    return informers;
  }

  private watching(apiVersion: string, kind: string, namespace?: string): Informer<KubeObject> | undefined {
    return this.kindInformers(apiVersion, kind).find(
      (i) => i.namespace === undefined || i.namespace === namespace,
    );
  }

  get(apiVersion: string, kind: string, name: string, namespace?: string): StoredObject | undefined {
    return this.watching(apiVersion, kind, namespace)?.get(namespace, name) as StoredObject | undefined;
  }

  list(apiVersion: string, kind: string): StoredObject[] {
    return this.kindInformers(apiVersion, kind).flatMap((i) => i.list()) as StoredObject[];
  }

  patch(
    apiVersion: string,
    kind: string,
    name: string,
    namespace: string | undefined,
    patch: unknown,
    opts: { subresource?: 'status'; fieldManager?: string } = {},
  ): void {
    const informer = this.watching(apiVersion, kind, namespace);
    if (!informer) throw new Error(`the flux simulator does not watch namespace ${namespace}`);
    this.writes = this.writes.then(async () => {
      try {
        const written = await this.kube.mergePatch(
          informer.kind,
          namespace,
          name,
          patch as Record<string, unknown>,
          {
            status: opts.subresource === 'status',
            ...(opts.fieldManager ? { fieldManager: opts.fieldManager } : {}),
          },
        );
        informer.upsert(written);
      } catch (err) {
        this.log(`flux simulator: patching ${kind} ${namespace}/${name}: ${(err as Error).message}`);
      }
    });
  }

  watch(apiVersion: string, kind: string, cb: (type: WatchEventType, obj: StoredObject) => void): () => void {
    const offs = this.kindInformers(apiVersion, kind).map((i) =>
      i.on({
        add: (o) => cb('ADDED', o as StoredObject),
        update: (o) => cb('MODIFIED', o as StoredObject),
        delete: (o) => cb('DELETED', o as StoredObject),
      }),
    );
    return () => offs.forEach((off) => off());
  }

  async flushed(): Promise<void> {
    let seen: Promise<void> | undefined;
    while (seen !== this.writes) {
      seen = this.writes;
      await seen;
    }
  }
}
