// One fully populated object of every kind, typed with the model's interfaces: a field added to a
// type must be added here (or the optional-field coverage test in schema.test.ts fails).
import type { ImagePolicy, Kustomization } from '../flux.js';
import type { ClusterRolloutSchedule, RolloutGate, RolloutSchedule } from '../gate.js';
import type { HealthCheck } from '../healthcheck.js';
import type { Rollout } from '../rollout.js';

const T = '2026-11-27T10:00:00Z';
const meta = (name: string, namespace?: string) => ({ name, ...(namespace ? { namespace } : {}) });

export const sampleRollout = (): Rollout => ({
  apiVersion: 'kuberik.com/v1alpha1',
  kind: 'Rollout',
  metadata: meta('my-app', 'prod'),
  spec: {
    releasesImagePolicy: { name: 'my-app', namespace: 'flux-system' },
    wantedVersion: 'v1.1.0',
    versionHistoryLimit: 5,
    bakeTime: '1h30m',
    deployTimeout: '0.5h',
    healthCheckSelector: {
      selector: {
        matchLabels: { app: 'my-app' },
        matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }],
      },
      namespaceSelector: { matchExpressions: [{ key: 'env', operator: 'Exists' }] },
    },
  },
  status: {
    currentVersion: 'v1.2.0',
    pendingVersion: 'v1.3.0',
    phase: 'WaitingForGates',
    history: [
      {
        id: 2,
        version: { tag: 'v1.2.0', digest: 'sha256:abc' },
        timestamp: T,
        message: 'Deployed v1.2.0',
        triggeredBy: { kind: 'System', name: 'kuberik' },
        bakeStatus: 'Failed',
        bakeStatusMessage: 'HealthCheck web is unhealthy',
        bakeStartTime: T,
        bakeEndTime: T,
        failedHealthChecks: [{ name: 'web', namespace: 'prod', message: 'Ready=False' }],
        lastRetryTimestamp: T,
        approvedBy: [{ gate: 'production-approval', user: 'alice', time: T, message: 'QA signed off' }],
      },
    ],
    availableReleases: [{ tag: 'v1.2.0', digest: 'sha256:abc' }, { tag: 'v1.3.0' }],
    releaseCandidates: [{ tag: 'v1.3.0', digest: 'sha256:def' }],
    gates: [
      {
        name: 'production-approval',
        namespace: 'prod',
        kind: 'RolloutGate',
        prettyName: 'Production approval',
        description: 'A human looks first',
        decision: 'Approved',
        message: 'v1.3.0 approved',
        decidedBy: { user: 'alice', time: T, message: 'QA signed off' },
      },
      {
        name: 'office-hours',
        kind: 'ClusterRolloutSchedule',
        decision: 'Pending',
        message: 'closed until 09:00',
        nextChange: T,
      },
    ],
    gatesSummary: '1/2',
    rejectedVersions: ['v1.0.1'],
    conditions: [
      { type: 'Ready', status: 'True', reason: 'WaitingForGates', message: '', lastTransitionTime: T },
      {
        type: 'GatesPassing',
        status: 'False',
        reason: 'SomeGatesBlocking',
        message: '1/2',
        lastTransitionTime: T,
        observedGeneration: 3,
      },
    ],
    observedGeneration: 3,
  },
});

/**
 * A Rollout as the upstream Go controller writes it (reference §1.2): history entries without id,
 * gate summaries without kind/decision (allowedVersions null when the gate has none), OCI metadata.
 */
export const sampleUpstreamRollout = (): Record<string, unknown> => ({
  apiVersion: 'kuberik.com/v1alpha1',
  kind: 'Rollout',
  metadata: meta('my-app', 'prod'),
  spec: {
    releasesImagePolicy: { name: 'my-app' },
    versionHistoryLimit: 10,
    availableReleasesRetentionDays: 7,
    availableReleasesMinCount: 30,
    bakeTime: '10m',
  },
  status: {
    history: [
      {
        version: { tag: 'v1.2.0', version: '1.2.0', revision: 'abc123', created: T },
        timestamp: T,
        message: 'Automatic deployment, with gate bypass',
        triggeredBy: { kind: 'System', name: 'rollout-controller' },
        bakeStatus: 'Succeeded',
      },
    ],
    availableReleases: [
      { tag: 'v1.2.0', digest: 'sha256:abc', version: '1.2.0', revision: 'abc123', created: T },
    ],
    releaseCandidates: [{ tag: 'v1.3.0', version: '1.3.0', revision: 'def456', created: T }],
    gatedReleaseCandidates: [{ tag: 'v1.2.0' }],
    gates: [
      {
        name: 'approval',
        passing: true,
        allowedVersions: ['v1.2.0'],
        message: 'Gate is passing',
        bypassGates: false,
      },
      { name: 'closed', passing: false, allowedVersions: null, message: 'Gate is not passing' },
    ],
    artifactType: 'application/vnd.oci.image.manifest.v1+json',
    source: 'https://github.com/org/my-app',
    title: 'my-app',
    description: 'My app',
    conditions: [
      {
        type: 'GatesPassing',
        status: 'True',
        reason: 'GatesBypassed',
        message: 'Gates bypassed for version v1.2.0',
        lastTransitionTime: T,
      },
    ],
  },
});

