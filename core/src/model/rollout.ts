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
  /** Upstream release pruning (OCI metadata); accepted so existing objects load, not used. */
  availableReleasesRetentionDays?: number;
  /** Upstream release pruning (OCI metadata); accepted so existing objects load, not used. */
  availableReleasesMinCount?: number;
}

export interface VersionInfo {
  tag: string;
  digest?: string;
  /** OCI annotations the upstream controller records; kept, not read. */
  version?: string;
  revision?: string;
  created?: string;
}

export type BakeStatus = 'Deploying' | 'InProgress' | 'Succeeded' | 'Failed' | 'Cancelled';

export interface TriggeredBy {
  /**
   * `User`: a person our tools named (deploy-user) or `unknown`; `System`: the driver decided;
   * `FieldManager`: another client changed the field, named by its field manager (spec §10.5).
   */
  kind: 'User' | 'System' | 'FieldManager';
  name: string;
}

export interface FailedHealthCheck {
  name: string;
  namespace: string;
  message?: string;
}

/** Who approved a version on one RolloutGate, copied from the gate's status.decisions. */
export interface GateApproval {
  gate: string;
  user: string;
  time: string;
  message?: string;
}

export interface DeploymentHistoryEntry {
  /** Absent on entries the upstream controller wrote before it had ids; new entries always get one. */
  id?: number;
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
  /** Who approved this version on the rollout's gates, as recorded there when it was deployed. */
  approvedBy?: GateApproval[];
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
  /** True while rollout.kuberik.com/bypass-gates sets this gate aside (upstream field). */
  bypassGates?: boolean;
  /** RolloutGate only: who gave `decision` for pendingVersion, when a tool of ours recorded it. */
  decidedBy?: DecidedBy;
}

/** The recorded approve/deny behind a gate summary's decision. */
export interface DecidedBy {
  user: string;
  time: string;
  message?: string;
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

/**
 * What the server accepts in status besides ours: fields the upstream controller writes, so an
 * installation switches in place (issue 10 point 8). The engine keeps them as they are.
 */
export interface UpstreamRolloutStatus {
  gatedReleaseCandidates?: VersionInfo[];
  artifactType?: string;
  source?: string;
  title?: string;
  description?: string;
}

/** A gate summary as stored: ours, or the upstream controller's (no kind or decision). */
export type StoredGateSummary = Omit<RolloutGateSummary, 'kind' | 'decision' | 'message'> &
  Partial<Pick<RolloutGateSummary, 'kind' | 'decision' | 'message'>> & {
    /** Upstream: copy of the gate's spec.passing. */
    passing?: boolean;
    /** Upstream: copy of the gate's allowedVersions (written as null when absent). */
    allowedVersions?: string[] | null;
  };

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
  /** False while a kustomization-class check's Kustomization neither waits nor lists healthChecks. */
  WorkloadHealthCovered: 'WorkloadHealthCovered',
} as const;
