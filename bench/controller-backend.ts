// Where `npm run bench -- controller` runs its controller: the in-process sandbox (its store is
// read directly) or the real kube-apiserver + etcd of docs/real-cluster.md (read through
// informers, written through the same Kube client the product uses). Same objects on both.
import { join } from 'node:path';
import { Informer, Kinds, createKube, type Lease, type ResourceKind } from '@kuberik/core/kube';
import type { KubeObject } from '@kuberik/core/model';
import { allCrds } from '@kuberik/core/model';
import { startSandbox } from '@kuberik/core/sandbox';
import { ADMIN_TOKEN, startRealCluster } from '../test/src/support/real-cluster.js';
import type { ProfileTarget } from './apiserver-profile.js';
import { childCpuSeconds } from './process-cpu.js';
import {
  IMAGE_POLICY,
  KUSTOMIZATION,
  LEASE,
  ROLLOUT,
  appObjects,
  ensureNamespace,
  publish,
  seedApp,
} from '../test/src/controller/support/fixtures.js';

export type BackendName = 'sandbox' | 'real';
type WatchedKind = typeof ROLLOUT | typeof KUSTOMIZATION | typeof LEASE;
/** What the bench reads of a watched object (both backends' object types have it). */
export interface BenchObject {
  metadata?: { namespace?: string; name?: string };
  spec?: unknown;
  status?: unknown;
}
type Listener = (type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: BenchObject) => void;

export interface BenchApp {
  namespace: string;
  name: string;
}

export interface BenchBackend {
  name: BackendName;
  /** Writes an admin kubeconfig for the controller process. */
  writeKubeconfig(path: string): Promise<void>;
  /** Creates the namespaces and each app's ImagePolicy, Kustomization and Rollout at tag v1. */
  seed(apps: BenchApp[]): Promise<void>;
  /** Every change of one kind, from now on (after the backend's own list, on the real server). */
  watch(kind: WatchedKind, cb: Listener): Promise<() => void>;
  /** The current copy of a Lease (on the real server: a cache kept once watch(LEASE) started). */
  lease(namespace: string, name: string): Lease | undefined;
  leases(): Lease[];
  /** A new tag on an ImagePolicy's status, as Flux's image reflector writes it. */
  publish(app: BenchApp, tag: string): Promise<void>;
  /** CPU seconds the API server's own processes used so far (real: kube-apiserver, etcd; sandbox: none, it runs in the bench). */
  serverCpuSeconds(): Record<string, number>;
  /** Where to fetch kube-apiserver's CPU profiles (real backend started with profiling only). */
  profileTarget?: ProfileTarget;
  close(): Promise<void>;
}

export interface BackendOptions {
  /** Real backend: serve kube-apiserver's /debug/pprof (investigation only). */
  profiling?: boolean;
}

export async function startBackend(
  name: BackendName,
  expectedObjects: number,
  opts: BackendOptions = {},
): Promise<BenchBackend> {
  return name === 'real' ? realBackend(opts) : sandboxBackend(expectedObjects);
}

async function sandboxBackend(expectedObjects: number): Promise<BenchBackend> {
  const sandbox = await startSandbox({
    port: 0,
    crds: allCrds(),
    requestLogSize: 10,
    watchHistory: Math.max(10_000, expectedObjects),
  });
  const store = sandbox.store;
  return {
    name: 'sandbox',
    writeKubeconfig: (path) => sandbox.writeKubeconfig(path),
    async seed(apps) {
      for (const ns of new Set(apps.map((a) => a.namespace))) ensureNamespace(store, ns);
      for (const a of apps) seedApp(store, { ...a, tag: 'v1' });
    },
    watch: async (kind, cb) => store.watch(kind.apiVersion, kind.kind, cb),
    lease: (ns, name) => store.get(LEASE.apiVersion, LEASE.kind, name, ns) as Lease | undefined,
    leases: () => store.list(LEASE.apiVersion, LEASE.kind) as Lease[],
    publish: async (a, tag) => publish(store, a.namespace, a.name, tag),
    serverCpuSeconds: () => ({}),
    close: () => sandbox.close(),
  };
}

