// The resource kinds we read and write, with their REST coordinates. A `ResourceKind<T>` is the
// type key of every typed call in this layer: `kube.get(Kinds.Rollout, ns, name)` returns a Rollout.
import type {
  ClusterRolloutSchedule,
  HealthCheck,
  ImagePolicy,
  KubeObject,
  Kustomization,
  OCIRepository,
  Rollout,
  RolloutGate,
  RolloutSchedule,
} from '../model/index.js';

export interface ResourceKind<T extends KubeObject = KubeObject> {
  /** '' for the core group. */
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  /** Phantom field carrying the object type; never set at runtime. */
  readonly __type?: T;
}

export type ObjectOf<K> = K extends ResourceKind<infer T> ? T : never;

export type NamespaceObject = KubeObject<Record<string, unknown>, { phase?: string }>;

export interface LeaseSpec {
  holderIdentity?: string | null;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}
export interface Lease extends KubeObject<LeaseSpec, never> {
  spec?: LeaseSpec;
}

export interface EventObject extends KubeObject {
  involvedObject: {
    apiVersion?: string;
    kind?: string;
    name?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
  };
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
  /** `null` when unset: the API server writes a zero metav1.Time so. */
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  source?: { component?: string; host?: string };
  reportingComponent?: string;
  reportingInstance?: string;
}

const kind = <T extends KubeObject>(
  group: string,
  version: string,
  k: string,
  plural: string,
  namespaced = true,
): ResourceKind<T> => ({ group, version, kind: k, plural, namespaced });

export const Kinds = {
  Rollout: kind<Rollout>('kuberik.com', 'v1alpha1', 'Rollout', 'rollouts'),
  RolloutGate: kind<RolloutGate>('kuberik.com', 'v1alpha1', 'RolloutGate', 'rolloutgates'),
  HealthCheck: kind<HealthCheck>('kuberik.com', 'v1alpha1', 'HealthCheck', 'healthchecks'),
  RolloutSchedule: kind<RolloutSchedule>('kuberik.com', 'v1alpha1', 'RolloutSchedule', 'rolloutschedules'),
  ClusterRolloutSchedule: kind<ClusterRolloutSchedule>(
    'kuberik.com',
    'v1alpha1',
    'ClusterRolloutSchedule',
    'clusterrolloutschedules',
    false,
  ),
  /** v1; the engine also reads a v1beta2-shaped status (`latestImage`) from it. */
  ImagePolicy: kind<ImagePolicy>('image.toolkit.fluxcd.io', 'v1', 'ImagePolicy', 'imagepolicies'),
  Kustomization: kind<Kustomization>('kustomize.toolkit.fluxcd.io', 'v1', 'Kustomization', 'kustomizations'),
  OCIRepository: kind<OCIRepository>('source.toolkit.fluxcd.io', 'v1', 'OCIRepository', 'ocirepositories'),
  Namespace: kind<NamespaceObject>('', 'v1', 'Namespace', 'namespaces', false),
  Lease: kind<Lease>('coordination.k8s.io', 'v1', 'Lease', 'leases'),
  Event: kind<EventObject>('', 'v1', 'Event', 'events'),
} as const;

export const apiVersionOf = (k: ResourceKind): string => (k.group ? `${k.group}/${k.version}` : k.version);

/** `rolloutgates.kuberik.com`, or `leases` for core kinds: the name kubectl and RBAC use. */
export const resourceName = (k: ResourceKind): string => (k.group ? `${k.plural}.${k.group}` : k.plural);

/** Finds our descriptor for an apiVersion/kind pair (plans name their targets that way). */
export function kindFor(apiVersion: string, kindName: string): ResourceKind | undefined {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return Object.values(Kinds).find((k) => k.kind === kindName && k.group === group) as
    ResourceKind | undefined;
}

/** REST path of a collection or one object (optionally a subresource). */
export function resourcePath(
  k: ResourceKind,
  namespace?: string,
  name?: string,
  subresource?: string,
): string {
  let p = k.group ? `/apis/${k.group}/${k.version}` : `/api/${k.version}`;
  if (k.namespaced && namespace) p += `/namespaces/${encodeURIComponent(namespace)}`;
  p += `/${k.plural}`;
  if (name !== undefined) p += `/${encodeURIComponent(name)}`;
  if (subresource) p += `/${subresource}`;
  return p;
}
