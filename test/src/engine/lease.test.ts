// Spec §2.6: one Lease per rollout; only the holder writes; the other takes over when it goes.
import { Kinds } from '@kuberik/core/kube';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, patchGate, seedApp, startHarness, substituted } from './harness.js';

const writes = (_d: unknown, kube: { stats: { byVerb: Record<string, number> } }): number =>
  (kube.stats.byVerb.PATCH ?? 0) + (kube.stats.byVerb.POST ?? 0) + (kube.stats.byVerb.PUT ?? 0);

describe('two drivers on one rollout', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it.each(['stops', 'crashes'] as const)(
    'only the lease holder writes; when it %s the other takes over',
    async (how) => {
      h = await startHarness();
      await seedApp(h.kube, { name: 'my-app', healthCheck: false });
      const a = await h.startDriver({ holder: 'alice@laptop 101' });
      await h.eventually(
        'a holds the lease',
        () => a.snapshot({ namespace: h.ns, name: 'my-app' })?.lease.driving,
      );
      const b = await h.startDriver({ holder: 'bob@laptop 202' });
      const bKube = h.driverKube(1);

      await h.flux.publish({ namespace: h.ns, name: 'my-app' }, 'v1.0.0');
      await patchGate(h.kube, 'my-app-approval', { allowedVersions: ['v1.0.0'] });
      await h.eventually(
        'deployed by a',
        async () => substituted(await h.kustomization('my-app')) === 'v1.0.0',
      );
      await h.advance(12_000, 1000); // several renewals

      const seenByB = await h.eventually('b sees a as holder', () => {
        const s = b.snapshot({ namespace: h.ns, name: 'my-app' });
        return s?.rollout.status?.currentVersion === 'v1.0.0' && s;
      });
      expect(seenByB.lease).toEqual({ holder: 'alice@laptop 101', driving: false });
      expect(writes(b, bKube)).toBe(0);
      const lease = await h.kube.get(Kinds.Lease, h.ns, 'kuberik-rollout-my-app');
      expect(lease.spec).toMatchObject({ holderIdentity: 'alice@laptop 101', leaseDurationSeconds: 15 });

      await a.stop({ releaseLeases: how === 'stops' });
      // A released lease is taken at once; a crashed holder's lease within its 15 s duration.
      await h.advance(how === 'stops' ? 1000 : 16_000, 1000);
      await h.eventually('b drives', () => b.snapshot({ namespace: h.ns, name: 'my-app' })?.lease.driving);
      expect((await h.kube.get(Kinds.Lease, h.ns, 'kuberik-rollout-my-app')).spec?.holderIdentity).toBe(
        'bob@laptop 202',
      );

      await h.flux.publish({ namespace: h.ns, name: 'my-app' }, 'v1.1.0');
      await patchGate(h.kube, 'my-app-approval', { allowedVersions: ['v1.0.0', 'v1.1.0'] });
      await h.eventually(
        'deployed by b',
        async () => substituted(await h.kustomization('my-app')) === 'v1.1.0',
      );
    },
  );

  it('an observer never takes the lease and never writes, but still shows every change', async () => {
    h = await startHarness();
    await seedApp(h.kube, { name: 'my-app', healthCheck: false });
    const viewer = await h.startDriver({ observe: true });
    await h.flux.publish({ namespace: h.ns, name: 'my-app' }, 'v1.0.0');
    await h.advance(20_000, 1000);
    const snap = viewer.snapshot({ namespace: h.ns, name: 'my-app' });
    expect(snap?.lease).toEqual({ driving: false, holder: undefined });
    expect(snap?.rollout.status?.availableReleases).toBeUndefined(); // nobody drives
    expect(writes(viewer, h.driverKube(0))).toBe(0);
    expect(await h.kube.find(Kinds.Lease, h.ns, 'kuberik-rollout-my-app')).toBeUndefined();

    const driver = await h.startDriver({ holder: 'controller-0' });
    await h.eventually('the viewer sees the driver at work', () => {
      const s = viewer.snapshot({ namespace: h.ns, name: 'my-app' });
      return s?.rollout.status?.pendingVersion === 'v1.0.0' && s.lease.holder === 'controller-0';
    });
    expect(driver.snapshot({ namespace: h.ns, name: 'my-app' })?.lease.driving).toBe(true);
  });
});

describe('Lease names and owners (issue 11 point 8)', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('drives a rollout with a 250-character name; its Lease fits and is owned by the rollout', async () => {
    h = await startHarness();
    const name = `a${'b'.repeat(240)}.c${'d'.repeat(7)}`; // 250 characters, a valid object name
    await seedApp(h.kube, { name: 'app', healthCheck: false, gate: false });
    // The seeded rollout is replaced by one with the long name, reading the same ImagePolicy.
    await h.kube.delete(Kinds.Rollout, h.ns, 'app');
    await h.kube.mergePatch(Kinds.Kustomization, h.ns, 'app', {
      metadata: { annotations: { 'rollout.kuberik.com/substitute.APP_VERSION.from': name } },
    });
    const rollout = await h.kube.create(Kinds.Rollout, {
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'Rollout',
      metadata: { name, namespace: h.ns },
      spec: { releasesImagePolicy: { name: 'app' } },
    } as never);
    await h.startDriver();
    await h.flux.publish({ namespace: h.ns, name: 'app' }, 'v1.0.0');
    await h.eventually('deployed', async () => substituted(await h.kustomization('app')) === 'v1.0.0');

    const leases = (await h.kube.list(Kinds.Lease, { namespace: h.ns })).items;
    expect(leases).toHaveLength(1);
    const lease = leases[0]!;
    expect(lease.metadata.name.length).toBeLessThanOrEqual(253);
    expect(lease.metadata.name).toMatch(/^kuberik-rollout-ab+-[0-9a-f]{16}$/);
    expect(lease.metadata.ownerReferences).toEqual([
      { apiVersion: 'kuberik.com/v1alpha1', kind: 'Rollout', name, uid: rollout.metadata.uid },
    ]);
  });
});
