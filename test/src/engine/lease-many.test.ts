// Many rollouts, one driver: renewing its own leases costs no reconciles, and stop() hands every
// lease over even while renewals are in flight (SIGTERM on a busy controller), so another process
// takes over at once instead of waiting for the leases to expire.
import { Kinds } from '@kuberik/core/kube';
import { afterEach, expect, it } from 'vitest';
import { sandboxOnly } from '../support/backend.js';
import { type Harness, seedApp, startHarness } from './harness.js';

const ROLLOUTS = 30;

sandboxOnly.describe(
  'fake clock steps and injected delays (faults.delay)',
  'many leases in one driver',
  () => {
    let h: Harness;
    afterEach(async () => h?.close());

    it('renewing its own leases re-runs no reconcile', async () => {
      h = await startHarness();
      const names = Array.from({ length: ROLLOUTS }, (_, i) => `app-${i}`);
      // Already running v1 and nothing newer: adopted, Succeeded, nothing to wake up for.
      for (const name of names) await seedApp(h.kube, { name, healthCheck: false, running: 'v1.0.0' });
      const d = await h.startDriver({ holder: 'controller-0' });
      await h.eventually('every rollout adopted and driven', () =>
        names.every((name) => {
          const s = d.snapshot({ namespace: 'prod', name });
          return s?.lease.driving && s.rollout.status?.phase === 'Succeeded';
        }),
      );
      await h.advance(10_000, 1000); // let the echoes of the first writes arrive
      const before = d.stats();
      const renewalsBefore = h.driverKube(0).stats.byVerb.PATCH ?? 0;
      await h.advance(30_000, 1000); // six renewal intervals
      expect((h.driverKube(0).stats.byVerb.PATCH ?? 0) - renewalsBefore).toBeGreaterThanOrEqual(5 * ROLLOUTS);
      expect(d.stats().reconciles).toBe(before.reconciles);
      expect(d.stats().queueDepth).toBe(0);
    });

    it('stop() with renewals in flight releases every lease', async () => {
      h = await startHarness();
      const names = Array.from({ length: ROLLOUTS }, (_, i) => `app-${i}`);
      for (const name of names) await seedApp(h.kube, { name, healthCheck: false });
      const d = await h.startDriver({ holder: 'controller-0' });
      await h.eventually('every lease held', () =>
        names.every((name) => d.snapshot({ namespace: 'prod', name })?.lease.driving),
      );
      await h.advance(2000, 1000);

      // Slow answers, then every renewal falls due at once: stop() comes while they are in flight.
      h.sandbox.faults.delay(40);
      h.fakeClock().advance(5000);
      await new Promise((r) => setTimeout(r, 10));
      expect(d.stats().leaseRequests).toBeGreaterThan(0);
      await d.stop();
      h.sandbox.faults.delay(0);

      const leases = (await h.kube.list(Kinds.Lease, { namespace: 'prod' })).items;
      const ours = leases.filter((l) => l.metadata.name.startsWith('kuberik-rollout-app-'));
      expect(ours).toHaveLength(ROLLOUTS);
      expect(ours.filter((l) => l.spec?.holderIdentity).map((l) => l.metadata.name)).toEqual([]);
    });
  },
);
