import type { Condition, KubeObject, LabelSelector } from './meta.js';

export interface RolloutGateSpec {
  rolloutRef: { name: string };
  passing?: boolean;
  allowedVersions?: string[];
  deniedVersions?: string[];
}

export type RolloutGate = KubeObject<RolloutGateSpec, Record<string, never>> & { spec: RolloutGateSpec };

export type Weekday = 'Monday' | 'Tuesday' | 'Wednesday' | 'Thursday' | 'Friday' | 'Saturday' | 'Sunday';

export interface ScheduleRule {
  name?: string;
  timeRange?: { start: string; end: string };
  daysOfWeek?: Weekday[];
  dateRange?: { start: string; end: string };
}

export interface RolloutScheduleSpec {
  rolloutSelector: LabelSelector;
  rules: ScheduleRule[];
  timezone?: string;
  action?: 'Allow' | 'Deny';
}

export interface ClusterRolloutScheduleSpec extends RolloutScheduleSpec {
  namespaceSelector?: LabelSelector;
}

export interface RolloutScheduleStatus {
  active?: boolean;
  activeRules?: string[];
  nextTransition?: string;
  matchingRollouts?: number;
  /** Upstream: the gates it generated (we generate none); accepted so existing objects load. */
  managedGates?: string[];
  /** Upstream declares it and never writes it. */
  conditions?: Condition[];
}

export type RolloutSchedule = KubeObject<RolloutScheduleSpec, RolloutScheduleStatus> & {
  spec: RolloutScheduleSpec;
};
export type ClusterRolloutSchedule = KubeObject<ClusterRolloutScheduleSpec, RolloutScheduleStatus> & {
  spec: ClusterRolloutScheduleSpec;
};
