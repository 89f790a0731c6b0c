import type { AccessProblem } from './access.js';
import type {
  ClusterRolloutSchedule,
  HealthCheck,
  HealthCheckStatus,
  ImagePolicy,
  Kustomization,
  KubeObject,
  OCIRepository,
  Rollout,
  RolloutGate,
  RolloutSchedule,
  RolloutStatus,
} from '../model/index.js';

/** Namespaces are observed only for their labels (namespace selectors). */
export type NamespaceInfo = { name: string; labels: Record<string, string> };

/**
 * Everything the engine may look at for one rollout. The driver gathers it from informers;
 * tests build it by hand. Lists hold only objects relevant to this rollout's namespace(s),
 * but the engine still filters (by rolloutRef, selectors, annotations) itself.
 */
export interface Observed {
  rollout: Rollout;
  /** Absent when the ImagePolicy does not exist. */
  imagePolicy?: ImagePolicy;
  gates: RolloutGate[];
  schedules: RolloutSchedule[];
  clusterSchedules: ClusterRolloutSchedule[];
  healthChecks: HealthCheck[];
  kustomizations: Kustomization[];
  /** OCIRepositories of the rollout's namespace (deploy targets when annotated for it). */
  ociRepositories?: OCIRepository[];
  namespaces: NamespaceInfo[];
  /** Reads RBAC refused the driver (spec §10.6); non-empty means no automatic deploy. */
  unreadable?: AccessProblem[];
  /**
   * The driver's identity. Never credited for someone else's change (spec §10.5): manual deploys
   * are credited from the deploy-user annotation or managedFields (attribution.ts).
   */
  actor?: string;
}

export interface ObjectKey {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** A JSON merge patch (RFC 7386) against one object, guarded by the resourceVersion we decided on. */
export interface ObjectPatch {
  target: ObjectKey & { resourceVersion?: string };
  patch: Record<string, unknown>;
  /** Why, for logs and Events. */
  reason: string;
}

export interface HealthCheckStatusWrite {
  target: ObjectKey & { resourceVersion?: string };
  status: HealthCheckStatus;
}

export interface EventRecord {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** Defaults to the rollout. */
  involved?: ObjectKey;
}

/**
 * What the driver must do, in order: write the rollout status (the intent record: a deploy's
 * history entry exists before anything is patched), patch objects (deploy), write HealthCheck
 * statuses, remove the listed annotations, record events, and come back at wakeAt. A deploy whose
 * patch did not land (history[0] ahead of the Kustomization) is patched again by the next decide.
 */
export interface Plan {
  /** The full new status, or undefined when nothing changes. */
  status?: RolloutStatus;
  patches: ObjectPatch[];
  healthCheckStatuses: HealthCheckStatusWrite[];
  /** Annotation keys to remove from the rollout (one-shot actions processed). */
  clearAnnotations: string[];
  events: EventRecord[];
  /** The next instant the decision may change without any watched object changing. */
  wakeAt?: Date;
}

export type { KubeObject };
