// Spec §3 end to end: several rollouts at once, approval and denial through plain gate patches,
// a failing version, retry, pin and rollback, adoption.
import { Kinds } from '@kuberik/core/kube';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, patchGate, seedApp, startHarness, substituted } from './harness.js';

describe('rollout lifecycle through the driver (spec §3)', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('discovers, waits for approval, deploys, bakes and succeeds — for two rollouts at once', async () => {
    h = await startHarness();
    // Bakes of seconds: on the real backend `advance` waits in real time.
    await seedApp(h.kube, { name: 'my-app', bakeTime: '5s' });
    await seedApp(h.kube, { name: 'billing', bakeTime: '2s', gate: { passing: true } });
    await h.startDriver();

    await h.flux.publish({ namespace: h.ns, name: 'my-app' }, 'v1.0.0');
    await h.flux.publish({ namespace: h.ns, name: 'billing' }, 'v2.0.0');

    const waiting = await h.eventually('my-app waiting for its gate', async () => {
      const r = await h.rollout('my-app');
      return r.status?.phase === 'WaitingForGates' && r;
    });
    expect(waiting.status?.pendingVersion).toBe('v1.0.0');
    expect(waiting.status?.gates?.[0]).toMatchObject({ name: 'my-app-approval', decision: 'Pending' });
    expect(substituted(await h.kustomization('my-app'))).toBeUndefined();

    // billing's gate is open: it deploys at once and waits for fresh health.
    await h.eventually(
      'billing deployed',
      async () => substituted(await h.kustomization('billing')) === 'v2.0.0',
    );

    // Approve my-app exactly as kubectl would.
    await patchGate(h.kube, 'my-app-approval', { allowedVersions: ['v1.0.0'] });
    await h.eventually(
      'my-app deployed',
      async () => substituted(await h.kustomization('my-app')) === 'v1.0.0',
    );
    const deploying = await h.rollout('my-app');
    expect(deploying.status).toMatchObject({ currentVersion: 'v1.0.0', phase: 'Deploying' });
    expect(deploying.status?.pendingVersion).toBeUndefined();
    expect(deploying.status?.history?.[0]).toMatchObject({
      version: { tag: 'v1.0.0' },
      bakeStatus: 'Deploying',
    });

    // Flux reconciles after 3 s: health turns fresh → bake starts.
    await h.advance(4000);
    await h.eventually('my-app baking', async () => (await h.rollout('my-app')).status?.phase === 'Baking');
    const baking = await h.rollout('my-app');
    expect(baking.status?.history?.[0]?.bakeStatus).toBe('InProgress');
    expect(baking.status?.history?.[0]?.bakeStartTime).toBeDefined();

    await h.advance(6000, 1000);
    const done = await h.eventually('my-app succeeded', async () => {
      const r = await h.rollout('my-app');
      return r.status?.phase === 'Succeeded' && r;
    });
    expect(done.status?.history?.[0]).toMatchObject({ bakeStatus: 'Succeeded', version: { tag: 'v1.0.0' } });
    expect((await h.rollout('billing')).status?.phase).toBe('Succeeded');

    // The driver told its subscribers, and recorded Events on the rollout.
    const reasons = h.events.flatMap((e) =>
      e.type === 'event' && e.key.name === 'my-app' ? [e.event.reason] : [],
    );
    expect(reasons).toEqual(expect.arrayContaining(['Deployed', 'BakeStarted', 'Succeeded']));
    const recorded = (await h.kube.list(Kinds.Event, { namespace: h.ns })).items.filter(
      (e) => e.involvedObject.name === 'my-app',
    );
    expect(recorded.map((e) => e.reason)).toEqual(expect.arrayContaining(['Deployed', 'Succeeded']));
    expect(recorded.every((e) => e.source?.component === 'kuberik')).toBe(true);
  });

  it('rejects a denied version and deploys the next one', async () => {
    h = await startHarness();
    await seedApp(h.kube, { name: 'my-app' });
    await h.startDriver();
    await h.flux.publish({ namespace: h.ns, name: 'my-app' }, 'v1.0.0');
    await h.eventually(
      'waiting',
      async () => (await h.rollout('my-app')).status?.pendingVersion === 'v1.0.0',
    );

    await patchGate(h.kube, 'my-app-approval', { deniedVersions: ['v1.0.0'] });
    const rejected = await h.eventually('rejected', async () => {
      const r = await h.rollout('my-app');
      return r.status?.phase === 'Rejected' && r;
    });
    expect(rejected.status?.rejectedVersions).toEqual(['v1.0.0']);
    expect(substituted(await h.kustomization('my-app'))).toBeUndefined();

    await h.flux.publish({ namespace: h.ns, name: 'my-app' }, 'v1.1.0');
    await h.eventually(
      'v1.1.0 pending',
      async () => (await h.rollout('my-app')).status?.pendingVersion === 'v1.1.0',
    );
    await patchGate(h.kube, 'my-app-approval', { allowedVersions: ['v1.1.0'] });
    await h.eventually(
      'v1.1.0 deployed',
      async () => substituted(await h.kustomization('my-app')) === 'v1.1.0',
    );
  });

  it('fails a bad version, blocks automation, and deploys it again only on retry', async () => {
    h = await startHarness();
    await seedApp(h.kube, { name: 'my-app', gate: false, bakeTime: '2s', failVersions: 'v1.1.*' });
    await h.startDriver();
    await h.flux.publish({ namespace: h.ns, name: 'my-app' }, 'v1.0.0');
    await h.eventually(
      'v1.0.0 deployed',
      async () => substituted(await h.kustomization('my-app')) === 'v1.0.0',
    );
    await h.advance(4000);
    await h.advance(3000, 1000);
    await h.eventually(
      'v1.0.0 succeeded',
      async () => (await h.rollout('my-app')).status?.phase === 'Succeeded',
    );

    await h.flux.publish({ namespace: h.ns, name: 'my-app' }, 'v1.1.0');
    await h.eventually(
      'v1.1.0 deployed',
      async () => substituted(await h.kustomization('my-app')) === 'v1.1.0',
    );
    await h.advance(4000);
    const failed = await h.eventually('v1.1.0 failed', async () => {
      const r = await h.rollout('my-app');
      return r.status?.phase === 'Failed' && r;
    });
    expect(failed.status?.history?.[0]).toMatchObject({ version: { tag: 'v1.1.0' }, bakeStatus: 'Failed' });
    expect(failed.status?.history?.[0]?.failedHealthChecks?.[0]?.name).toBe('my-app-kustomization');

    // A newer version waits: the failed bake blocks automation.
    await h.flux.publish({ namespace: h.ns, name: 'my-app' }, 'v1.2.0');
    await h.eventually('blocked', async () => (await h.rollout('my-app')).status?.phase === 'Blocked');
    expect(substituted(await h.kustomization('my-app'))).toBe('v1.1.0');

    // Retry is plain annotation; the driver removes it once processed.
    await h.kube.mergePatch(Kinds.Rollout, h.ns, 'my-app', {
      metadata: { annotations: { 'rollout.kuberik.com/retry': 'now' } },
    });
    const retried = await h.eventually('retried', async () => {
      const r = await h.rollout('my-app');
      return (
        r.metadata.annotations?.['rollout.kuberik.com/retry'] === undefined &&
        r.status?.history?.[0]?.lastRetryTimestamp !== undefined &&
        r
      );
    });
    expect(retried.status?.history?.[0]?.bakeStatus).toBe('Deploying');
  });

  it('pins, rolls back and unpins through spec.wantedVersion', async () => {
    h = await startHarness();
    await seedApp(h.kube, { name: 'my-app', gate: false, healthCheck: false });
    await h.startDriver();
    for (const tag of ['v1.0.0', 'v1.1.0']) {
      await h.flux.publish({ namespace: h.ns, name: 'my-app' }, tag);
      await h.eventually(
        `${tag} current`,
        async () => (await h.rollout('my-app')).status?.currentVersion === tag,
      );
    }
    await h.kube.mergePatch(Kinds.Rollout, h.ns, 'my-app', { spec: { wantedVersion: 'v1.0.0' } });
    await h.eventually('rolled back', async () => substituted(await h.kustomization('my-app')) === 'v1.0.0');
    await h.flux.publish({ namespace: h.ns, name: 'my-app' }, 'v1.2.0');
    await h.eventually('v1.2.0 seen', async () =>
      (await h.rollout('my-app')).status?.availableReleases?.some((v) => v.tag === 'v1.2.0'),
    );
    await h.advance(15_000);
    expect(substituted(await h.kustomization('my-app'))).toBe('v1.0.0'); // pinned: no auto-advance
    await h.kube.mergePatch(Kinds.Rollout, h.ns, 'my-app', { spec: { wantedVersion: null } });
    await h.eventually(
      'unpinned → v1.2.0',
      async () => substituted(await h.kustomization('my-app')) === 'v1.2.0',
    );
  });

  it('adopts the running version instead of redeploying it', async () => {
    h = await startHarness();
    await seedApp(h.kube, { name: 'my-app', running: 'v0.9.0' });
    await h.startDriver();
    const adopted = await h.eventually('adopted', async () => {
      const r = await h.rollout('my-app');
      return r.status?.currentVersion === 'v0.9.0' && r;
    });
    expect(adopted.status?.history?.[0]).toMatchObject({
      bakeStatus: 'Succeeded',
      message: 'Adopted running version',
      triggeredBy: { kind: 'System' },
    });
    expect((await h.kustomization('my-app')).metadata.generation).toBe(1);
  });
});
