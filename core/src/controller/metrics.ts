// Prometheus metrics of one controller process. Each controller owns its registry (no global state),
// so several controllers in one process (tests, bench) never collide.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DriverEvent, RolloutKey, RolloutSnapshot } from '../driver/api.js';
import { ApprovalWaitTracker } from './approval-wait.js';
import { BakeOutcomeTracker } from './bake-outcomes.js';

/** What the driver counts itself (EngineDriver.stats()); queueDepth when the driver exposes it. */
export interface DriverStats {
  reconciles: number;
  requests: number;
  queueDepth?: number;
}

const keyOf = (k: RolloutKey): string => `${k.namespace}/${k.name}`;

export class ControllerMetrics {
  readonly registry = new Registry();
  readonly reconciles: Counter;
  readonly reconcileErrors = new Counter({
    name: 'kuberik_reconcile_errors_total',
    help: 'Errors the driver reported and retried, by kind (NotFound, Forbidden, Conflict, Invalid, Unreachable).',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly apiRequests: Counter;
  readonly queueDepth: Gauge;
  readonly phase = new Gauge({
    name: 'kuberik_rollout_phase',
    help: 'Phase of each rollout this process drives (1 for the current phase; the series moves with the lease).',
    labelNames: ['namespace', 'rollout', 'phase'] as const,
    registers: [this.registry],
  });
  readonly approvalWait = new Histogram({
    name: 'kuberik_approval_wait_seconds',
    help: 'From a version becoming pendingVersion until all its gates approved it (or it was deployed).',
    // 1 s … ~1 week: approvals are human, schedules can hold a version over a weekend.
    buckets: [1, 5, 15, 30, 60, 300, 900, 1800, 3600, 4 * 3600, 12 * 3600, 86400, 3 * 86400, 7 * 86400],
    registers: [this.registry],
  });
  readonly bakeOutcomes = new Counter({
    name: 'kuberik_bake_outcomes_total',
    help: 'Bakes that ended on rollouts this process drives, by result (Succeeded, Failed, Cancelled).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  readonly leasesHeld = new Gauge({
    name: 'kuberik_leases_held',
    help: 'Rollout Leases this process holds (rollouts it drives).',
    registers: [this.registry],
  });
  readonly rollouts = new Gauge({
    name: 'kuberik_rollouts',
    help: 'Rollouts in this controller scope, driven here or elsewhere.',
    registers: [this.registry],
  });
  readonly lifecycleEvents = new Counter({
    name: 'kuberik_lifecycle_events_total',
    help: 'Lifecycle Events recorded by this process, by reason (Deployed, BakeStarted, Approved, …).',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  private readonly approval = new ApprovalWaitTracker();
  private readonly bakes = new BakeOutcomeTracker();
  /** Last exported phase and whether we drive it, per rollout key. */
  private readonly seen = new Map<string, { phase?: string; driving: boolean; ns: string; name: string }>();
  private driving = 0;

  /**
   * `stats` is read at scrape time (the driver counts; we do not wrap its hot path).
   * `processMetrics: false` leaves out Node's heap/CPU/event-loop metrics.
   */
  constructor(opts: { stats?: () => DriverStats; processMetrics?: boolean } = {}) {
    const stats = opts.stats;
    let seenReconciles = 0;
    let seenRequests = 0;
    this.reconciles = new Counter({
      name: 'kuberik_reconciles_total',
      help: 'Reconciles of a rollout run by this process (observe, decide, and write when driving).',
      registers: [this.registry],
      collect() {
        const n = stats?.().reconciles ?? seenReconciles;
        if (n > seenReconciles) this.inc(n - seenReconciles);
        seenReconciles = n;
      },
    });
    this.apiRequests = new Counter({
      name: 'kuberik_api_requests_total',
      help: 'Requests this process sent to the Kubernetes API server.',
      registers: [this.registry],
      collect() {
        const n = stats?.().requests ?? seenRequests;
        if (n > seenRequests) this.inc(n - seenRequests);
        seenRequests = n;
      },
    });
    this.queueDepth = new Gauge({
      name: 'kuberik_queue_depth',
      help: 'Rollouts queued or running in the work queue.',
      registers: [this.registry],
      collect() {
        const depth = stats?.().queueDepth;
        if (depth !== undefined) this.set(depth);
      },
    });
    if (opts.processMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'kuberik_' });
  }

  /** Feeds one driver event; cheap (O(1) per event) so it can sit on the hot path. */
  onDriverEvent(ev: DriverEvent): void {
    switch (ev.type) {
      case 'snapshot':
        this.onSnapshot(ev.snapshot);
        break;
      case 'removed':
        this.onRemoved(keyOf(ev.key));
        break;
      case 'event':
        this.lifecycleEvents.inc({ reason: ev.event.reason });
        break;
      case 'error':
        this.reconcileErrors.inc({ kind: ev.error.kind });
        break;
    }
  }

  private onSnapshot(s: RolloutSnapshot): void {
    const key = keyOf(s.key);
    const prev = this.seen.get(key);
    const driving = s.lease.driving;
    const phase = s.rollout.status?.phase;
    if (!prev) this.rollouts.inc();
    if ((prev?.driving ?? false) !== driving) {
      this.driving += driving ? 1 : -1;
      this.leasesHeld.set(this.driving);
    }
    if (prev?.phase && prev.driving && (prev.phase !== phase || !driving)) {
      this.phase.remove({ namespace: s.key.namespace, rollout: s.key.name, phase: prev.phase });
    }
    if (driving && phase) this.phase.set({ namespace: s.key.namespace, rollout: s.key.name, phase }, 1);
    this.seen.set(key, { phase, driving, ns: s.key.namespace, name: s.key.name });

    if (driving) {
      const waited = this.approval.update(key, s.rollout.status, s.observedAt);
      if (waited !== undefined) this.approvalWait.observe(waited);
      for (const result of this.bakes.update(key, s.rollout.status?.history))
        this.bakeOutcomes.inc({ result });
    } else {
      // Another holder drives it now; its outcomes are counted there.
      this.approval.forget(key);
      this.bakes.forget(key);
    }
  }

  private onRemoved(key: string): void {
    const prev = this.seen.get(key);
    if (!prev) return;
    this.seen.delete(key);
    this.rollouts.dec();
    if (prev.driving) {
      this.driving -= 1;
      this.leasesHeld.set(this.driving);
      if (prev.phase) this.phase.remove({ namespace: prev.ns, rollout: prev.name, phase: prev.phase });
    }
    this.approval.forget(key);
    this.bakes.forget(key);
  }
}
