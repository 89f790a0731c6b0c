import type { Condition, KubeObject, LabelSelector } from './meta.js';

export interface RolloutGateSpec {
  rolloutRef: { name: string };
  passing?: boolean;
  allowedVersions?: string[];
  deniedVersions?: string[];
}

/**
 * One approve/deny made by a tool of ours, recorded on the gate's status (spec §10.5): who (the
 * identity the action used), when (RFC 3339, whole seconds), why (the -m reason), which version.
 */
export interface GateDecisionRecord {
  verdict: 'Approved' | 'Denied';
  version: string;
  user: string;
  time: string;
  message?: string;
}

/** Upstream writes nothing here; ours holds the decision record, newest first. */
export interface RolloutGateStatus {
  decisions?: GateDecisionRecord[];
}

/** At most this many records per gate; the oldest drop off. */
export const GATE_DECISIONS_LIMIT = 20;

export type RolloutGate = KubeObject<RolloutGateSpec, RolloutGateStatus> & { spec: RolloutGateSpec };

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
