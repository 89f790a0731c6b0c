// A small concurrency limiter with two priorities: lease renewals go before acquisitions, so a
// driver starting thousands of rollouts never lets the leases it already holds expire in the queue.
export class Pool {
  private active = 0;
  private readonly urgent: Array<() => void> = [];
  private readonly normal: Array<() => void> = [];

  constructor(private readonly size: number) {}

  /** Waiting and running tasks. */
  get depth(): number {
    return this.active + this.urgent.length + this.normal.length;
  }

  async run<T>(task: () => Promise<T>, urgent = false): Promise<T> {
    if (this.active >= this.size) {
      await new Promise<void>((resolve) => (urgent ? this.urgent : this.normal).push(resolve));
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter (active stays the same), or free it.
      const next = this.urgent.shift() ?? this.normal.shift();
      if (next) next();
      else this.active--;
    }
  }
}
