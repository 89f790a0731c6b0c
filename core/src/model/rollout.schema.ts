// OpenAPI schema of Rollout (spec §2.1), checked against the types in rollout.ts.
import { conditionsSchema, labelSelectorSchema, objectRefSchema } from './meta.schema.js';
import {
  arrayOf,
  bool,
  dateTime,
  duration,
  enumOf,
  int,
  objectOf,
  str,
  type JSONSchemaProps,
} from './openapi.js';
import type {
  BakeStatus,
  DecidedBy,
  DeploymentHistoryEntry,
  FailedHealthCheck,
  GateApproval,
  GateDecision,
  GateKind,
  HealthCheckSelector,
  RolloutPhase,
  RolloutSpec,
  RolloutStatus,
  StoredGateSummary,
  TriggeredBy,
  UpstreamRolloutStatus,
  VersionInfo,
} from './rollout.js';

const versionInfo = objectOf<VersionInfo>()(
  {
    tag: str({ minLength: 1, description: 'Image tag.' }),
    digest: str({ description: 'Image digest, from the ImagePolicy when known.' }),
    version: str({ description: 'OCI version annotation (written by the upstream controller).' }),
    revision: str({ description: 'OCI revision annotation (written by the upstream controller).' }),
    created: dateTime('OCI created annotation (written by the upstream controller).'),
  },
  ['tag'],
);

export const rolloutSpecSchema = objectOf<RolloutSpec>()(
  {
    releasesImagePolicy: objectRefSchema('The Flux ImagePolicy whose latest tag is a new release.'),
    wantedVersion: str({ description: 'A pin: deploy exactly this tag, ignore gates, never auto-advance.' }),
    versionHistoryLimit: int({
      format: 'int32',
      minimum: 1,
      default: 10,
      description: 'History entries kept.',
    }),
    bakeTime: duration('How long health must hold after it first becomes healthy (Go duration).'),
    deployTimeout: duration('How long health may take to first become healthy (Go duration).'),
    healthCheckSelector: objectOf<HealthCheckSelector>()(
      {
        selector: labelSelectorSchema('HealthChecks to watch; absent selects none, {} selects all.'),
        namespaceSelector: labelSelectorSchema(
          "Namespaces searched for HealthChecks; absent means the rollout's own namespace.",
        ),
      },
      [],
      { description: 'Which HealthChecks verify a deployment.' },
    ),
    availableReleasesRetentionDays: int({
      format: 'int32',
      minimum: 1,
      description: 'Upstream field, accepted and not used (releases are never pruned).',
    }),
    availableReleasesMinCount: int({
      format: 'int32',
      minimum: 1,
      description: 'Upstream field, accepted and not used (releases are never pruned).',
    }),
  },
  ['releasesImagePolicy'],
);

const historyEntry = objectOf<DeploymentHistoryEntry>()(
  {
    id: int({ format: 'int64', description: 'Absent on entries written by the upstream controller.' }),
    version: versionInfo,
    timestamp: dateTime('When the version was deployed.'),
    message: str(),
    triggeredBy: objectOf<TriggeredBy>()(
      { kind: enumOf<TriggeredBy['kind']>()(['User', 'System', 'FieldManager']), name: str() },
      ['kind', 'name'],
    ),
    bakeStatus: enumOf<BakeStatus>()(['Deploying', 'InProgress', 'Succeeded', 'Failed', 'Cancelled']),
    bakeStatusMessage: str(),
    bakeStartTime: dateTime(),
    bakeEndTime: dateTime(),
    failedHealthChecks: arrayOf(
      objectOf<FailedHealthCheck>()({ name: str(), namespace: str(), message: str() }, ['name', 'namespace']),
    ),
    lastRetryTimestamp: dateTime('Set by a retry; health errors before it no longer count.'),
    approvedBy: arrayOf(
      objectOf<GateApproval>()({ gate: str(), user: str(), time: dateTime(), message: str() }, [
        'gate',
        'user',
        'time',
      ]),
      { description: "Who approved this version on the rollout's gates (their status.decisions)." },
    ),
  },
  ['version', 'timestamp'],
);

// kind, decision and message are ours; the upstream controller writes name, passing,
// allowedVersions, message and bypassGates. Both shapes are accepted.
const gateSummary = objectOf<StoredGateSummary>()(
  {
    name: str(),
    namespace: str({ description: 'Absent for ClusterRolloutSchedule.' }),
    kind: enumOf<GateKind>()(['RolloutGate', 'RolloutSchedule', 'ClusterRolloutSchedule']),
    prettyName: str(),
    description: str(),
    decision: enumOf<GateDecision>()(['Approved', 'Pending', 'Denied']),
    message: str(),
    nextChange: dateTime('For schedules: when the decision next flips.'),
    bypassGates: bool({ description: 'True while rollout.kuberik.com/bypass-gates sets the gate aside.' }),
    decidedBy: objectOf<DecidedBy>()({ user: str(), time: dateTime(), message: str() }, ['user', 'time'], {
      description: 'Who approved or denied pendingVersion on this RolloutGate (its status.decisions).',
    }),
    passing: bool({ description: "Upstream: the gate's spec.passing." }),
    allowedVersions: arrayOf(str(), { nullable: true, description: "Upstream: the gate's allowedVersions." }),
  },
  ['name'],
);

const upstreamStatus = objectOf<UpstreamRolloutStatus>()(
  {
    gatedReleaseCandidates: arrayOf(versionInfo, { description: 'Upstream field, kept as written.' }),
    artifactType: str({ description: 'Upstream OCI metadata, kept as written.' }),
    source: str({ description: 'Upstream OCI metadata, kept as written.' }),
    title: str({ description: 'Upstream OCI metadata, kept as written.' }),
    description: str({ description: 'Upstream OCI metadata, kept as written.' }),
  },
  [],
);

export const rolloutStatusSchema = objectOf<RolloutStatus>()(
  {
    currentVersion: str({ description: 'The tag deployed now (history[0]).' }),
    pendingVersion: str({ description: 'The tag that will be deployed next; absent when nothing waits.' }),
    phase: enumOf<RolloutPhase>()([
      'Idle',
      'WaitingForGates',
      'Blocked',
      'Deploying',
      'Baking',
      'Succeeded',
      'Failed',
      'Rejected',
    ]),
    history: arrayOf(historyEntry, { description: 'Newest first, at most versionHistoryLimit entries.' }),
    availableReleases: arrayOf(versionInfo, { description: 'Every release seen, in discovery order.' }),
    releaseCandidates: arrayOf(versionInfo, { description: 'Releases after currentVersion, newest first.' }),
    gates: arrayOf(gateSummary, {
      description: 'One summary per gate or schedule, decided for pendingVersion.',
    }),
    gatesSummary: str({ description: '"<approved>/<total>" over gates, for the Gates printer column.' }),
    rejectedVersions: arrayOf(str()),
    conditions: conditionsSchema,
    observedGeneration: int({ format: 'int64' }),
    ...upstreamStatus.properties,
  },
  [],
);

export const rolloutSchema: JSONSchemaProps = {
  type: 'object',
  description: 'Rollout delivers the releases of one Flux ImagePolicy through gates and a bake.',
  properties: {
    apiVersion: str(),
    kind: str(),
    metadata: { type: 'object' },
    spec: rolloutSpecSchema,
    status: rolloutStatusSchema,
  },
  required: ['spec'],
};
