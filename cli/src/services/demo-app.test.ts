import { describe, expect, it } from 'vitest';
import { businessHoursOpenAt, demoObjects, demoTimings } from './demo-app.js';

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

describe('demo app', () => {
  it('opens the business-hours window around any moment, across midnight too', () => {
    for (const iso of [
      '2026-11-27T12:03:41Z',
      '2026-11-27T23:59:00Z',
      '2026-11-28T00:00:00Z',
      '2026-11-27T18:30:00Z',
    ]) {
      const now = new Date(iso);
      const { start, end } = businessHoursOpenAt(now);
      const t = now.getUTCHours() * 60 + now.getUTCMinutes();
      const [s, e] = [minutes(start), minutes(end)];
      const open = s <= e ? t >= s && t < e : t >= s || t < e;
      expect(open, `${iso}: ${start}-${end}`).toBe(true);
    }
  });

  it('scales every duration with the pace, with floors that keep the story sane', () => {
    expect(demoTimings(1)).toEqual({ reconcileMs: 3000, bakeMs: 12_000, deployTimeoutMs: 30_000 });
    expect(demoTimings(0.01)).toEqual({ reconcileMs: 200, bakeMs: 1000, deployTimeoutMs: 3000 });
  });

  it('wires the Kustomization, health check, gate, schedule and rollout to each other', () => {
    const objs = demoObjects(new Date('2026-11-27T12:00:00Z'), demoTimings(1));
    const byKind = Object.fromEntries(objs.map((o) => [o.kind, o])) as Record<
      string,
      {
        metadata: { name: string; annotations?: Record<string, string>; labels?: Record<string, string> };
        spec: Record<string, unknown>;
      }
    >;
    expect(byKind.Kustomization!.metadata.annotations).toMatchObject({
      'rollout.kuberik.com/substitute.APP_VERSION.from': 'my-app',
      'sandbox.kuberik.com/fail-versions': 'v1.2.0',
    });
    expect(byKind.HealthCheck!.metadata.annotations!['healthcheck.kuberik.com/kustomization']).toBe('my-app');
    expect(byKind.RolloutGate!.spec).toEqual({ rolloutRef: { name: 'my-app' } });
    expect(byKind.RolloutSchedule!.spec).toMatchObject({
      action: 'Allow',
      rolloutSelector: { matchLabels: { app: 'my-app' } },
    });
    expect(byKind.Rollout!.spec).toMatchObject({
      bakeTime: '12s',
      deployTimeout: '30s',
      healthCheckSelector: { selector: { matchLabels: { app: 'my-app' } } },
    });
  });
});
