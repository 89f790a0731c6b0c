// The Flux simulator's keyed, coalescing queue (not the driver's async WorkQueue). Store watch
// callbacks fire synchronously inside the write that caused them, so handlers run later (in a
// microtask), once per key, always against the latest state.

export class ReconcileQueue {
  private readonly dirty = new Set<string>();
  private draining: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly handle: (key: string) => void,
    private readonly log: (message: string) => void,
  ) {}

  add(key: string): void {
    if (this.stopped) return;
    this.dirty.add(key);
    this.draining ??= Promise.resolve().then(() => this.drain());
  }

  /** Resolves once every queued key has been handled (including keys queued meanwhile). */
  async settled(): Promise<void> {
    while (this.draining) await this.draining;
  }

  stop(): void {
    this.stopped = true;
    this.dirty.clear();
  }

  private drain(): void {
    // Handlers converge (each write makes the next pass a no-op); the bound only stops a runaway.
    for (let rounds = 0; this.dirty.size > 0 && !this.stopped; rounds++) {
      if (rounds > 1000) {
        this.log(`flux simulator: giving up on ${[...this.dirty].join(', ')} after 1000 passes`);
        this.dirty.clear();
        break;
      }
      const keys = [...this.dirty];
      this.dirty.clear();
      for (const key of keys) {
        try {
          this.handle(key);
        } catch (err) {
          this.log(`flux simulator: ${key}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    }
    this.draining = undefined;
  }
}
