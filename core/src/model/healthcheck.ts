import type { KubeObject } from './meta.js';

export type HealthStatus = 'Healthy' | 'Unhealthy' | 'Pending';

export interface HealthCheckSpec {
  class?: string;
}

export interface HealthCheckStatus {
  /** "" is what the upstream controller leaves on a check nobody has evaluated yet. */
  status?: HealthStatus | '';
  message?: string;
  lastChangeTime?: string;
  lastErrorTime?: string;
}

export type HealthCheck = KubeObject<HealthCheckSpec, HealthCheckStatus>;

/** The class whose status our engine writes, from a Flux Kustomization's readiness. */
export const KUSTOMIZATION_CLASS = 'kustomization';
