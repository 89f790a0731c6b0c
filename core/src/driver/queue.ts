// A keyed, coalescing work queue: one run per key at a time; keys added while running are run
// exactly once more afterwards; a bounded number of keys run in parallel.
export class WorkQueue {
  private readonly queued = new Set<string>();
  private readonly running = new Set<string>();
  private readonly dirty = new Set<string>();
  private active = 0;
  private stopped = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly work: (key: string) => Promise<void>,
    private readonly concurrency = 16,
  ) {}

  add(key: string): void {
    if (this.stopped) return;
    if (this.running.has(key)) {
      this.dirty.add(key);
      return;
    }
    this.queued.add(key);
    this.pump();
  }

  get size(): number {
    return this.queued.size + this.running.size;
  }

  /** Resolves when nothing is queued or running. */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  stop(): Promise<void> {
    this.stopped = true;
    this.queued.clear();
    this.dirty.clear();
    return this.idle();
  }

  private pump(): void {
    while (this.active < this.concurrency && this.queued.size > 0) {
      const key = this.queued.values().next().value as string;
      this.queued.delete(key);
      this.running.add(key);
      this.active++;
      void this.work(key)
        .catch(() => undefined)
        .finally(() => {
          this.running.delete(key);
          this.active--;
          if (this.dirty.delete(key) && !this.stopped) this.queued.add(key);
          this.pump();
          if (this.size === 0) for (const w of this.idleWaiters.splice(0)) w();
        });
    }
  }
}
