// A cluster whose rollouts each wait for a human: core's sandbox API server on loopback with one
// sample app per rollout (gate `<name>-approval`, no health checks, no bake), every rollout at FIRST
// with NEXT waiting for approval, driven by a driver in this process standing in for the
// controller. UI tests (the extension, the editor) reach it through kubeconfig files, as users do.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDriver, type EngineDriver, type RolloutSnapshot } from '../driver/index.js';
import { createKube, type Kube } from '../kube/index.js';
import { allCrds } from '../model/index.js';
import { sampleApp, startSandbox, type Sandbox, type SandboxUser } from '../sandbox/index.js';
import { publishTag } from './publish.js';

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
}

export interface DrivenCluster {
  sandbox: Sandbox;
  kube: Kube;
  controller: EngineDriver;
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

export async function startDrivenCluster(o: DrivenClusterOptions): Promise<DrivenCluster> {
  const ownDir = o.dir === undefined;
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'kuberik-driven-'));
  const sandbox = await startSandbox({
    port: 0,
    host: '127.0.0.1',
    crds: allCrds(),
    users: { [VIEWER_TOKEN]: VIEWER },
  });
  const now = new Date();
  for (const ns of new Set(o.rollouts.map((r) => r.namespace))) {
    sandbox.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  }
  for (const { namespace, name } of o.rollouts) {
    const app = sampleApp({
      namespace,
      name,
      applied: { version: FIRST, at: now },
      gate: o.gatePrettyName ? { prettyName: o.gatePrettyName } : {},
      // No health checks and no bakeTime: a deploy succeeds at once (spec §3.7), which keeps tests fast.
      versionHistoryLimit: 10,
    });
    for (const obj of app) sandbox.store.create(obj);
    publishTag(sandbox.store, namespace, name, FIRST);
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
    holderIdentity: o.holderIdentity,
  });
  const until = untilOf(controller);

  await controller.start();
  for (const { namespace, name } of o.rollouts) {
    await until(name, `adopt ${FIRST}`, (s) => s.rollout.status?.currentVersion === FIRST);
    publishTag(sandbox.store, namespace, name, NEXT);
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
    dir,
    kubeconfigPath,
    viewerKubeconfigPath,
    until,
    async close() {
      await controller.stop();
      kube.close();
      await sandbox.close();
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function untilOf(controller: EngineDriver): DrivenCluster['until'] {
  return (name, what, check, timeoutMs = 20_000) =>
    new Promise((resolve, reject) => {
      const find = () => controller.snapshots().find((x) => x.key.name === name);
      const test = (s: RolloutSnapshot | undefined) => {
        if (!s || s.key.name !== name || !check(s)) return;
        off();
        clearTimeout(timer);
        resolve(s);
      };
      const off = controller.subscribe((e) => {
        if (e.type === 'snapshot') test(e.snapshot);
      });
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
