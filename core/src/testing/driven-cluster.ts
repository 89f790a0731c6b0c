// A cluster whose rollouts each wait for a human: one sample app per rollout (gate
// `<name>-approval`, no health checks, no bake), every rollout at FIRST with NEXT waiting for
// approval, driven by a driver in this process standing in for the controller. The server is core's
// sandbox on loopback (seeded through its store), or an existing one given as kubeconfigs (a real
// kube-apiserver; seeded through the API as any client would). UI tests (the extension, the
// editor) reach it through kubeconfig files, as users do.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDriver, type EngineDriver, type RolloutSnapshot } from '../driver/index.js';
import { createKube, kindFor, type Kube, type ResourceKind } from '../kube/index.js';
import { allCrds } from '../model/index.js';
import {
  sampleApp,
  startSandbox,
  type Sandbox,
  type SandboxUser,
  type StoredObject,
} from '../sandbox/index.js';
import { publishTag, publishTagThroughApi } from './publish.js';

export const FIRST = 'v1.0.0';
export const NEXT = 'v1.1.0';

/** A user who may read everything and change nothing (RBAC checks). */
export const VIEWER: SandboxUser = {
  username: 'viewer',
  rules: [{ verbs: ['get', 'list', 'watch'], apiGroups: ['*'], resources: ['*'] }],
};
const VIEWER_TOKEN = 'viewer-token';

export interface DrivenClusterOptions {
  rollouts: readonly { namespace: string; name: string }[];
  /** Lease holder identity of the in-process controller. */
  holderIdentity: string;
  /** Pretty name of every approval gate (annotation), if any. */
  gatePrettyName?: string;
  /** Where the kubeconfig files go; default a new temporary folder, removed by close(). */
  dir?: string;
  /**
   * An API server that is already running, instead of a new sandbox. The rollouts' namespaces
   * must exist; the server is shared, so each namespace gets a driver of its own (none of them
   * touches another namespace), and close() leaves the objects there.
   */
  server?: DrivenClusterServer;
}

export interface DrivenClusterServer {
  url: string;
  /** Kubeconfig text of a user who may do everything the controller does in those namespaces. */
  kubeconfig: string;
  /** Kubeconfig text of a user with VIEWER's rules (read everything, change nothing). */
  viewerKubeconfig: string;
}

export interface DrivenCluster {
  url: string;
  /** The sandbox; throws when the cluster runs on a given `server`. */
  readonly sandbox: Sandbox;
  kube: Kube;
  /** The drivers standing in for the controller: one over every namespace on a sandbox, one per namespace on a given server. */
  controllers: EngineDriver[];
  dir: string;
  kubeconfigPath: string;
  /** The same cluster as the read-only user `viewer`. */
  viewerKubeconfigPath: string;
  /** Resolves with the first snapshot of `name` that passes `check` (event-driven, no polling). */
  until(
    name: string,
    what: string,
    check: (s: RolloutSnapshot) => boolean,
    timeoutMs?: number,
  ): Promise<RolloutSnapshot>;
  close(): Promise<void>;
}

/** How the fixture gets its objects onto the server. */
interface Seeder {
  create(obj: StoredObject): Promise<void>;
  publish(namespace: string, name: string, tag: string): Promise<void>;
}

interface Server {
  url: string;
  sandbox?: Sandbox;
  kubeconfig: string;
  viewerKubeconfig: string;
  seeder(kube: Kube): Seeder;
  /** Driver scopes: every namespace on an own sandbox, the fixture's namespaces on a shared server. */
  scopes(namespaces: string[]): { namespace?: string }[];
  close(): Promise<void>;
}

async function ownSandbox(namespaces: string[]): Promise<Server> {
  const sandbox = await startSandbox({
    port: 0,
    host: '127.0.0.1',
    crds: allCrds(),
    users: { [VIEWER_TOKEN]: VIEWER },
  });
  for (const ns of namespaces) {
    sandbox.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  }
  return {
    url: sandbox.url,
    sandbox,
    kubeconfig: sandbox.kubeconfig(),
    viewerKubeconfig: sandbox.kubeconfig({ token: VIEWER_TOKEN, user: 'viewer' }),
    seeder: () => ({
      create: async (obj) => void sandbox.store.create(obj),
      publish: async (namespace, name, tag) => publishTag(sandbox.store, namespace, name, tag),
    }),
    scopes: () => [{}],
    close: () => sandbox.close(),
  };
}

