// Issue #10 point 7: the status of a (Cluster)RolloutSchedule — active, activeRules,
// nextTransition, matchingRollouts — so `kubectl get` fills its ACTIVE and MATCHING columns.
// Pure: the driver gives the schedule, the rollouts it can see and namespace labels.
import type {
  ClusterRolloutSchedule,
  Rollout,
  RolloutSchedule,
  RolloutScheduleStatus,
} from '../model/index.js';
import type { NamespaceInfo } from './plan.js';
import { evaluateSchedule } from './schedule.js';
import { matchesLabelSelector } from './selectors.js';
import { formatRfc3339 } from './time.js';

export interface ScheduleStatusPlan {
  /** The status to write, or undefined when it already says this. */
  status?: RolloutScheduleStatus;
  /** When the answer changes by itself (the next transition). */
  wakeAt?: Date;
}

type AnySchedule = RolloutSchedule | ClusterRolloutSchedule;

/** Rollouts the schedule applies to (the same matching rule the gates use, gates.ts). */
export function scheduleMatches(
  schedule: AnySchedule,
  rollouts: Rollout[],
  namespaces: NamespaceInfo[],
): number {
  const cluster = schedule.kind === 'ClusterRolloutSchedule';
  const nsLabels = new Map(namespaces.map((n) => [n.name, n.labels]));
  return rollouts.filter((r) => {
    const ns = r.metadata.namespace ?? 'default';
    if (!cluster && ns !== (schedule.metadata.namespace ?? ns)) return false;
    const nsSelector = cluster ? (schedule as ClusterRolloutSchedule).spec?.namespaceSelector : undefined;
    if (nsSelector && !matchesLabelSelector(nsSelector, nsLabels.get(ns) ?? {}).matches) return false;
    return matchesLabelSelector(schedule.spec?.rolloutSelector, r.metadata.labels ?? {}).matches;
  }).length;
}

export function scheduleStatus(
  schedule: AnySchedule,
  rollouts: Rollout[],
  namespaces: NamespaceInfo[],
  now: Date,
): ScheduleStatusPlan {
  const ev = evaluateSchedule({ rules: schedule.spec?.rules ?? [], timezone: schedule.spec?.timezone }, now);
  const next: RolloutScheduleStatus = {
    active: ev.active,
    activeRules: ev.activeRules,
    ...(ev.nextChange ? { nextTransition: formatRfc3339(ev.nextChange) } : {}),
    matchingRollouts: scheduleMatches(schedule, rollouts, namespaces),
  };
  const old = schedule.status ?? {};
  const same =
    old.active === next.active &&
    JSON.stringify(old.activeRules ?? []) === JSON.stringify(next.activeRules) &&
    old.nextTransition === next.nextTransition &&
    old.matchingRollouts === next.matchingRollouts;
  return { ...(same ? {} : { status: next }), ...(ev.nextChange ? { wakeAt: ev.nextChange } : {}) };
}
