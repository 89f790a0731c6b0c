import { describe, expect, it } from 'vitest';
import { ReadinessTracker } from './readiness.js';

function tracker(work: { reconciles: number; queueDepth: number }, clock: { t: number }) {
  return new ReadinessTracker(
    { unsynced: () => [], ping: async () => undefined, work: () => work, now: () => clock.t },
    { intervalMs: 1_000_000, stuckAfterMs: 60_000 },
  );
}

describe('ReadinessTracker.healthy (the work loop is alive)', () => {
  it('turns unhealthy when rollouts stay queued and no reconcile finishes for too long', () => {
    const clock = { t: 0 };
    const work = { reconciles: 5, queueDepth: 3 };
    const r = tracker(work, clock);
    r.start();
    clock.t = 59_000;
    expect(r.healthy().ok).toBe(true);
    clock.t = 61_000;
    expect(r.healthy()).toEqual({
      ok: false,
      reason: 'work loop stuck: 3 rollouts queued and no reconcile finished for 61s',
    });
    work.reconciles = 6; // progress again
    expect(r.healthy().ok).toBe(true);
    r.stop();
  });

  it('stays healthy while idle (nothing queued), however long', () => {
    const clock = { t: 0 };
    const r = tracker({ reconciles: 0, queueDepth: 0 }, clock);
    r.start();
    clock.t = 3_600_000;
    expect(r.healthy().ok).toBe(true);
    r.stop();
  });
});
