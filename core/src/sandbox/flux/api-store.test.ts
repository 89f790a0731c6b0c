// The simulator as an ordinary API client: the same reconcilers, fed by informers over HTTP, with
// writes sent as merge patches. The sandbox serves here only as *an* API server (its store is used
// to create objects and to read results, never by the simulator).
import { afterEach, describe, expect, it } from 'vitest';
import { createKube, type Kube } from '../../kube/index.js';
import { allCrds } from '../../model/crds.js';
import { startSandbox } from '../index.js';
import type { Sandbox, StoredObject } from '../types.js';
import { IMAGE_POLICY_API, KUSTOMIZATION_API, SimAnnotations } from './annotations.js';
import { startFluxSimulatorOverApi, type FluxSimulator } from './simulator.js';
import { FakeClock } from './test-support/fake-clock.js';
import { ready } from './test-support/harness.js';

let sandbox: Sandbox | undefined;
let kube: Kube | undefined;
let sim: FluxSimulator | undefined;
afterEach(async () => {
  await sim?.stop();
  kube?.close();
  await sandbox?.close();
  sim = kube = sandbox = undefined;
});

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function start(
  token?: string,
  namespaces?: string[],
): Promise<{ sb: Sandbox; clock: FakeClock; logs: string[] }> {
  const sb = await startSandbox({
    crds: allCrds(),
    users: {
      'reader-token': {
        username: 'reader',
        rules: [{ verbs: ['get', 'list', 'watch'], apiGroups: ['*'], resources: ['*'] }],
      },
    },
  });
  sandbox = sb;
  kube = createKube({ kubeconfigText: sb.kubeconfig(token ? { token } : {}) });
  const clock = new FakeClock();
  const logs: string[] = [];
  sim = await startFluxSimulatorOverApi(kube, {
    clock,
    log: (m) => logs.push(m),
    ...(namespaces ? { namespaces } : {}),
  });
  return { sb, clock, logs };
}

const policy = (sb: Sandbox): StoredObject | undefined =>
  sb.store.get(IMAGE_POLICY_API, 'ImagePolicy', 'app', 'default');
const kustomization = (sb: Sandbox): StoredObject | undefined =>
  sb.store.get(KUSTOMIZATION_API, 'Kustomization', 'app', 'default');

describe('flux simulator over the API', () => {
  it('publishes a tag from the publish annotation and removes the annotation, as image-reflector-controller', async () => {
    const { sb } = await start();
    sb.store.create({
      apiVersion: IMAGE_POLICY_API,
      kind: 'ImagePolicy',
      metadata: { name: 'app', namespace: 'default', annotations: { [SimAnnotations.publish]: 'v1.4.0' } },
      spec: { imageRepositoryRef: { name: 'app' }, policy: { semver: { range: '>=1.0.0' } } },
    });
    const ref = await until(
      'latestRef',
      () => (policy(sb)?.status as { latestRef?: { tag: string } })?.latestRef,
    );
    expect(ref).toMatchObject({ name: 'app', tag: 'v1.4.0' });
    await until(
      'annotation removed',
      () => policy(sb)?.metadata?.annotations?.[SimAnnotations.publish] === undefined,
    );
    const managers = (policy(sb)?.metadata?.managedFields ?? []).map((m) => m.manager);
    expect(managers).toContain('image-reflector-controller');
  });

  it('with namespaces, reconciles only those (simulators sharing one server leave each other alone)', async () => {
    const { sb } = await start(undefined, ['team-a']);
    const publish = (namespace: string): void => {
      sb.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
      sb.store.create({
        apiVersion: IMAGE_POLICY_API,
        kind: 'ImagePolicy',
        metadata: { name: 'app', namespace, annotations: { [SimAnnotations.publish]: 'v1.4.0' } },
        spec: { imageRepositoryRef: { name: 'app' }, policy: { semver: { range: '>=1.0.0' } } },
      });
    };
    publish('team-b');
    publish('team-a');
    const latest = (ns: string) =>
      (sb.store.get(IMAGE_POLICY_API, 'ImagePolicy', 'app', ns)?.status as { latestRef?: { tag: string } })
        ?.latestRef;
    await until('team-a published', () => latest('team-a'));
    // Writes are queued in order: once team-a's annotation clean-up landed, team-b's would have too.
    await until(
      'team-a annotation removed',
      () =>
        sb.store.get(IMAGE_POLICY_API, 'ImagePolicy', 'app', 'team-a')?.metadata?.annotations?.[
          SimAnnotations.publish
        ] === undefined,
    );
    await sim?.settled();
    expect(latest('team-b')).toBeUndefined();
  });

  it('drives a Kustomization through Progressing to HealthCheckFailed for a fail-versions match, on its clock', async () => {
    const { sb, clock } = await start();
    sb.store.create({
      apiVersion: KUSTOMIZATION_API,
      kind: 'Kustomization',
      metadata: {
        name: 'app',
        namespace: 'default',
        annotations: { [SimAnnotations.failVersions]: 'v2.*', [SimAnnotations.reconcileDelay]: '10s' },
      },
      spec: {
        interval: '5m',
        path: './deploy',
        prune: true,
        sourceRef: { kind: 'GitRepository', name: 'repo' },
        postBuild: { substitute: { APP_VERSION: 'v2.0.0' } },
      },
    });
    await until('Progressing', () => ready(kustomization(sb))?.reason === 'Progressing');
    clock.advance(10_000);
    const cond = await until('Ready=False', () => {
      const c = ready(kustomization(sb));
      return c?.status === 'False' ? c : undefined;
    });
    expect(cond.reason).toBe('HealthCheckFailed');
    expect((kustomization(sb)?.status as { observedGeneration?: number }).observedGeneration).toBe(1);
  });

  it('reports a write the server forbids instead of throwing, and keeps running', async () => {
    const { sb, logs } = await start('reader-token');
    sb.store.create({
      apiVersion: IMAGE_POLICY_API,
      kind: 'ImagePolicy',
      metadata: { name: 'app', namespace: 'default', annotations: { [SimAnnotations.publish]: 'v1.0.1' } },
      spec: { imageRepositoryRef: { name: 'app' }, policy: { semver: { range: '>=1.0.0' } } },
    });
    const line = await until('a logged 403', () =>
      logs.find((l) => l.includes('patching ImagePolicy default/app')),
    );
    expect(line).toMatch(/may not patch imagepolicies in namespace default/);
    // Flux's schema defaults status.observedGeneration to -1; nothing else was written.
    expect(policy(sb)?.status).toEqual({ observedGeneration: -1 });
  });
});
