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
  private readonly informers = new Map<string, Informer<KubeObject>>();
  private writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly kube: Kube,
    private readonly log: (message: string) => void,
  ) {
    for (const k of fluxKinds) {
      const informer = new Informer<KubeObject>(kube, k as ResourceKind<KubeObject>);
      informer.on({ error: (e) => log(`flux simulator: watching ${k.plural}: ${e.message}`) });
      this.informers.set(k.kind, informer);
    }
  }

  /** Lists every kind once (retrying in the background on failure). */
  async start(): Promise<void> {
    await Promise.all([...this.informers.values()].map((i) => i.start()));
  }

  stop(): void {
    for (const i of this.informers.values()) i.stop();
  }

  private informer(apiVersion: string, kind: string): Informer<KubeObject> {
    const informer = this.informers.get(kind);
    if (!informer || !apiVersions.has(apiVersion))
      throw new Error(`the flux simulator does not watch ${apiVersion} ${kind}`);
    return informer;
  }

  get(apiVersion: string, kind: string, name: string, namespace?: string): StoredObject | undefined {
    return this.informer(apiVersion, kind).get(namespace, name) as StoredObject | undefined;
  }

  list(apiVersion: string, kind: string): StoredObject[] {
    return this.informer(apiVersion, kind).list() as StoredObject[];
  }

  patch(
    apiVersion: string,
    kind: string,
    name: string,
    namespace: string | undefined,
    patch: unknown,
    opts: { subresource?: 'status'; fieldManager?: string } = {},
  ): void {
    const informer = this.informer(apiVersion, kind);
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
    return this.informer(apiVersion, kind).on({
      add: (o) => cb('ADDED', o as StoredObject),
      update: (o) => cb('MODIFIED', o as StoredObject),
      delete: (o) => cb('DELETED', o as StoredObject),
    });
  }

  async flushed(): Promise<void> {
    let seen: Promise<void> | undefined;
    while (seen !== this.writes) {
      seen = this.writes;
      await seen;
    }
  }
}
