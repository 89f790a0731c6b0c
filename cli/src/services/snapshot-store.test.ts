import { describe, expect, it } from 'vitest';
import { SnapshotStore, type Timers } from './snapshot-store.js';
import { story } from '../testing/fixtures.js';

function fakeTimers() {
  let t = 0;
  const queue: Array<{ at: number; fn: () => void; id: number }> = [];
  let ids = 0;
  const timers: Timers = {
    now: () => t,
    setTimeout: (fn, ms) => {
      queue.push({ at: t + ms, fn, id: ++ids });
      return ids;
    },
    clearTimeout: (h) => {
      const i = queue.findIndex((q) => q.id === h);
      if (i >= 0) queue.splice(i, 1);
    },
  };
  const advance = (ms: number) => {
    t += ms;
    for (;;) {
      queue.sort((a, b) => a.at - b.at);
      const next = queue[0];
      if (!next || next.at > t) break;
      queue.shift();
      next.fn();
    }
  };
  return { timers, advance };
}

describe('SnapshotStore', () => {
  it('coalesces a burst into at most one emit per 100 ms, ending on the latest state', () => {
    const { timers, advance } = fakeTimers();
    const store = new SnapshotStore(100, timers);
    const seen: Array<string | undefined> = [];
    store.subscribe(() => seen.push(store.current().snapshot?.rollout.status?.pendingVersion));
    // 1,000 snapshots over one second, one per millisecond.
    for (let i = 0; i < 1000; i++) {
      store.push({ snapshot: story({ pending: `v${i}` }) });
      advance(1);
    }
    advance(200);
    expect(store.emits).toBeLessThanOrEqual(11);
    expect(seen.at(-1)).toBe('v999');
  });

  it('emits the first change at once and nothing after close', () => {
    const { timers, advance } = fakeTimers();
    const store = new SnapshotStore(100, timers);
    let n = 0;
    store.subscribe(() => n++);
    store.push({ error: 'x' });
    advance(0);
    expect(n).toBe(1);
    store.push({ error: 'y' });
    store.close();
    advance(500);
    expect(n).toBe(1);
  });
});
