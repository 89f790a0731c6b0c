// Issue 10 through the driver and a real API server (sandbox): newest allowed version (§10.1),
// HealthCheck reset of every class (§10.2), bypass-gates (§10.4), ManualDeployment (point 10),
// the warning for a bake that cannot see the workloads (point 9).
import { Kinds } from '@kuberik/core/kube';
import type { HealthCheck } from '@kuberik/core/model';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, patchGate, seedApp, startHarness, substituted } from './harness.js';

const BYPASS = 'rollout.kuberik.com/bypass-gates';

async function publishAll(h: Harness, tags: string[]): Promise<void> {
  for (const tag of tags) {
    await h.flux.publish({ namespace: h.ns, name: 'my-app' }, tag);
    await h.eventually(`${tag} discovered`, async () =>
      (await h.rollout('my-app')).status?.availableReleases?.some((v) => v.tag === tag),
    );
  }
}

describe('upstream parity through the driver (issue 10)', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('deploys the version the gate allows although a newer one exists, and keeps the newer one waiting', async () => {
    h = await startHarness();
    await seedApp(h.kube, { name: 'my-app', healthCheck: false, gate: { allowedVersions: [] } });
    await h.startDriver();
    await publishAll(h, ['v1.0.0', 'v1.1.0']);
    const waiting = await h.eventually('waiting, naming the gate', async () => {
      const r = await h.rollout('my-app');
      const gp = r.status?.conditions?.find((c) => c.type === 'GatesPassing');
      return gp?.reason === 'NoAllowedVersions' && r;
    });
    expect(waiting.status?.pendingVersion).toBe('v1.1.0');

    await patchGate(h.kube, 'my-app-approval', { allowedVersions: ['v1.0.0'] });
    await h.eventually(
      'v1.0.0 deployed',
      async () => substituted(await h.kustomization('my-app')) === 'v1.0.0',
    );
    const after = await h.eventually('v1.1.0 still pending', async () => {
      const r = await h.rollout('my-app');
      return r.status?.pendingVersion === 'v1.1.0' && r.status.phase === 'WaitingForGates' && r;
    });
    expect(after.status?.currentVersion).toBe('v1.0.0');
  });

  it('resets a third-party HealthCheck at deploy; the bake starts only after its provider writes again', async () => {
    h = await startHarness();
    await seedApp(h.kube, { name: 'my-app', healthCheck: false, gate: false, bakeTime: '1m' });
    await h.kube.create(Kinds.HealthCheck, {
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'HealthCheck',
      metadata: { name: 'latency', namespace: h.ns, labels: { app: 'my-app' } },
      spec: { class: 'datadog' },
    } as HealthCheck);
    await h.kube.mergePatch(
      Kinds.HealthCheck,
      h.ns,
      'latency',
      {
        status: {
          status: 'Healthy',
          message: 'p99 fine',
          lastChangeTime: '2026-01-05T08:00:00Z',
          lastErrorTime: '2026-01-05T07:00:00Z',
        },
      },
      { status: true },
    );
    await h.kube.mergePatch(Kinds.Rollout, h.ns, 'my-app', {
      spec: { healthCheckSelector: { selector: { matchLabels: { app: 'my-app' } } } },
    });
    await h.startDriver();
    await publishAll(h, ['v1.0.0']);

    const reset = await h.eventually('check reset', async () => {
      const hc = (await h.kube.get(Kinds.HealthCheck, h.ns, 'latency')) as HealthCheck;
      return hc.status?.message === 'Health check reset due to new deployment' && hc;
    });
    expect(reset.status?.status).toBe('Pending');
    expect(reset.status?.lastErrorTime).toBeUndefined();
    expect(Date.parse(reset.status?.lastChangeTime ?? '')).toBeGreaterThanOrEqual(
      Date.parse('2026-01-05T09:00:00Z'),
    );
    await h.advance(5000);
    expect((await h.rollout('my-app')).status?.phase).toBe('Deploying');

    // The provider speaks: the bake starts.
    await h.kube.mergePatch(
      Kinds.HealthCheck,
      h.ns,
      'latency',
      {
        status: {
          status: 'Healthy',
          message: 'p99 fine',
          lastChangeTime: new Date(h.clock.now()).toISOString().replace(/\.\d+Z$/, 'Z'),
        },
      },
      { status: true },
    );
    await h.eventually('baking', async () => (await h.rollout('my-app')).status?.phase === 'Baking');
  });

  it('deploys a bypassed candidate past a closed gate, removes the annotation, and refuses a bypass of no candidate', async () => {
    h = await startHarness();
    await seedApp(h.kube, { name: 'my-app', healthCheck: false, gate: { passing: false } });
    await h.startDriver();
    await publishAll(h, ['v1.0.0', 'v1.1.0']);

    await h.kube.mergePatch(Kinds.Rollout, h.ns, 'my-app', {
      metadata: { annotations: { [BYPASS]: 'v1.0.0' } },
    });
    await h.eventually(
      'v1.0.0 deployed',
      async () => substituted(await h.kustomization('my-app')) === 'v1.0.0',
    );
    const deployed = await h.eventually('annotation removed', async () => {
      const r = await h.rollout('my-app');
      return r.metadata.annotations?.[BYPASS] === undefined && r;
    });
    expect(deployed.status?.history?.[0]?.message).toBe('Automatic deployment, with gate bypass');
    expect(deployed.status?.pendingVersion).toBe('v1.1.0');

    await h.kube.mergePatch(Kinds.Rollout, h.ns, 'my-app', {
      metadata: { annotations: { [BYPASS]: 'v9.9.9' } },
    });
    const refused = await h.eventually('bypass refused', async () => {
      const r = await h.rollout('my-app');
      const c = r.status?.conditions?.find((x) => x.type === 'ManualRequest');
      return r.metadata.annotations?.[BYPASS] === undefined && c?.reason === 'BypassRefused' && c;
    });
    expect(refused.message).toContain('v9.9.9 is not a release candidate');
    // The Event is written after the status (it may land a moment later).
    await h.eventually('a BypassRefused Event', async () =>
      (await h.kube.list(Kinds.Event, { namespace: h.ns })).items.some((e) => e.reason === 'BypassRefused'),
    );
    expect(substituted(await h.kustomization('my-app'))).toBe('v1.0.0');
  });
  it('force-deploys onto an unhealthy environment with DeploymentBlocked=False/ManualDeployment (point 10)', async () => {
    h = await startHarness();
    await seedApp(h.kube, { name: 'my-app', healthCheck: false, gate: false, bakeTime: '1m' });
    await h.kube.create(Kinds.HealthCheck, {
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'HealthCheck',
      metadata: { name: 'db', namespace: h.ns, labels: { app: 'my-app' } },
      spec: { class: 'datadog' },
    } as HealthCheck);
    await h.kube.mergePatch(
      Kinds.HealthCheck,
      h.ns,
      'db',
      { status: { status: 'Unhealthy', message: 'db down', lastChangeTime: '2026-01-05T08:00:00Z' } },
      { status: true },
    );
    await h.kube.mergePatch(Kinds.Rollout, h.ns, 'my-app', {
      spec: { healthCheckSelector: { selector: { matchLabels: { app: 'my-app' } } } },
    });
    await h.startDriver();
    await publishAll(h, ['v1.0.0']);
    await h.eventually('blocked by health', async () => {
      const r = await h.rollout('my-app');
      return r.status?.conditions?.find((c) => c.type === 'DeploymentBlocked')?.status === 'True';
    });
    await h.kube.mergePatch(Kinds.Rollout, h.ns, 'my-app', {
      metadata: { annotations: { 'rollout.kuberik.com/force-deploy': 'v1.0.0' } },
    });
    const deployed = await h.eventually('force-deployed', async () => {
      const r = await h.rollout('my-app');
      return r.status?.currentVersion === 'v1.0.0' && r;
    });
    expect(deployed.status?.conditions?.find((c) => c.type === 'DeploymentBlocked')).toMatchObject({
      status: 'False',
      reason: 'ManualDeployment',
    });
  });

  it('warns while a kustomization-class check cannot see the workloads, until spec.wait is set (point 9)', async () => {
    h = await startHarness();
    await seedApp(h.kube, { name: 'my-app', gate: false });
    await h.startDriver();
    await publishAll(h, ['v1.0.0']);
    const warned = await h.eventually('warning shown', async () => {
      const r = await h.rollout('my-app');
      return r.status?.conditions?.find((c) => c.type === 'WorkloadHealthCovered');
    });
    expect(warned).toMatchObject({ status: 'False', reason: 'KustomizationReadyIgnoresWorkloads' });
    expect(warned.message).toContain(
      `Kustomization ${h.ns}/my-app has neither spec.wait: true nor spec.healthChecks`,
    );
    await h.kube.mergePatch(Kinds.Kustomization, h.ns, 'my-app', { spec: { wait: true } });
    await h.eventually('warning gone', async () => {
      const r = await h.rollout('my-app');
      return !r.status?.conditions?.some((c) => c.type === 'WorkloadHealthCovered');
    });
  });
});
