import type { Condition, KubeObject, LabelSelector, ObjectRef } from './meta.js';

export const GROUP = 'kuberik.com';
export const VERSION = 'v1alpha1';
export const API_VERSION = `${GROUP}/${VERSION}`;

export interface HealthCheckSelector {
  selector?: LabelSelector;
  namespaceSelector?: LabelSelector;
}

export interface RolloutSpec {
  releasesImagePolicy: ObjectRef;
  wantedVersion?: string;
  versionHistoryLimit?: number;
  bakeTime?: string;
  deployTimeout?: string;
  healthCheckSelector?: HealthCheckSelector;
}

export interface VersionInfo {
  tag: string;
  digest?: string;
}

export type BakeStatus = 'Deploying' | 'InProgress' | 'Succeeded' | 'Failed' | 'Cancelled';

export interface TriggeredBy {
  kind: 'User' | 'System';
  name: string;
}

export interface FailedHealthCheck {
  name: string;
  namespace: string;
  message?: string;
}

export interface DeploymentHistoryEntry {
  id: number;
  version: VersionInfo;
  timestamp: string;
  message?: string;
  triggeredBy?: TriggeredBy;
  bakeStatus?: BakeStatus;
  bakeStatusMessage?: string;
  bakeStartTime?: string;
  bakeEndTime?: string;
  failedHealthChecks?: FailedHealthCheck[];
  lastRetryTimestamp?: string;
}

export type GateKind = 'RolloutGate' | 'RolloutSchedule' | 'ClusterRolloutSchedule';
export type GateDecision = 'Approved' | 'Pending' | 'Denied';

/** One summary per gate or schedule that applies to the rollout, decided for pendingVersion. */
export interface RolloutGateSummary {
  name: string;
  /** Namespace of the gate or schedule; absent for ClusterRolloutSchedule. */
  namespace?: string;
  kind: GateKind;
  prettyName?: string;
  description?: string;
  decision: GateDecision;
  message: string;
  /** For schedules: when the decision next flips (RFC 3339). */
  nextChange?: string;
}

export type RolloutPhase =
  'Idle' | 'WaitingForGates' | 'Blocked' | 'Deploying' | 'Baking' | 'Succeeded' | 'Failed' | 'Rejected';

export interface RolloutStatus {
  currentVersion?: string;
  pendingVersion?: string;
  phase?: RolloutPhase;
  history?: DeploymentHistoryEntry[];
  availableReleases?: VersionInfo[];
  releaseCandidates?: VersionInfo[];
  gates?: RolloutGateSummary[];
  /** "<approved>/<total>" over `gates`, for the Gates printer column (a JSONPath cannot count). */
  gatesSummary?: string;
  rejectedVersions?: string[];
  conditions?: Condition[];
  observedGeneration?: number;
}

export type Rollout = KubeObject<RolloutSpec, RolloutStatus> & { spec: RolloutSpec };

/** Condition types on a Rollout. */
export const RolloutConditions = {
  Ready: 'Ready',
  ReleasesUpdated: 'ReleasesUpdated',
  GatesPassing: 'GatesPassing',
  DeploymentBlocked: 'DeploymentBlocked',
  BakeFailureDisabled: 'BakeFailureDisabled',
  /** Outcome of the last manual request (force-deploy, retry) that could not take effect (§10.10). */
  ManualRequest: 'ManualRequest',
} as const;
