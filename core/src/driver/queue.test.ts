import { describe, expect, it } from 'vitest';
import { WorkQueue } from './queue.js';

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('WorkQueue', () => {
  it('never runs one key twice at once and runs exactly once more for changes during a run', async () => {
    const runs: string[] = [];
    let active = 0;
    let maxActive = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const q = new WorkQueue(async (key) => {
      active++;
      maxActive = Math.max(maxActive, active);
      runs.push(key);
      if (runs.length === 1) await gate;
      active--;
    });
    q.add('prod/my-app');
    await tick();
    q.add('prod/my-app');
    q.add('prod/my-app');
    q.add('prod/my-app');
    release();
    await q.idle();
    expect(runs).toEqual(['prod/my-app', 'prod/my-app']);
    expect(maxActive).toBe(1);
  });

  it('coalesces adds of a queued key and runs different keys in parallel up to the limit', async () => {
    const seen: string[] = [];
    let active = 0;
    let maxActive = 0;
    const q = new WorkQueue(async (key) => {
      active++;
      maxActive = Math.max(maxActive, active);
      seen.push(key);
      await tick();
      active--;
    }, 2);
    // a and b start at once; c waits, and the repeated c and d adds coalesce while queued.
    for (const k of ['a', 'b', 'c', 'd', 'c', 'd', 'c']) q.add(k);
    await q.idle();
    expect(seen).toEqual(['a', 'b', 'c', 'd']);
    expect(maxActive).toBe(2);
  });

  it('keeps going after a failing run and refuses work after stop', async () => {
    const seen: string[] = [];
    const q = new WorkQueue(async (key) => {
      seen.push(key);
      if (key === 'bad') throw new Error('boom');
    });
    q.add('bad');
    q.add('good');
    await q.idle();
    await q.stop();
    q.add('late');
    await q.idle();
    expect(seen).toEqual(['bad', 'good']);
  });
});
