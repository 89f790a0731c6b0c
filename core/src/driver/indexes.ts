// Pure helpers naming what an object points at (index values of the driver's informers), shared
// by caches.ts (indexes) and observe.ts (lookups) without an import cycle.
import {
  Annotations,
  type HealthCheck,
  type Kustomization,
  type OCIRepository,
  SUBSTITUTE_ANNOTATION,
} from '../model/index.js';

/** Kinds another namespace can contribute to a rollout in a namespaced scope. */
export type RefKind = 'HealthCheck' | 'Kustomization' | 'ImagePolicy';
/** `Kind/namespace`. */
export type RefKey = `${RefKind}/${string}`;
export const refKey = (kind: RefKind, ns: string): RefKey => `${kind}/${ns}`;

/** `namespace/rollout` an OCIRepository is annotated for (always its own namespace). */
export const ociRolloutOf = (o: OCIRepository): string[] => {
  const v = o.metadata.annotations?.[Annotations.ociRollout]?.trim();
  return v ? [`${o.metadata.namespace ?? ''}/${v}`] : [];
};

/** `name` or `namespace/name` → [namespace, name], relative to `ns`. */
export function splitRef(value: string, ns: string): [string, string] {
  const i = value.indexOf('/');
  return i >= 0 ? [value.slice(0, i), value.slice(i + 1)] : [ns, value];
}

/** Rollouts (namespace/name) a Kustomization's substitute annotations point at. */
export function substituteTargets(k: Kustomization): string[] {
  const ns = k.metadata.namespace ?? 'default';
  const out: string[] = [];
  for (const [key, value] of Object.entries(k.metadata.annotations ?? {})) {
    if (SUBSTITUTE_ANNOTATION.test(key) && typeof value === 'string')
      out.push(splitRef(value.trim(), ns).join('/'));
  }
  return out;
}

/** The Kustomization (namespace/name) a kustomization-class HealthCheck watches. */
export function healthCheckKustomization(h: HealthCheck): string | undefined {
  const v = h.metadata.annotations?.[Annotations.healthCheckKustomization];
  return v ? splitRef(v.trim(), h.metadata.namespace ?? 'default').join('/') : undefined;
}
