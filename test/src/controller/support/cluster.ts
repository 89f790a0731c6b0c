// The controller tests' API server on either backend (test/src/support/backend.ts): apps seeded and
// tags published through the API, and a mirror (informers) of the objects the tests read
// synchronously — Leases, Rollouts, Kustomizations — in place of the sandbox's in-process store.
// On the shared real server a controller of every namespace (-A) would drive other files' rollouts,
// so the apps carry a label unique to the file and the controllers run with it as their selector.
import { createKube, Informer, kindFor, Kinds, type Kube, type ResourceKind } from '@kuberik/core/kube';
import { type KubeObject, leaseName } from '@kuberik/core/model';
import type { SandboxOptions } from '@kuberik/core/sandbox';
import { testCluster, type TestCluster } from '../../support/backend.js';
import { appObjects, type AppOptions, substituted } from './fixtures.js';

export interface ControllerCluster {
  cluster: TestCluster;
  /** The admin's client. */
  kube: Kube;
  /** A namespace name the test uses, on this backend (unique on the real server). */
  ns(name: string): string;
  /** Rollout labels that keep this file's apps apart on the shared real server (none on the sandbox). */
  labels: Record<string, string>;
  /** `-l` for a controller of every namespace (undefined on the sandbox: all rollouts are the file's). */
  selector: string | undefined;
  /** Creates an app's objects (statuses through the subresource), as any client would. */
  seedApp(o: AppOptions): Promise<void>;
  /** Publishes a tag the way Flux's image reflector does: ImagePolicy status.latestRef. */
  publish(namespace: string, name: string, tag: string): Promise<void>;
  /** The version the app's Kustomization substitutes (APP_VERSION), read from the server. */
  deployed(namespace: string, name: string): Promise<string | undefined>;
  /** The holder named in the rollout's Lease, read from the server. */
  leaseHolder(namespace: string, name: string): Promise<string | undefined>;
  /** A cache of `kind` in every namespace, kept by a watch; resolves once listed. */
  mirror<T extends KubeObject>(kind: ResourceKind<T>): Promise<Informer<T>>;
  close(): Promise<void>;
}

export async function controllerCluster(
  namespaces: string[],
  sandbox?: SandboxOptions,
): Promise<ControllerCluster> {
  const [first = 'test', ...rest] = namespaces;
  const cluster = await testCluster({ namespace: first, namespaces: rest, ...(sandbox ? { sandbox } : {}) });
  const kube = createKube({ kubeconfigText: cluster.kubeconfig() });
  const informers: Array<Informer<KubeObject>> = [];
  const real = cluster.backend === 'real';
  const labels: Record<string, string> = real ? { 'test.kuberik.com/file': cluster.uniqueName('f') } : {};
  return {
    cluster,
    kube,
    ns: (name) => cluster.namespace(name),
    labels,
    selector: real ? Object.entries(labels).map(([k, v]) => `${k}=${v}`)[0] : undefined,
    async seedApp(o) {
      for (const obj of appObjects({ ...o, labels: { ...o.labels, ...labels } })) {
        const { status, ...rest } = obj as { status?: unknown; apiVersion: string; kind: string };
        const k = kindFor(rest.apiVersion, rest.kind) as ResourceKind<never>;
        const created = (await kube.create(k, rest as never)) as KubeObject;
        if (status) {
          await kube.mergePatch(
            k,
            created.metadata.namespace,
            created.metadata.name,
            { status },
            { status: true },
          );
        }
      }
    },
    publish: (namespace, name, tag) => {
      const image = `registry.example/${name}`;
      return kube
        .mergePatch(
          Kinds.ImagePolicy,
          namespace,
          name,
          { status: { latestRef: { name: image, tag }, latestImage: `${image}:${tag}` } } as never,
          { status: true },
        )
        .then(() => undefined);
    },
    deployed: async (namespace, name) => substituted(await kube.find(Kinds.Kustomization, namespace, name)),
    leaseHolder: async (namespace, name) =>
      (await kube.find(Kinds.Lease, namespace, leaseName(name)))?.spec?.holderIdentity ?? undefined,
    async mirror<T extends KubeObject>(kind: ResourceKind<T>) {
      const informer = new Informer<T>(kube, kind);
      informers.push(informer as unknown as Informer<KubeObject>);
      await informer.start();
      if (!informer.synced)
        throw new Error(`could not list ${kind.plural}: ${String(informer.denied ?? '')}`);
      return informer;
    },
    async close() {
      for (const i of informers) i.stop();
      kube.close();
      await cluster.close();
    },
  };
}

/** Polls `check` (it may read the server) until it returns a value; fails with `what` after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs; // only bounds a hang; passing checks return at once
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
