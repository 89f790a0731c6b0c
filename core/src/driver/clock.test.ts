import { describe, expect, it } from 'vitest';
import { FakeClock } from './clock.js';

describe('FakeClock', () => {
  it('fires timers in due order, each at its own instant, and not cancelled ones', () => {
    const c = new FakeClock('2026-01-05T09:00:00Z');
    const fired: string[] = [];
    c.setTimeout(() => fired.push(`b@${c.now().toISOString()}`), 2000);
    c.setTimeout(() => fired.push(`a@${c.now().toISOString()}`), 1000);
    c.setTimeout(() => fired.push('never'), 1500).cancel();
    c.advance(5000);
    expect(fired).toEqual(['a@2026-01-05T09:00:01.000Z', 'b@2026-01-05T09:00:02.000Z']);
    expect(c.now().toISOString()).toBe('2026-01-05T09:00:05.000Z');
  });

  it('runs timers scheduled by timers within the same advance', () => {
    const c = new FakeClock();
    let n = 0;
    const again = (): void => {
      n++;
      if (n < 3) c.setTimeout(again, 100);
    };
    c.setTimeout(again, 100);
    c.advance(1000);
    expect(n).toBe(3);
    expect(c.pendingTimers()).toBe(0);
  });
});