export const sampleGate = (): RolloutGate => ({
  apiVersion: 'kuberik.com/v1alpha1',
  kind: 'RolloutGate',
  metadata: meta('production-approval', 'prod'),
  spec: {
    rolloutRef: { name: 'my-app' },
    passing: true,
    allowedVersions: ['v1.3.0'],
    deniedVersions: ['v1.0.1'],
  },
  status: {
    decisions: [{ verdict: 'Approved', version: 'v1.3.0', user: 'alice', time: T, message: 'QA signed off' }],
  },
});

export const sampleHealthCheck = (): HealthCheck => ({
  apiVersion: 'kuberik.com/v1alpha1',
  kind: 'HealthCheck',
  metadata: meta('web', 'prod'),
  spec: { class: 'kustomization' },
  status: { status: 'Unhealthy', message: 'Ready=False', lastChangeTime: T, lastErrorTime: T },
});

const scheduleSpec = () => ({
  rolloutSelector: { matchLabels: { tier: 'web' } },
  rules: [
    {
      name: 'office-hours',
      timeRange: { start: '22:00', end: '06:00' },
      daysOfWeek: ['Monday' as const, 'Sunday' as const],
      dateRange: { start: '2026-12-24', end: '2026-12-26' },
    },
  ],
  timezone: 'Europe/Ljubljana',
  action: 'Allow' as const,
});
const scheduleStatus = {
  active: true,
  activeRules: ['office-hours'],
  nextTransition: T,
  matchingRollouts: 2,
  managedGates: ['office-hours-my-app'],
  conditions: [
    {
      type: 'Ready',
      status: 'True' as const,
      reason: 'Synced',
      message: '',
      lastTransitionTime: T,
      observedGeneration: 1,
    },
  ],
};

export const sampleSchedule = (): RolloutSchedule => ({
  apiVersion: 'kuberik.com/v1alpha1',
  kind: 'RolloutSchedule',
  metadata: meta('office-hours', 'prod'),
  spec: scheduleSpec(),
  status: scheduleStatus,
});

export const sampleClusterSchedule = (): ClusterRolloutSchedule => ({
  apiVersion: 'kuberik.com/v1alpha1',
  kind: 'ClusterRolloutSchedule',
  metadata: meta('freeze'),
  spec: { ...scheduleSpec(), namespaceSelector: { matchLabels: { env: 'prod' } } },
  status: scheduleStatus,
});

export const sampleImagePolicy = (): ImagePolicy => ({
  apiVersion: 'image.toolkit.fluxcd.io/v1',
  kind: 'ImagePolicy',
  metadata: meta('my-app', 'flux-system'),
  spec: { imageRepositoryRef: { name: 'my-app' }, policy: { semver: { range: '>=1.0.0' } } },
  status: {
    latestRef: { name: 'ghcr.io/org/my-app', tag: 'v1.3.0', digest: 'sha256:abc' },
    latestImage: 'ghcr.io/org/my-app:v1.3.0',
    observedGeneration: 1,
    conditions: [
      { type: 'Ready', status: 'True', reason: 'Succeeded', message: 'ok', lastTransitionTime: T },
    ],
  },
});

export const sampleKustomization = (): Kustomization => ({
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  metadata: meta('my-app', 'prod'),
  spec: {
    interval: '5m',
    path: './deploy',
    prune: true,
    sourceRef: { kind: 'GitRepository', name: 'repo' },
    postBuild: { substitute: { APP_VERSION: 'v1.2.0' } },
  },
  status: {
    observedGeneration: 2,
    lastAppliedRevision: 'main@sha1:abc',
    conditions: [
      {
        type: 'Ready',
        status: 'True',
        reason: 'ReconciliationSucceeded',
        message: 'Applied',
        lastTransitionTime: T,
      },
    ],
  },
});
