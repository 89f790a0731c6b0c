// The cluster the editor tests look at: an in-process sandbox with two demo rollouts, each waiting for
// a human on a RolloutGate, and a driving driver in this process standing in for the controller.
import { createDriver, type EngineDriver, type RolloutSnapshot } from '@kuberik/core/driver';
import { createKube, type Kube } from '@kuberik/core/kube';
import { allCrds, type KubeObject } from '@kuberik/core/model';
import { startSandbox, type Sandbox } from '@kuberik/core/sandbox';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEMO_ROLLOUTS = [
  { namespace: 'team-a', name: 'checkout' },
  { namespace: 'team-a', name: 'inventory' },
  { namespace: 'team-b', name: 'payments' },
  { namespace: 'team-b', name: 'search' },
] as const;

/** A user who may read everything and change nothing (the RBAC check). */
const VIEWER_TOKEN = 'viewer-token';
const VIEWER = {
  username: 'viewer',
  rules: [{ verbs: ['get', 'list', 'watch'], apiGroups: ['*'], resources: ['*'] }],
};
export const FIRST = 'v1.0.0';
export const NEXT = 'v1.1.0';

const stamp = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function demoObjects(namespace: string, name: string): KubeObject[] {
  return [
    {
      apiVersion: 'image.toolkit.fluxcd.io/v1',
      kind: 'ImagePolicy',
      metadata: { name, namespace },
      spec: { imageRepositoryRef: { name }, policy: { semver: { range: '>=1.0.0' } } },
    },
    {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name, namespace, annotations: { 'rollout.kuberik.com/substitute.APP_VERSION.from': name } },
      spec: {
        interval: '1m',
        path: './deploy',
        prune: true,
        sourceRef: { kind: 'GitRepository', name },
        postBuild: { substitute: { APP_VERSION: FIRST } },
      },
    },
    {
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'RolloutGate',
      metadata: {
        name: `${name}-approval`,
        namespace,
        annotations: { 'gate.kuberik.com/pretty-name': 'Production approval' },
      },
      spec: { rolloutRef: { name } },
    },
    {
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'Rollout',
      metadata: { name, namespace },
      // No health checks and no bakeTime: a deploy succeeds at once (spec §3.7), which keeps the test fast.
      spec: { releasesImagePolicy: { name }, versionHistoryLimit: 10 },
    },
  ];
}

export interface DemoCluster {
  sandbox: Sandbox;
  kube: Kube;
  controller: EngineDriver;
  kubeconfigPath: string;
  /** The same cluster as the read-only user `viewer`. */
  viewerKubeconfigPath: string;
  /** Resolves with the first snapshot of `name` that satisfies `check` (event-driven, no polling). */
  until(
    name: string,
    what: string,
    check: (s: RolloutSnapshot) => boolean,
    timeoutMs?: number,
  ): Promise<RolloutSnapshot>;
  close(): Promise<void>;
}

export async function startDemoCluster(dir: string): Promise<DemoCluster> {
  const sandbox = await startSandbox({
    port: 0,
    host: '127.0.0.1',
    crds: allCrds(),
    users: { [VIEWER_TOKEN]: VIEWER },
  });
  const now = new Date();
  for (const ns of new Set(DEMO_ROLLOUTS.map((r) => r.namespace))) {
    sandbox.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  }
  for (const { namespace, name } of DEMO_ROLLOUTS) {
    for (const obj of demoObjects(namespace, name)) sandbox.store.create(obj);
    // Flux had applied v1.0.0 before Kuberik arrived: the engine adopts it (spec §5).
    sandbox.store.patch(
      'kustomize.toolkit.fluxcd.io/v1',
      'Kustomization',
      name,
      namespace,
      {
        status: {
          observedGeneration: 1,
          conditions: [
            {
              type: 'Ready',
              status: 'True',
              reason: 'ReconciliationSucceeded',
              message: `Applied ${FIRST}`,
              lastTransitionTime: stamp(now),
            },
          ],
        },
      },
      { subresource: 'status' },
    );
    publish(sandbox, namespace, name, FIRST);
  }
  const kubeconfigPath = join(dir, 'kubeconfig.yaml');
  writeFileSync(kubeconfigPath, sandbox.kubeconfig());
  const viewerKubeconfigPath = join(dir, 'viewer-kubeconfig.yaml');
  writeFileSync(viewerKubeconfigPath, sandbox.kubeconfig({ token: VIEWER_TOKEN, user: 'viewer' }));
  const kube = createKube({ kubeconfigText: sandbox.kubeconfig() });
  const controller = createDriver({
    kube,
    scope: {},
    identity: 'controller',
    holderIdentity: 'editor-test-controller',
  });

  const until: DemoCluster['until'] = (name, what, check, timeoutMs = 20_000) =>
    new Promise((resolve, reject) => {
      const test = (s: RolloutSnapshot | undefined) => {
        if (s && s.key.name === name && check(s)) {
          off();
          clearTimeout(timer);
          resolve(s);
          return true;
        }
        return false;
      };
      const off = controller.subscribe((e) => {
        if (e.type === 'snapshot') test(e.snapshot);
      });
      const timer = setTimeout(() => {
        off();
        const s = controller.snapshots().find((x) => x.key.name === name);
        reject(
          new Error(
            `${name}: ${what} did not happen within ${timeoutMs} ms; status: ${JSON.stringify(s?.rollout.status)}`,
          ),
        );
      }, timeoutMs);
      test(controller.snapshots().find((x) => x.key.name === name));
    });

  await controller.start();
  for (const { namespace, name } of DEMO_ROLLOUTS) {
    await until(name, `adopt ${FIRST}`, (s) => s.rollout.status?.currentVersion === FIRST);
    publish(sandbox, namespace, name, NEXT);
    await until(
      name,
      `wait for approval of ${NEXT}`,
      (s) => s.rollout.status?.phase === 'WaitingForGates' && s.rollout.status.pendingVersion === NEXT,
    );
  }
  return {
    sandbox,
    kube,
    controller,
    kubeconfigPath,
    viewerKubeconfigPath,
    until,
    async close() {
      await controller.stop();
      kube.close();
      await sandbox.close();
    },
  };
}

/** What Flux's image reflector does when a new tag appears. */
function publish(sandbox: Sandbox, namespace: string, name: string, tag: string): void {
  sandbox.store.patch(
    'image.toolkit.fluxcd.io/v1',
    'ImagePolicy',
    name,
    namespace,
    {
      status: {
        latestRef: { name: `ghcr.io/example/${name}`, tag },
        latestImage: `ghcr.io/example/${name}:${tag}`,
      },
    },
    { subresource: 'status' },
  );
}
