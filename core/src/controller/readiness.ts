// What /readyz and /healthz say, from facts that can turn false (docs/controller.md "Probes"):
// ready   = every informer completed a first list AND the API server answered within `staleAfterMs`;
// healthy = the work loop is alive: with rollouts queued, a reconcile finished within `stuckAfterMs`.
// The tracker asks the API server itself every `intervalMs` (one GET of a name that does not exist:
// a 404 is an answer, 401/403/unreachable are not), so a server that goes away is noticed even
// while every watch stays quiet.

export interface ProbeResult {
  ok: boolean;
  reason?: string;
}

export interface ReadinessSources {
  /** Kinds whose informer has not listed yet. */
  unsynced(): string[];
  /** One cheap request to the API server; throws when it did not answer as expected. */
  ping(): Promise<void>;
  /** Work counters: reconciles finished so far and rollouts queued now. */
  work(): { reconciles: number; queueDepth: number };
  now?: () => number;
}

export interface ReadinessOptions {
  intervalMs?: number;
  staleAfterMs?: number;
  stuckAfterMs?: number;
  /** Called when readiness changes (the controller logs "controller ready" / "controller not ready"). */
  onChange?: (state: ProbeResult) => void;
}

export class ReadinessTracker {
  private lastContact = -Infinity;
  private lastPingError: string | undefined;
  private lastError: string | undefined;
  private started = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private progress = { reconciles: -1, at: 0 };
  /** Last readiness reported through onChange (undefined: nothing reported yet). */
  private reported: boolean | undefined;
  private readonly now: () => number;
  private readonly intervalMs: number;
  private readonly staleAfterMs: number;
  private readonly stuckAfterMs: number;

  constructor(
    private readonly src: ReadinessSources,
    private readonly opts: ReadinessOptions = {},
  ) {
    this.now = src.now ?? Date.now;
    this.intervalMs = opts.intervalMs ?? 5_000;
    this.staleAfterMs = opts.staleAfterMs ?? 3 * this.intervalMs;
    this.stuckAfterMs = opts.stuckAfterMs ?? 120_000;
  }

  /** Informers are running (driver.start resolved); start asking the API server. */
  start(): void {
    this.started = true;
    this.progress = { reconciles: this.src.work().reconciles, at: this.now() };
    void this.tick();
  }

  /** The last error an informer or request reported, shown while not ready. */
  noteError(message: string): void {
    this.lastError = message;
    this.evaluate();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.evaluate();
  }

  ready(): ProbeResult {
    if (this.stopped) return { ok: false, reason: 'shutting down' };
    if (!this.started) return { ok: false, reason: 'starting' };
    const unsynced = this.src.unsynced();
    if (unsynced.length) {
      return {
        ok: false,
        reason: `waiting for the first list of ${unsynced.join(', ')}${this.lastError ? `: ${this.lastError}` : ''}`,
      };
    }
    if (this.now() - this.lastContact > this.staleAfterMs) {
      return {
        ok: false,
        reason: `the API server has not answered for ${Math.round((this.now() - Math.max(this.lastContact, 0)) / 1000)}s${
          this.lastPingError ? `: ${this.lastPingError}` : ''
        }`,
      };
    }
    return { ok: true };
  }

  healthy(): ProbeResult {
    if (!this.started || this.stopped) return { ok: true };
    const { reconciles, queueDepth } = this.src.work();
    if (reconciles !== this.progress.reconciles || queueDepth === 0) {
      this.progress = { reconciles, at: this.now() };
      return { ok: true };
    }
    const idleFor = this.now() - this.progress.at;
    if (idleFor > this.stuckAfterMs) {
      return {
        ok: false,
        reason: `work loop stuck: ${queueDepth} rollouts queued and no reconcile finished for ${Math.round(idleFor / 1000)}s`,
      };
    }
    return { ok: true };
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.src.ping();
      this.lastContact = this.now();
      this.lastPingError = undefined;
    } catch (e) {
      this.lastPingError = e instanceof Error ? e.message : String(e);
    }
    this.healthy(); // samples work progress between probes
    this.evaluate();
    if (!this.stopped) {
      this.timer = setTimeout(() => void this.tick(), this.intervalMs);
      this.timer.unref?.();
    }
  }

  /** Re-reads readiness and reports a change (call after anything that may flip it). */
  evaluate(): ProbeResult {
    const state = this.ready();
    // Report the first verdict after start (ready or why not), then every flip.
    if (this.started && !this.stopped && state.ok !== this.reported) {
      this.reported = state.ok;
      this.opts.onChange?.(state);
    }
    return state;
  }
}
