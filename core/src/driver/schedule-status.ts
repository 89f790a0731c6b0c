// Writes the status of RolloutSchedules and ClusterRolloutSchedules (issue #10 point 7), computed
// by the engine (scheduleStatus). Only a driver that sees every rollout a schedule can match
// writes it, or MATCHING would be a partial count: a namespace driver (`controller -n`) writes its
// namespace's RolloutSchedules, an all-namespace driver (`controller -A`) those and the
// ClusterRolloutSchedules; `watch` (one rollout) and label-scoped drivers write none. Two such
// drivers compute the same values, so they never fight. A 403 stops that kind's writes (once said).
import { scheduleStatus } from '../engine/schedule-status.js';
import { type Kube, KubeError, Kinds } from '../kube/index.js';
import type { ClusterRolloutSchedule, RolloutSchedule, RolloutScheduleStatus } from '../model/index.js';
import type { Clock, DriverScope } from './api.js';
import type { Caches } from './caches.js';

type AnySchedule = RolloutSchedule | ClusterRolloutSchedule;

export class ScheduleStatusWriter {
  private running = false;
  private dirty = false;
  private stopped = false;
  private wake?: { cancel(): void };
  private readonly denied = new Set<string>();

  constructor(
    private readonly kube: Kube,
    private readonly caches: Caches,
    private readonly scope: DriverScope,
    private readonly clock: Clock,
    private readonly onError: (err: KubeError) => void,
  ) {}

  /** Does this driver's scope let it write schedule statuses at all? */
  static applies(scope: DriverScope): boolean {
    return !scope.name && !scope.labelSelector;
  }

  /** Something a schedule status depends on changed: recompute (coalesced). */
  poke(): void {
    if (this.stopped) return;
    if (this.running) {
      this.dirty = true;
      return;
    }
    this.running = true;
    void this.run().finally(() => {
      this.running = false;
      if (this.dirty && !this.stopped) {
        this.dirty = false;
        this.poke();
      }
    });
  }

  stop(): void {
    this.stopped = true;
    this.wake?.cancel();
  }

  private schedules(): AnySchedule[] {
    const ns = this.scope.namespace;
    const own = (this.caches.in(ns ?? '*')?.schedules.list() ?? []).filter(
      (s) => ns === undefined || s.metadata.namespace === ns,
    );
    return ns === undefined ? [...own, ...this.caches.clusterSchedules.list()] : own;
  }

  private async run(): Promise<void> {
    const now = this.clock.now();
    const rollouts = this.caches.rollouts.list();
    const namespaces = this.caches.namespaceInfos();
    let wakeAt: number | undefined;
    for (const s of this.schedules()) {
      if (this.stopped) return;
      if (this.denied.has(s.kind)) continue;
      const plan = scheduleStatus(s, rollouts, namespaces, now);
      const at = plan.wakeAt?.getTime();
      if (at !== undefined && (wakeAt === undefined || at < wakeAt)) wakeAt = at;
      if (plan.status) await this.write(s, plan.status);
    }
    this.wake?.cancel();
    if (wakeAt !== undefined && !this.stopped)
      this.wake = this.clock.setTimeout(() => this.poke(), Math.max(0, wakeAt - now.getTime()) + 1);
  }

  private async write(s: AnySchedule, status: RolloutScheduleStatus): Promise<void> {
    const kind = s.kind === 'ClusterRolloutSchedule' ? Kinds.ClusterRolloutSchedule : Kinds.RolloutSchedule;
    const patch: Record<string, unknown> = { ...status };
    if (status.nextTransition === undefined && s.status?.nextTransition !== undefined)
      patch.nextTransition = null;
    try {
      const written = await this.kube.mergePatch(
        kind as typeof Kinds.RolloutSchedule,
        s.metadata.namespace,
        s.metadata.name,
        { status: patch },
        { resourceVersion: s.metadata.resourceVersion, status: true },
      );
      if (written.kind === 'ClusterRolloutSchedule')
        this.caches.clusterSchedules.upsert(written as unknown as ClusterRolloutSchedule);
      else this.caches.in(s.metadata.namespace ?? '')?.schedules.upsert(written);
    } catch (e) {
      if (e instanceof KubeError && e.kind === 'Forbidden') {
        this.denied.add(s.kind);
        this.onError(new KubeError('Forbidden', `${s.kind} statuses are not written: ${e.message}`, e));
      } else if (e instanceof KubeError && e.kind === 'Conflict') {
        this.dirty = true; // the watch brings the fresh copy; recompute then
      } else if (e instanceof KubeError && e.kind !== 'NotFound') {
        this.onError(e);
      }
    }
  }
}
