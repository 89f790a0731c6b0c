// Spec §2.3 + §3.4: a schedule is a gate evaluated inline; the driver wakes exactly when it opens.
import { Kinds } from '@kuberik/core/kube';
import type { RolloutSchedule } from '@kuberik/core/model';
import { afterEach, expect, it } from 'vitest';
import { sandboxOnly } from '../support/backend.js';
import { type Harness, seedApp, startHarness, substituted } from './harness.js';

sandboxOnly.describe('fake server clock: a time window opens at a set date', 'schedules', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('a version waits for an Allow window and deploys when it opens', async () => {
    h = await startHarness({ start: '2026-01-05T09:00:00Z' }); // a Monday
    await seedApp(h.kube, { name: 'my-app', gate: false, healthCheck: false });
    await h.kube.mergePatch(Kinds.Rollout, 'prod', 'my-app', { metadata: { labels: { app: 'my-app' } } });
    await h.kube.create(Kinds.RolloutSchedule, {
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'RolloutSchedule',
      metadata: { name: 'office-hours', namespace: 'prod' },
      spec: {
        rolloutSelector: { matchLabels: { app: 'my-app' } },
        rules: [{ name: 'morning', timeRange: { start: '10:00', end: '11:00' }, daysOfWeek: ['Monday'] }],
        timezone: 'UTC',
        action: 'Allow',
      },
    } as RolloutSchedule);
    await h.startDriver();
    await h.flux.publish({ namespace: 'prod', name: 'my-app' }, 'v1.0.0');

    const waiting = await h.eventually('waiting for the window', async () => {
      const r = await h.rollout('my-app');
      return r.status?.phase === 'WaitingForGates' && r;
    });
    expect(waiting.status?.gates?.[0]).toMatchObject({
      name: 'office-hours',
      kind: 'RolloutSchedule',
      decision: 'Pending',
      nextChange: '2026-01-05T10:00:00Z',
    });

    await h.advance(59 * 60_000 + 30_000, 15 * 60_000); // to 09:59:30
    expect(substituted(await h.kustomization('my-app'))).toBeUndefined();
    await h.advance(60_000, 1000);
    const r = await h.eventually('deployed in the window', async () => {
      const x = await h.rollout('my-app');
      return x.status?.currentVersion === 'v1.0.0' && x;
    });
    const at = Date.parse(r.status!.history![0]!.timestamp);
    expect(at).toBeGreaterThanOrEqual(Date.parse('2026-01-05T10:00:00Z'));
    expect(at).toBeLessThanOrEqual(Date.parse('2026-01-05T10:00:01Z')); // woken at nextChange, not by a poll
    expect(substituted(await h.kustomization('my-app'))).toBe('v1.0.0');
  });
});
