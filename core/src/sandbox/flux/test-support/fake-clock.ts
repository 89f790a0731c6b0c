// A manual clock for simulator tests: timers fire only when the test advances time.
import type { SimulatorClock, TimerHandle } from '../clock.js';

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

export class FakeClock implements SimulatorClock {
  private time: number;
  private seq = 0;
  private timers: Timer[] = [];

  constructor(start = '2026-11-27T10:00:00Z') {
    this.time = Date.parse(start);
  }

  now = (): Date => new Date(this.time);

  setTimeout = (fn: () => void, ms: number): TimerHandle => {
    const timer = { id: ++this.seq, at: this.time + Math.max(0, ms), fn };
    this.timers.push(timer);
    return timer.id;
  };

  clearTimeout = (handle: TimerHandle): void => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };

  /** Timers not yet fired. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward, firing due timers in order (and timers they schedule within the window). */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.fn();
    }
    this.time = end;
  }
}
