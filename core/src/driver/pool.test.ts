import { describe, expect, it } from 'vitest';
import { Pool } from './pool.js';

describe('Pool', () => {
  it('runs at most `size` tasks at once and urgent waiters first', async () => {
    const pool = new Pool(2);
    let running = 0;
    let most = 0;
    const order: string[] = [];
    const gates: Array<() => void> = [];
    const task = (name: string) => () =>
      new Promise<void>((resolve) => {
        running++;
        most = Math.max(most, running);
        order.push(name);
        gates.push(() => {
          running--;
          resolve();
        });
      });
    const all = [pool.run(task('a')), pool.run(task('b')), pool.run(task('c')), pool.run(task('d'), true)];
    await Promise.resolve();
    expect(order).toEqual(['a', 'b']);
    expect(pool.depth).toBe(4);
    while (gates.length > 0 || order.length < 4) {
      gates.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    }
    gates.forEach((g) => g());
    await Promise.all(all);
    expect(order).toEqual(['a', 'b', 'd', 'c']);
    expect(most).toBe(2);
    expect(pool.depth).toBe(0);
  });

  it('frees the slot when a task fails', async () => {
    const pool = new Pool(1);
    await expect(pool.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(pool.run(() => Promise.resolve(7))).resolves.toBe(7);
    expect(pool.depth).toBe(0);
  });
});