function givenServer(s: DrivenClusterServer): Server {
  return {
    ...s,
    seeder: (kube) => ({
      // As any client: create, then the status through its subresource (a create drops status).
      async create({ status, ...obj }) {
        const kind = kindFor(obj.apiVersion ?? '', obj.kind ?? '') as ResourceKind<never> | undefined;
        if (!kind) throw new Error(`no kind for ${obj.apiVersion} ${obj.kind}`);
        await kube.create(kind, obj as never);
        const { name = '', namespace } = obj.metadata ?? {};
        if (status) await kube.mergePatch(kind, namespace, name, { status }, { status: true });
      },
      publish: (namespace, name, tag) => publishTagThroughApi(kube, namespace, name, tag),
    }),
    scopes: (namespaces) => namespaces.map((namespace) => ({ namespace })),
    close: async () => {},
  };
}

export async function startDrivenCluster(o: DrivenClusterOptions): Promise<DrivenCluster> {
  const ownDir = o.dir === undefined;
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'kuberik-driven-'));
  const namespaces = [...new Set(o.rollouts.map((r) => r.namespace))];
  const server = o.server ? givenServer(o.server) : await ownSandbox(namespaces);
  const kube = createKube({ kubeconfigText: server.kubeconfig });
  const seed = server.seeder(kube);
  const now = new Date();
  for (const { namespace, name } of o.rollouts) {
    const app = sampleApp({
      namespace,
      name,
      applied: { version: FIRST, at: now },
      gate: o.gatePrettyName ? { prettyName: o.gatePrettyName } : {},
      // No health checks and no bakeTime: a deploy succeeds at once (spec §3.7), which keeps tests fast.
      versionHistoryLimit: 10,
    });
    for (const obj of app) await seed.create(obj);
    await seed.publish(namespace, name, FIRST);
  }
  const kubeconfigPath = join(dir, 'kubeconfig.yaml');
  writeFileSync(kubeconfigPath, server.kubeconfig, { mode: 0o600 });
  const viewerKubeconfigPath = join(dir, 'viewer-kubeconfig.yaml');
  writeFileSync(viewerKubeconfigPath, server.viewerKubeconfig, { mode: 0o600 });
  const controllers = server
    .scopes(namespaces)
    .map((scope) => createDriver({ kube, scope, identity: 'controller', holderIdentity: o.holderIdentity }));
  const until = untilOf(controllers);

  await Promise.all(controllers.map((c) => c.start()));
  for (const { namespace, name } of o.rollouts) {
    await until(name, `adopt ${FIRST}`, (s) => s.rollout.status?.currentVersion === FIRST);
    await seed.publish(namespace, name, NEXT);
    await until(
      name,
      `wait for approval of ${NEXT}`,
      (s) => s.rollout.status?.phase === 'WaitingForGates' && s.rollout.status.pendingVersion === NEXT,
    );
  }
  return {
    url: server.url,
    get sandbox(): Sandbox {
      if (!server.sandbox) throw new Error('this driven cluster runs on a given server, not a sandbox');
      return server.sandbox;
    },
    kube,
    controllers,
    dir,
    kubeconfigPath,
    viewerKubeconfigPath,
    until,
    async close() {
      await Promise.all(controllers.map((c) => c.stop()));
      kube.close();
      await server.close();
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function untilOf(controllers: EngineDriver[]): DrivenCluster['until'] {
  return (name, what, check, timeoutMs = 20_000) =>
    new Promise((resolve, reject) => {
      const find = () => controllers.flatMap((c) => c.snapshots()).find((x) => x.key.name === name);
      const test = (s: RolloutSnapshot | undefined) => {
        if (!s || s.key.name !== name || !check(s)) return;
        off();
        clearTimeout(timer);
        resolve(s);
      };
      const offs = controllers.map((c) =>
        c.subscribe((e) => {
          if (e.type === 'snapshot') test(e.snapshot);
        }),
      );
      const off = () => offs.forEach((f) => f());
      const timer = setTimeout(() => {
        off();
        reject(
          new Error(
            `${name}: ${what} did not happen within ${timeoutMs} ms; status: ${JSON.stringify(find()?.rollout.status)}`,
          ),
        );
      }, timeoutMs);
      test(find());
    });
}
