// Batches driver snapshots for the screen: however fast they arrive, listeners hear at most one
// change per interval (100 ms → ≤10 redraws a second), always ending on the latest state.
import type { WatchSource, WatchState } from '../ui/watch-contracts.js';

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export class SnapshotStore implements WatchSource {
  private state: WatchState = {};
  private readonly listeners = new Set<() => void>();
  private timer: unknown;
  private lastEmit = -Infinity;
  emits = 0;

  constructor(
    private readonly intervalMs = 100,
    private readonly timers: Timers = realTimers,
  ) {}

  push(patch: Partial<WatchState>): void {
    this.state = { ...this.state, ...patch };
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.lastEmit + this.intervalMs - this.timers.now());
    this.timer = this.timers.setTimeout(() => this.emit(), wait);
  }

  private emit(): void {
    this.timer = undefined;
    this.lastEmit = this.timers.now();
    this.emits++;
    for (const l of [...this.listeners]) l();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  current = (): WatchState => this.state;

  close(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.listeners.clear();
  }
}