/** Writes at once against the real server while seeding (it takes each object through etcd). */
const SEED_CONCURRENCY = 32;

async function realBackend(opts: BackendOptions): Promise<BenchBackend> {
  const cluster = await startRealCluster({
    log: (l) => process.stderr.write(`real cluster: ${l}\n`),
    ...(opts.profiling ? { profiling: true } : {}),
  });
  const kube = createKube({ kubeconfigText: cluster.kubeconfig() });
  const informers: Informer<KubeObject>[] = [];
  // One Lease informer, started by the first watch(LEASE): a watcher costs the API server a copy of
  // every event, so the bench opens it only when it needs Leases (after the settle).
  const leaseInformer = new Informer<Lease>(kube, Kinds.Lease);
  informers.push(leaseInformer as unknown as Informer<KubeObject>);
  const kindOf: Record<string, ResourceKind<KubeObject>> = {
    [ROLLOUT.kind]: Kinds.Rollout as unknown as ResourceKind<KubeObject>,
    [KUSTOMIZATION.kind]: Kinds.Kustomization as unknown as ResourceKind<KubeObject>,
    [LEASE.kind]: Kinds.Lease as unknown as ResourceKind<KubeObject>,
    [IMAGE_POLICY.kind]: Kinds.ImagePolicy as unknown as ResourceKind<KubeObject>,
  };
  return {
    name: 'real',
    writeKubeconfig: (path) => cluster.writeKubeconfig(path),
    async seed(apps) {
      for (const ns of new Set(apps.map((a) => a.namespace))) await cluster.ensureNamespace(ns);
      const objects = apps.flatMap((a) => appObjects({ ...a, tag: 'v1' }));
      let next = 0;
      const worker = async () => {
        while (next < objects.length) {
          const o = objects[next++] as KubeObject & { status?: unknown };
          const kind = kindOf[o.kind] as ResourceKind<KubeObject>;
          const created = await kube.create(kind, o);
          // The status subresource ignores status on create, as Flux's controllers find it.
          if (o.status)
            await kube.mergePatch(
              kind,
              o.metadata.namespace,
              o.metadata.name,
              { status: o.status },
              { status: true },
            );
          void created;
        }
      };
      await Promise.all(Array.from({ length: SEED_CONCURRENCY }, worker));
    },
    async watch(kind, cb) {
      const shared = kind.kind === LEASE.kind;
      const informer = shared
        ? (leaseInformer as unknown as Informer<KubeObject>)
        : new Informer<KubeObject>(kube, kindOf[kind.kind] as ResourceKind<KubeObject>);
      if (!shared) informers.push(informer);
      const off = informer.on({
        add: (o) => cb('ADDED', o),
        update: (o) => cb('MODIFIED', o),
        delete: (o) => cb('DELETED', o),
      });
      await informer.start();
      return () => {
        off();
        if (!shared) informer.stop();
      };
    },
    lease: (ns, name) => leaseInformer.get(ns, name),
    leases: () => leaseInformer.list(),
    async publish(a, tag) {
      await kube.mergePatch(
        Kinds.ImagePolicy,
        a.namespace,
        a.name,
        { status: { latestRef: { name: `registry.example/${a.name}`, tag } } },
        { status: true },
      );
    },
    serverCpuSeconds: () => childCpuSeconds(['kube-apiserver', 'etcd']),
    ...(opts.profiling ? { profileTarget: { url: cluster.url, ca: cluster.ca, token: ADMIN_TOKEN } } : {}),
    async close() {
      for (const i of informers) i.stop();
      kube.close();
      await cluster.close();
    },
  };
}

export const kubeconfigPath = (dir: string): string => join(dir, 'kubeconfig');
