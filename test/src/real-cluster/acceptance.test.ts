// Issue 9's acceptance on a real kube-apiserver + etcd of its own: the project's install commands
// work with real kubectl, and the controller, as the project's ClusterRole bound to a real service
// account token, drives the sample rollout through deploy and bake while the Flux simulator writes
// Flux's statuses as an ordinary API client. Real backend only: it starts its own cluster because it
// installs the CRDs itself and uses the samples' fixed namespace (default).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKube, Kinds, type Kube } from '@kuberik/core/kube';
import { startFluxSimulatorOverApi, type FluxSimulator } from '@kuberik/core/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  killProcess,
  startControllerProcess,
  type ControllerProcess,
} from '../controller/support/process.js';
import { kubectl } from '../support/kubectl.js';
import { startRealCluster, type RealCluster } from '../support/real-cluster.js';
import { makeTempDir } from '../support/tmp.js';

const config = (p: string): string => fileURLToPath(new URL(`../../../config/${p}`, import.meta.url));

let cluster: RealCluster | undefined;
let kubeconfig = '';
let sim: FluxSimulator | undefined;
let kube: Kube | undefined;
let controller: ControllerProcess | undefined;

const run = (args: string[], file = kubeconfig) => kubectl(args, { kubeconfig: file, requestTimeout: '60s' });
async function ok(args: string[], file = kubeconfig): Promise<string> {
  const r = await run(args, file);
  expect(r.stderr, `kubectl ${args.join(' ')}`).not.toMatch(/error/i);
  expect(r.code, `kubectl ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 180_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

beforeAll(async () => {
  cluster = await startRealCluster({ installCrds: false });
  kubeconfig = join(makeTempDir('real-acceptance'), 'admin.yaml');
  await cluster.writeKubeconfig(kubeconfig);
}, 3_600_000);

afterAll(async () => {
  await killProcess(controller);
  await sim?.stop();
  kube?.close();
  await cluster?.close();
});

describe('real cluster acceptance (issue 9)', () => {
  it('kubectl apply -f config/crd/ then kubectl apply -k config/samples work (with Flux CRDs from controller-gen)', async () => {
    expect(await ok(['apply', '-f', config('crd/')])).toMatch(/rollouts\.kuberik\.com created/);
    await ok(['apply', '-f', cluster!.controlPlane.fluxCrdDir]);
    await ok(['wait', '--for=condition=Established', 'crd', '--all', '--timeout=120s']);
    await ok(['apply', '--dry-run=server', '-k', config('samples')]);
    const applied = await ok(['apply', '-k', config('samples')]);
    expect(applied).toMatch(/rollout\.kuberik\.com\/my-app created/);
    expect(applied).toMatch(/imagepolicy\.image\.toolkit\.fluxcd\.io\/my-app created/);
    // Applying again changes nothing.
    expect(await ok(['apply', '-k', config('samples')])).not.toMatch(/configured|created/);
  });

  it('kubectl kuberik controller -A with the project ClusterRole drives the sample rollout through deploy and bake', async () => {
    const c = cluster!;
    // The controller's identity: the real service account of config/rbac, with a TokenRequest token.
    await ok(['apply', '-f', config('rbac/role.yaml'), '-f', config('rbac/role_binding.yaml')]);
    const token = await c.serviceAccountToken('kuberik-system', 'kuberik-controller');
    const controllerKubeconfig = join(makeTempDir('real-acceptance'), 'controller.yaml');
    await c.writeKubeconfig(controllerKubeconfig, { token, user: 'kuberik-controller' });
    expect(
      (
        await ok(['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}'], controllerKubeconfig)
      ).trim(),
    ).toBe('system:serviceaccount:kuberik-system:kuberik-controller');

    // The sample bakes for 10m (and used to wait for business hours in Berlin): make the test
    // independent of the wall clock, and approve the version the gate holds back.
    await ok(['delete', 'rolloutschedule', 'business-hours', '-n', 'default', '--ignore-not-found']);
    await ok([
      'patch',
      'rollout',
      'my-app',
      '-n',
      'default',
      '--type=merge',
      '-p',
      '{"spec":{"bakeTime":"2s"}}',
    ]);
    await ok([
      'patch',
      'rolloutgate',
      'production-approval',
      '-n',
      'default',
      '--type=merge',
      '-p',
      '{"spec":{"allowedVersions":["v1.1.0"]}}',
    ]);

    kube = createKube({ kubeconfigText: c.kubeconfig() });
    sim = await startFluxSimulatorOverApi(kube, { reconcileDelayMs: 500, log: () => undefined });
    controller = startControllerProcess('real-acceptance', ['--kubeconfig', controllerKubeconfig, '-A']);

    // Flux "publishes" v1.1.0 (kubectl, as a user would with the simulator's annotation).
    await ok(['annotate', 'imagepolicy', 'my-app', '-n', 'default', 'sandbox.kuberik.com/publish=v1.1.0']);

    const deployed = await eventually('the Kustomization to carry v1.1.0', async () => {
      const k = await kube!.get(Kinds.Kustomization, 'default', 'my-app');
      return k.spec?.postBuild?.substitute?.APP_VERSION === 'v1.1.0' ? k : undefined;
    });
    expect(deployed.metadata.generation).toBeGreaterThan(1);
    const baked = await eventually('v1.1.0 to bake successfully', async () => {
      const r = await kube!.get(Kinds.Rollout, 'default', 'my-app');
      const entry = r.status?.history?.find((h) => h.version.tag === 'v1.1.0');
      return entry?.bakeStatus === 'Succeeded' ? r : undefined;
    });
    expect(baked.status?.currentVersion).toBe('v1.1.0');
    // Flux's status came from the simulator over the API: Ready for the generation deployed.
    const k = await kube.get(Kinds.Kustomization, 'default', 'my-app');
    expect(k.status?.observedGeneration).toBe(k.metadata.generation);
    // The controller never needed more than its ClusterRole: no Forbidden in its log.
    expect(JSON.stringify(controller.lines)).not.toMatch(/forbidden/i);
  });
});
