// Which HealthChecks a rollout watches, and the health of a Flux Kustomization (spec §2.4).
import {
  Annotations,
  KUSTOMIZATION_CLASS,
  type Condition,
  type HealthCheck,
  type HealthStatus,
  type Kustomization,
  type Rollout,
} from '../model/index.js';
import type { NamespaceInfo } from './plan.js';
import { matchesLabelSelector, validateLabelSelector } from './selectors.js';
import { parseTime } from './time.js';

export interface HealthCheckSelection {
  healthChecks: HealthCheck[];
  /** Set when healthCheckSelector is invalid; then nothing is selected. */
  error?: string;
}

const byNamespaceAndName = (a: HealthCheck, b: HealthCheck): number =>
  `${a.metadata.namespace ?? ''}/${a.metadata.name}`.localeCompare(
    `${b.metadata.namespace ?? ''}/${b.metadata.name}`,
  );

/**
 * The HealthChecks a rollout's healthCheckSelector selects, sorted by namespace/name. As upstream:
 * without `selector` nothing is selected; without `namespaceSelector` only the rollout's namespace.
 */
export function selectHealthChecks(
  rollout: Rollout,
  healthChecks: HealthCheck[],
  namespaces: NamespaceInfo[],
): HealthCheckSelection {
  const hcs = rollout.spec.healthCheckSelector;
  if (!hcs?.selector) return { healthChecks: [] };
  const error =
    validateLabelSelector(hcs.selector) ??
    (hcs.namespaceSelector ? validateLabelSelector(hcs.namespaceSelector) : undefined);
  if (error) return { healthChecks: [], error };
  const own = rollout.metadata.namespace ?? 'default';
  const nsLabels = new Map(namespaces.map((n) => [n.name, n.labels]));
  const inScope = (ns: string): boolean =>
    hcs.namespaceSelector
      ? matchesLabelSelector(hcs.namespaceSelector, nsLabels.get(ns) ?? {}).matches
      : ns === own;
  const selected = healthChecks.filter(
    (hc) =>
      inScope(hc.metadata.namespace ?? own) &&
      matchesLabelSelector(hcs.selector, hc.metadata.labels ?? {}).matches,
  );
  return { healthChecks: selected.sort(byNamespaceAndName) };
}

export interface KustomizationHealth {
  status: HealthStatus;
  message: string;
  /** When the failure was witnessed (the Ready condition's transition), for lastErrorTime. */
  errorTime?: string;
}

const PROGRESSING_REASONS = new Set(['progressing', 'reconciling']);

function readyCondition(k: Kustomization): Condition | undefined {
  return (k.status?.conditions ?? []).find((c) => c.type === 'Ready');
}

/**
 * Healthy when Ready=True for the current generation; Unhealthy when Ready=False for a reason other
 * than progressing/reconciling, or when the Kustomization is missing; Pending otherwise.
 */
export function kustomizationHealth(
  kustomization: Kustomization | undefined,
  ref?: string,
): KustomizationHealth {
  if (!kustomization) {
    return { status: 'Unhealthy', message: `Kustomization ${ref ?? ''} not found`.replace('  ', ' ') };
  }
  const name = `${kustomization.metadata.namespace ?? ''}/${kustomization.metadata.name}`;
  const ready = readyCondition(kustomization);
  const detail = ready?.message ? `: ${ready.message}` : '';
  const generation = kustomization.metadata.generation;
  const observed = kustomization.status?.observedGeneration ?? -1;
  if (ready?.status === 'False' && !PROGRESSING_REASONS.has((ready.reason ?? '').toLowerCase())) {
    const stalled = (kustomization.status?.conditions ?? []).find(
      (c) => c.type === 'Stalled' && c.status === 'True',
    );
    const errorTime = [stalled?.lastTransitionTime, ready.lastTransitionTime].find(
      (t) => parseTime(t) !== undefined,
    );
    return {
      status: 'Unhealthy',
      message: `Kustomization ${name} is not ready (${ready.reason || 'no reason'})${detail}`,
      ...(errorTime ? { errorTime } : {}),
    };
  }
  if (ready?.status === 'True') {
    if (generation === undefined || observed >= generation) {
      return { status: 'Healthy', message: `Kustomization ${name} is ready${detail}` };
    }
    return {
      status: 'Pending',
      message: `Kustomization ${name} has not reconciled generation ${generation} yet (observed ${observed})`,
    };
  }
  return { status: 'Pending', message: `Kustomization ${name} is reconciling${detail}` };
}

/** `name` (in the HealthCheck's namespace) or `namespace/name` from the kustomization annotation. */
export function kustomizationRef(hc: HealthCheck): { namespace: string; name: string } | { error: string } {
  const value = hc.metadata.annotations?.[Annotations.healthCheckKustomization];
  if (value === undefined || value === '') {
    return { error: `annotation ${Annotations.healthCheckKustomization} not found` };
  }
  const parts = value.split('/');
  if (parts.length === 1) return { namespace: hc.metadata.namespace ?? 'default', name: value };
  if (parts.length === 2 && parts[0] && parts[1]) return { namespace: parts[0], name: parts[1] };
  return { error: `invalid kustomization reference format: ${value}` };
}

export const isKustomizationClass = (hc: HealthCheck): boolean => hc.spec?.class === KUSTOMIZATION_CLASS;
