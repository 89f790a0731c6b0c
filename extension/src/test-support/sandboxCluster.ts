// A real (in-process) cluster for the extension's connection tests: core's sandbox API server with
// rollouts in three namespaces, each waiting for approval of NEXT on a RolloutGate, driven by a
// driving driver in this process (standing in for the controller). Tests reach it through a
// kubeconfig file, exactly as the extension does.
import { createDriver, type EngineDriver, type RolloutSnapshot } from '@kuberik/core/driver';
import { createKube, type Kube } from '@kuberik/core/kube';
import { allCrds, type KubeObject } from '@kuberik/core/model';
import { startSandbox, type Sandbox } from '@kuberik/core/sandbox';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FIRST = 'v1.0.0';
export const NEXT = 'v1.1.0';
export const ROLLOUTS = [
  { namespace: 'team-a', name: 'checkout' },
  { namespace: 'team-b', name: 'payments' },
  { namespace: 'team-c', name: 'search' },
] as const;

const VIEWER_TOKEN = 'viewer-token';
const VIEWER = {
  username: 'viewer',
  rules: [{ verbs: ['get', 'list', 'watch'], apiGroups: ['*'], resources: ['*'] }],
};

const stamp = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

function appObjects(namespace: string, name: string): KubeObject[] {
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
      metadata: { name: `${name}-approval`, namespace },
      spec: { rolloutRef: { name } },
    },
    {
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'Rollout',
      metadata: { name, namespace },
      // No health checks and no bakeTime: an approved version deploys and succeeds at once (spec §3.7).
      spec: { releasesImagePolicy: { name }, versionHistoryLimit: 10 },
    },
  ];
}

export interface SandboxCluster {
  sandbox: Sandbox;
  kube: Kube;
  kubeconfigPath: string;
  viewerKubeconfigPath: string;
  dir: string;
  /** Resolves with the first controller snapshot of `name` that passes `check` (event-driven). */
  until(name: string, check: (s: RolloutSnapshot) => boolean, timeoutMs?: number): Promise<RolloutSnapshot>;
  close(): Promise<void>;
}

export async function startSandboxCluster(): Promise<SandboxCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'kuberik-ext-'));
  const sandbox = await startSandbox({
    port: 0,
    host: '127.0.0.1',
    crds: allCrds(),
    users: { [VIEWER_TOKEN]: VIEWER },
  });
  for (const { namespace, name } of ROLLOUTS) {
    sandbox.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    for (const obj of appObjects(namespace, name)) sandbox.store.create(obj);
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
              lastTransitionTime: stamp(new Date()),
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
  const controller: EngineDriver = createDriver({
    kube,
    scope: {},
    identity: 'controller',
    holderIdentity: 'ext-test-controller',
  });

  const until: SandboxCluster['until'] = (name, check, timeoutMs = 20_000) =>
    new Promise((resolve, reject) => {
      const find = () => controller.snapshots().find((x) => x.key.name === name);
      const test = (s: RolloutSnapshot | undefined) => {
        if (!s || s.key.name !== name || !check(s)) return;
        off();
        clearTimeout(timer);
        resolve(s);
      };
      const off = controller.subscribe((e) => e.type === 'snapshot' && test(e.snapshot));
      const timer = setTimeout(() => {
        off();
        reject(
          new Error(`${name}: not reached in ${timeoutMs} ms: ${JSON.stringify(find()?.rollout.status)}`),
        );
      }, timeoutMs);
      test(find());
    });

  await controller.start();
  for (const { namespace, name } of ROLLOUTS) {
    await until(name, (s) => s.rollout.status?.currentVersion === FIRST);
    publish(sandbox, namespace, name, NEXT);
    await until(
      name,
      (s) => s.rollout.status?.phase === 'WaitingForGates' && s.rollout.status.pendingVersion === NEXT,
    );
  }
  return {
    sandbox,
    kube,
    kubeconfigPath,
    viewerKubeconfigPath,
    dir,
    until,
    async close() {
      await controller.stop();
      kube.close();
      await sandbox.close();
      rmSync(dir, { recursive: true, force: true });
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
