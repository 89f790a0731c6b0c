// Hand-built snapshots for formatter and component tests: one function per story state.
import type {
  DeploymentHistoryEntry,
  HealthCheck,
  Rollout,
  RolloutGate,
  RolloutGateSummary,
} from '@kuberik/core/model';
import type { SnapshotLike } from '../format/snapshot.js';

export const NOW = new Date('2026-11-27T12:03:41Z');
export const ago = (ms: number): string =>
  new Date(NOW.getTime() - ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
export const later = (ms: number): string =>
  new Date(NOW.getTime() + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
export const MIN = 60_000;
export const HOUR = 60 * MIN;

export function entry(
  p: Partial<DeploymentHistoryEntry> & { id: number; tag: string },
): DeploymentHistoryEntry {
  const { tag, ...rest } = p;
  return { timestamp: ago(2 * HOUR), version: { tag }, bakeStatus: 'Succeeded', ...rest };
}

export function gate(name: string, spec: Partial<RolloutGate['spec']> = {}, pretty?: string): RolloutGate {
  return {
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'RolloutGate',
    metadata: {
      name,
      namespace: 'default',
      annotations: pretty ? { 'gate.kuberik.com/pretty-name': pretty } : {},
    },
    spec: { rolloutRef: { name: 'my-app' }, ...spec },
  };
}

export function healthCheck(
  name: string,
  status: 'Healthy' | 'Unhealthy' | 'Pending',
  message?: string,
): HealthCheck {
  return {
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'HealthCheck',
    metadata: { name, namespace: 'default' },
    spec: { class: 'kustomization' },
    status: { status, message },
  };
}

const approvalGate: RolloutGateSummary = {
  name: 'production-approval',
  kind: 'RolloutGate',
  prettyName: 'Production approval',
  decision: 'Pending',
  message: 'awaiting approval',
};
const businessHours: RolloutGateSummary = {
  name: 'business-hours',
  kind: 'RolloutSchedule',
  prettyName: 'Business hours',
  decision: 'Approved',
  message: 'schedule is active',
  nextChange: later(5 * HOUR),
};

export interface StoryOptions {
  phase?: NonNullable<Rollout['status']>['phase'];
  pending?: string;
  history?: DeploymentHistoryEntry[];
  gates?: RolloutGateSummary[];
  gateObjects?: RolloutGate[];
  health?: HealthCheck[];
  driving?: boolean;
  holder?: string;
  wanted?: string;
  rejected?: string[];
  releases?: string[];
  conditions?: NonNullable<Rollout['status']>['conditions'];
}

/** my-app with v1.2.0 live; by default v1.3.0 waits for the approval gate. */
export function story(o: StoryOptions = {}): SnapshotLike {
  const history = o.history ?? [
    entry({
      id: 12,
      tag: 'v1.2.0',
      bakeStartTime: ago(2 * HOUR),
      bakeEndTime: ago(2 * HOUR - 15 * MIN),
      triggeredBy: { kind: 'User', name: 'alice' },
    }),
    entry({
      id: 11,
      tag: 'v1.1.9',
      timestamp: ago(72 * HOUR),
      bakeStatus: 'Failed',
      failedHealthChecks: [{ name: 'payments-slo', namespace: 'default', message: 'error rate 4%' }],
    }),
  ];
  const rollout: Rollout = {
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'Rollout',
    metadata: { name: 'my-app', namespace: 'default', creationTimestamp: ago(72 * HOUR) },
    spec: { releasesImagePolicy: { name: 'my-app' }, bakeTime: '15m', wantedVersion: o.wanted },
    status: {
      phase: o.phase ?? 'WaitingForGates',
      currentVersion: history[0]?.version.tag,
      pendingVersion: 'pending' in o ? o.pending : 'v1.3.0',
      history,
      availableReleases: (o.releases ?? ['v1.1.9', 'v1.2.0', 'v1.3.0']).map((tag) => ({ tag })),
      gates: o.gates ?? [businessHours, approvalGate],
      rejectedVersions: o.rejected,
      conditions: o.conditions,
    },
  };
  return {
    key: { namespace: 'default', name: 'my-app' },
    rollout,
    gates: o.gateObjects ?? [gate('production-approval', {}, 'Production approval')],
    healthChecks: o.health ?? [
      healthCheck('my-app-kustomization', 'Healthy'),
      healthCheck('payments-slo', 'Pending'),
    ],
    lease: {
      driving: o.driving ?? true,
      holder: o.holder ?? (o.driving === false ? undefined : 'me@laptop 42'),
    },
  };
}

/** v1.3.0 deployed and half-way through a 15m bake. */
export function bakingStory(): SnapshotLike {
  return story({
    phase: 'Baking',
    pending: undefined,
    gates: [{ ...approvalGate, decision: 'Approved', message: 'approved' }, businessHours],
    history: [
      entry({
        id: 13,
        tag: 'v1.3.0',
        timestamp: ago(9 * MIN),
        bakeStatus: 'InProgress',
        bakeStartTime: ago(7 * MIN + 12_000),
      }),
      entry({ id: 12, tag: 'v1.2.0', bakeStartTime: ago(2 * HOUR), bakeEndTime: ago(2 * HOUR - 15 * MIN) }),
    ],
    health: [healthCheck('my-app-kustomization', 'Healthy'), healthCheck('payments-slo', 'Healthy')],
  });
}
