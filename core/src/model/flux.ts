import type { Condition, KubeObject } from './meta.js';

export const IMAGE_GROUP = 'image.toolkit.fluxcd.io';
export const KUSTOMIZE_GROUP = 'kustomize.toolkit.fluxcd.io';
export const SOURCE_GROUP = 'source.toolkit.fluxcd.io';

export interface ImagePolicyStatus {
  /** v1 */
  latestRef?: { name?: string; tag: string; digest?: string };
  /** v1beta2: "repo:tag" */
  latestImage?: string;
  observedGeneration?: number;
  conditions?: Condition[];
}

export type ImagePolicy = KubeObject<Record<string, unknown>, ImagePolicyStatus>;

export interface KustomizationSpec {
  interval?: string;
  path?: string;
  prune?: boolean;
  sourceRef?: { kind: string; name: string; namespace?: string };
  postBuild?: { substitute?: Record<string, string>; substituteFrom?: unknown[] };
  /** Ready waits for every applied object (kstatus); without it or healthChecks, Ready ignores workloads. */
  wait?: boolean;
  healthChecks?: unknown[];
  [key: string]: unknown;
}

export interface KustomizationStatus {
  observedGeneration?: number;
  conditions?: Condition[];
  lastAppliedRevision?: string;
}

export type Kustomization = KubeObject<KustomizationSpec, KustomizationStatus>;

/** `spec.ref` of an OCIRepository; Flux uses digest over semver over tag. */
export interface OCIRepositoryRef {
  tag?: string;
  semver?: string;
  semverFilter?: string;
  digest?: string;
}

export interface OCIRepositorySpec {
  url?: string;
  interval?: string;
  ref?: OCIRepositoryRef;
  [key: string]: unknown;
}

export interface OCIRepositoryStatus {
  observedGeneration?: number;
  conditions?: Condition[];
  /** `revision` is `<tag>@sha256:<digest>` in Flux v2. */
  artifact?: { revision?: string; digest?: string; url?: string; lastUpdateTime?: string };
}

/** source.toolkit.fluxcd.io/v1 OCIRepository: a deploy target when annotated `rollout.kuberik.com/rollout`. */
export type OCIRepository = KubeObject<OCIRepositorySpec, OCIRepositoryStatus>;
