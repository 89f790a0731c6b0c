// Issue #10 point 7: schedules get status.active, activeRules, nextTransition and
// matchingRollouts, written by a driver that sees every rollout they can match, and kept
// current when their window opens; `kubectl get` shows them in ACTIVE and MATCHING.
import { Kinds } from '@kuberik/core/kube';
import type { ClusterRolloutSchedule, RolloutSchedule } from '@kuberik/core/model';
import { afterEach, describe, expect, it } from 'vitest';
import { sandboxOnly } from '../support/backend.js';
import { type Harness, seedApp, startHarness } from './harness.js';

async function seed(h: Harness): Promise<void> {
  await seedApp(h.kube, { name: 'my-app', gate: false, healthCheck: false });
  await seedApp(h.kube, { name: 'billing', gate: false, healthCheck: false });
  await h.kube.mergePatch(Kinds.Rollout, h.ns, 'my-app', { metadata: { labels: { tier: 'web' } } });
  await h.kube.create(Kinds.RolloutSchedule, {
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'RolloutSchedule',
    metadata: { name: 'office-hours', namespace: h.ns },
    spec: {
      rolloutSelector: { matchLabels: { tier: 'web' } },
      rules: [{ name: 'morning', timeRange: { start: '10:00', end: '11:00' } }],
      timezone: 'UTC',
      action: 'Allow',
    },
  } as RolloutSchedule);
  await h.kube.create(Kinds.ClusterRolloutSchedule, {
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'ClusterRolloutSchedule',
    metadata: { name: h.uniqueName('no-friday') },
    spec: { rolloutSelector: {}, rules: [{ name: 'friday', daysOfWeek: ['Friday'] }], action: 'Deny' },
  } as ClusterRolloutSchedule);
}

const schedule = (h: Harness) => h.kube.get(Kinds.RolloutSchedule, h.ns, 'office-hours');
const cluster = (h: Harness) =>
  h.kube.get(Kinds.ClusterRolloutSchedule, undefined, h.uniqueName('no-friday'));

describe('schedule status (issue #10 point 7)', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  sandboxOnly.it(
    'fake server clock (a window opens at a set date) and a driver of every namespace',
    'controller -A writes both kinds and flips ACTIVE when the window opens',
    async () => {
      h = await startHarness({ start: '2026-01-05T09:00:00Z' }); // a Monday
      await seed(h);
      await h.startDriver({ allNamespaces: true });
      const s = await h.eventually(
        'RolloutSchedule status',
        async () => (await schedule(h)).status?.matchingRollouts !== undefined && schedule(h),
      );
      expect(s.status).toEqual({
        active: false,
        activeRules: [],
        nextTransition: '2026-01-05T10:00:00Z',
        matchingRollouts: 1,
      });
      const c = await h.eventually(
        'ClusterRolloutSchedule status',
        async () => (await cluster(h)).status?.matchingRollouts !== undefined && cluster(h),
      );
      expect(c.status).toMatchObject({
        active: false,
        matchingRollouts: 2,
        nextTransition: '2026-01-09T00:00:00Z',
      });

      // A new matching rollout raises MATCHING; the window opening flips ACTIVE.
      await h.kube.mergePatch(Kinds.Rollout, h.ns, 'billing', { metadata: { labels: { tier: 'web' } } });
      await h.eventually('two match', async () => (await schedule(h)).status?.matchingRollouts === 2);
      await h.advance(61 * 60_000, 5_000);
      const open = await h.eventually(
        'active',
        async () => (await schedule(h)).status?.active === true && schedule(h),
      );
      expect(open.status).toMatchObject({ activeRules: ['morning'], nextTransition: '2026-01-05T11:00:00Z' });

      // kubectl get shows the columns.
      const table = await h.kube.list(Kinds.RolloutSchedule, { namespace: h.ns });
      expect(table.items[0]?.status?.active).toBe(true);
    },
  );

  it('controller -n writes its namespace’s schedules only; watch (one rollout) writes none', async () => {
    h = await startHarness({ start: '2026-01-05T09:00:00Z' });
    await seed(h);
    await h.startDriver({ name: 'my-app', holder: 'watch' });
    await h.advance(1000);
    expect((await schedule(h)).status?.matchingRollouts).toBeUndefined();
    await h.startDriver({ namespace: h.ns, holder: 'controller-n' });
    await h.eventually(
      'RolloutSchedule status',
      async () => (await schedule(h)).status?.matchingRollouts === 1,
    );
    // A namespace driver cannot count cluster-wide matches: it leaves ClusterRolloutSchedules alone.
    expect((await cluster(h)).status?.matchingRollouts).toBeUndefined();
  });
});
