// Builders for the objects an engine test observes. Defaults describe one rollout `app` in `prod`.
import type {
  ClusterRolloutSchedule,
  Condition,
  HealthCheck,
  HealthCheckStatus,
  ImagePolicy,
  Kustomization,
  Rollout,
  RolloutGate,
  RolloutGateSpec,
  RolloutSchedule,
  RolloutScheduleSpec,
  ClusterRolloutScheduleSpec,
  RolloutSpec,
  RolloutStatus,
} from '../../model/index.js';
import type { Observed } from '../plan.js';

export const NS = 'prod';

export function rollout(
  spec: Partial<RolloutSpec> = {},
  opts: {
    status?: RolloutStatus;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
    name?: string;
  } = {},
): Rollout {
  return {
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'Rollout',
    metadata: {
      name: opts.name ?? 'app',
      namespace: NS,
      generation: 1,
      resourceVersion: '1',
      ...(opts.labels ? { labels: opts.labels } : {}),
      ...(opts.annotations ? { annotations: opts.annotations } : {}),
    },
    spec: { releasesImagePolicy: { name: 'app' }, ...spec },
    ...(opts.status ? { status: opts.status } : {}),
  };
}

export function imagePolicy(tag?: string, digest?: string): ImagePolicy {
  return {
    apiVersion: 'image.toolkit.fluxcd.io/v1',
    kind: 'ImagePolicy',
    metadata: { name: 'app', namespace: NS },
    status: tag ? { latestRef: { name: 'ghcr.io/acme/app', tag, ...(digest ? { digest } : {}) } } : {},
  };
}

export function kustomization(
  name = 'app',
  opts: {
    namespace?: string;
    annotations?: Record<string, string>;
    substitute?: Record<string, string>;
    ready?: Partial<Condition> & { status: Condition['status'] };
    generation?: number;
    observedGeneration?: number;
  } = {},
): Kustomization {
  const generation = opts.generation ?? 1;
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: {
      name,
      namespace: opts.namespace ?? NS,
      generation,
      resourceVersion: '1',
      annotations: opts.annotations ?? { 'rollout.kuberik.com/substitute.APP_VERSION.from': 'app' },
    },
    spec: {
      interval: '1m',
      path: './deploy',
      ...(opts.substitute ? { postBuild: { substitute: opts.substitute } } : {}),
    },
    status: {
      observedGeneration: opts.observedGeneration ?? generation,
      conditions: [
        {
          type: 'Ready',
          reason: 'ReconciliationSucceeded',
          message: 'Applied revision: main@sha1:abc',
          lastTransitionTime: '2026-01-01T00:00:00Z',
          ...(opts.ready ?? { status: 'True' }),
        } as Condition,
      ],
    },
  };
}

export function healthCheck(
  name: string,
  opts: {
    labels?: Record<string, string>;
    namespace?: string;
    status?: HealthCheckStatus;
    kustomization?: string;
    class?: string;
  } = {},
): HealthCheck {
  return {
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'HealthCheck',
    metadata: {
      name,
      namespace: opts.namespace ?? NS,
      resourceVersion: '1',
      labels: opts.labels ?? { app: 'app' },
      ...(opts.kustomization
        ? { annotations: { 'healthcheck.kuberik.com/kustomization': opts.kustomization } }
        : {}),
    },
    spec: {
      ...((opts.class ?? (opts.kustomization ? 'kustomization' : undefined))
        ? { class: opts.class ?? 'kustomization' }
        : {}),
    },
    ...(opts.status ? { status: opts.status } : {}),
  };
}

export function gate(
  name: string,
  spec: Partial<RolloutGateSpec> = {},
  annotations?: Record<string, string>,
): RolloutGate {
  return {
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'RolloutGate',
    metadata: { name, namespace: NS, ...(annotations ? { annotations } : {}) },
    spec: { rolloutRef: { name: 'app' }, ...spec },
  };
}

export function schedule(name: string, spec: Partial<RolloutScheduleSpec>, namespace = NS): RolloutSchedule {
  return {
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'RolloutSchedule',
    metadata: { name, namespace },
    spec: { rolloutSelector: {}, rules: [], ...spec },
  };
}

export function clusterSchedule(
  name: string,
  spec: Partial<ClusterRolloutScheduleSpec>,
): ClusterRolloutSchedule {
  return {
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'ClusterRolloutSchedule',
    metadata: { name },
    spec: { rolloutSelector: {}, rules: [], ...spec },
  };
}

/**
 * A world with one rollout, its ImagePolicy and one annotated Kustomization, unless overridden.
 * The default Kustomization runs what the rollout's history[0] records (a consistent world: the
 * engine re-patches a recorded deploy that did not land).
 */
export function observed(parts: Partial<Observed> = {}): Observed {
  const running = (parts.rollout ?? rollout()).status?.history?.[0]?.version.tag;
  return {
    rollout: rollout(),
    imagePolicy: imagePolicy('v1.0.0'),
    gates: [],
    schedules: [],
    clusterSchedules: [],
    healthChecks: [],
    kustomizations: [kustomization('app', running ? { substitute: { APP_VERSION: running } } : {})],
    namespaces: [{ name: NS, labels: { 'kubernetes.io/metadata.name': NS } }],
    ...parts,
  };
}
