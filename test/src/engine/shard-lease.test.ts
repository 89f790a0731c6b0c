// Spec §10.7 with a fake clock: a controller replica (shard Leases) and a developer's `watch`
// (renewed per-rollout Lease) on one rollout. The watch observes while the controller's shard
// lives, although the per-rollout Lease is never renewed; it takes over when the controller dies;
// a controller leaves the rollout alone while the watch holds it and takes it back when it goes.
import { Kinds } from '@kuberik/core/kube';
import { SHARD_ANNOTATION } from '@kuberik/core/driver';
import { afterEach, expect, it } from 'vitest';
import { sandboxOnly } from '../support/backend.js';
import { type Harness, patchGate, seedApp, startHarness, substituted } from './harness.js';

const key = { namespace: 'prod', name: 'my-app' };

sandboxOnly.describe(
  'fake clock: minutes of shard-lease renewals and expiries',
  'a controller replica and a watch on one rollout',
  () => {
    let h: Harness;
    afterEach(async () => h?.close());

    it('never both drive, and each takes over when the other goes', async () => {
      h = await startHarness();
      await seedApp(h.kube, { name: 'my-app', healthCheck: false });
      const controller = await h.startDriver({ holder: 'controller-0', shards: 4 });
      await h.eventually('the controller drives', () => controller.snapshot(key)?.lease.driving);
      const written = await h.kube.get(Kinds.Lease, 'prod', 'kuberik-rollout-my-app');
      expect(written.spec?.holderIdentity).toBe('controller-0');
      expect(written.metadata.annotations?.[SHARD_ANNOTATION]).toMatch(/^prod\/kuberik-shard-\d-of-4$/);
      // It goes with its Rollout when that is deleted.
      const rollout = await h.rollout('my-app');
      expect(written.metadata.ownerReferences).toEqual([
        { apiVersion: rollout.apiVersion, kind: 'Rollout', name: 'my-app', uid: rollout.metadata.uid },
      ]);

      const watch = await h.startDriver({ holder: 'bob@laptop 202', name: 'my-app' });
      // A minute later the per-rollout Lease was never renewed, but the shard was: the watch observes.
      await h.advance(60_000, 1000);
      expect((await h.kube.get(Kinds.Lease, 'prod', 'kuberik-rollout-my-app')).spec?.renewTime).toBe(
        written.spec?.renewTime,
      );
      await h.eventually('the watch shows the controller', () => {
        const s = watch.snapshot(key);
        return s?.lease.holder === 'controller-0' && s;
      });
      expect(watch.snapshot(key)?.lease.driving).toBe(false);

      // The controller crashes: once its shard expires the watch takes the Lease, drops the shard
      // pointer (its own renewals keep it live now) and drives.
      await controller.stop({ releaseLeases: false });
      await h.advance(21_000, 1000);
      await h.eventually('the watch drives', () => watch.snapshot(key)?.lease.driving);
      const taken = await h.kube.get(Kinds.Lease, 'prod', 'kuberik-rollout-my-app');
      expect(taken.spec?.holderIdentity).toBe('bob@laptop 202');
      expect(taken.metadata.annotations?.[SHARD_ANNOTATION]).toBeUndefined();

      // A new replica starts: it holds the shard but leaves the rollout to the live watch.
      const replica = await h.startDriver({ holder: 'controller-1', shards: 4 });
      await h.advance(30_000, 1000);
      expect(replica.snapshot(key)?.lease).toEqual({ driving: false, holder: 'bob@laptop 202' });
      await h.flux.publish(key, 'v1.0.0');
      await patchGate(h.kube, 'my-app-approval', { allowedVersions: ['v1.0.0'] });
      await h.eventually(
        'deployed by the watch',
        async () => substituted(await h.kustomization('my-app')) === 'v1.0.0',
      );

      // The watch exits (releases the Lease): the replica takes the rollout back and drives it.
      await watch.stop();
      await h.advance(6_000, 1000);
      await h.eventually('the replica drives', () => replica.snapshot(key)?.lease.driving);
      await h.flux.publish(key, 'v1.1.0');
      await patchGate(h.kube, 'my-app-approval', { allowedVersions: ['v1.0.0', 'v1.1.0'] });
      await h.eventually(
        'deployed by the replica',
        async () => substituted(await h.kustomization('my-app')) === 'v1.1.0',
      );
    });
  },
);
