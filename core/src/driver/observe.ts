// Gathers what the engine looks at for one rollout from the informer caches, and, the other way
// round, which rollouts an object change concerns (so one event wakes only those).
import type { Observed } from '../engine/plan.js';
import { matchesLabelSelector } from '../engine/selectors.js';
import {
  Annotations,
  type HealthCheck,
  type KubeObject,
  type Kustomization,
  type Rollout,
  type RolloutGate,
  rolloutOfLease,
  SUBSTITUTE_ANNOTATION,
} from '../model/index.js';
import type { Caches } from './caches.js';

/** Namespaces whose caches a rollout needs besides its own. */
export function namespacesOf(r: Rollout): string[] {
  const own = r.metadata.namespace ?? 'default';
  const ns = new Set<string>([own]);
  const policyNs = r.spec?.releasesImagePolicy?.namespace;
  if (typeof policyNs === 'string' && policyNs) ns.add(policyNs);
  return [...ns];
}

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

export const gatesOf = (caches: Caches, r: Rollout): RolloutGate[] => {
  const ns = r.metadata.namespace ?? 'default';
  return caches.in(ns)?.gates.byIndex('rollout', `${ns}/${r.metadata.name}`) ?? [];
};

/** HealthChecks a rollout may select: its namespace's, or every one with a namespaceSelector. */
function candidateHealthChecks(caches: Caches, r: Rollout): HealthCheck[] {
  const ns = r.metadata.namespace ?? 'default';
  if (r.spec?.healthCheckSelector?.namespaceSelector)
    return caches.all().flatMap((c) => c.healthChecks.list());
  return caches.in(ns)?.healthChecks.byIndex('namespace', ns) ?? [];
}

/** Does the rollout's healthCheckSelector select this HealthCheck? (Absent selector: none.) */
export function selects(caches: Caches, r: Rollout, h: HealthCheck): boolean {
  const sel = r.spec?.healthCheckSelector;
  if (!sel?.selector) return false;
  const ns = r.metadata.namespace ?? 'default';
  const hns = h.metadata.namespace ?? 'default';
  if (sel.namespaceSelector) {
    const info = caches.namespaceInfos().find((n) => n.name === hns);
    if (!matchesLabelSelector(sel.namespaceSelector, info?.labels ?? {}).matches) return false;
  } else if (hns !== ns) return false;
  return matchesLabelSelector(sel.selector, h.metadata.labels ?? {}).matches;
}

export const healthChecksOf = (caches: Caches, r: Rollout): HealthCheck[] =>
  candidateHealthChecks(caches, r).filter((h) => selects(caches, r, h));

export function gather(caches: Caches, r: Rollout, actor: string | undefined): Observed {
  const ns = r.metadata.namespace ?? 'default';
  const self = `${ns}/${r.metadata.name}`;
  const ref = r.spec?.releasesImagePolicy;
  const policyNs = ref?.namespace || ns;
  const local = caches.in(ns);
  const healthChecks = candidateHealthChecks(caches, r);

  // Kustomizations: those that substitute for this rollout (annotation value `name` in its own
  // namespace or `ns/name` anywhere) and those a candidate health check reads. Others in the
  // namespace cannot matter to this rollout, and passing them would make every decide O(namespace).
  const kustomizations = new Map<string, Kustomization>();
  const add = (k: Kustomization | undefined): void => {
    if (k) kustomizations.set(`${k.metadata.namespace ?? ''}/${k.metadata.name}`, k);
  };
  for (const c of caches.all()) for (const k of c.kustomizations.byIndex('substitutes', self)) add(k);
  for (const h of healthChecks) {
    const ref = healthCheckKustomization(h);
    if (!ref) continue;
    const [kns, kname] = splitRef(ref, ns);
    add(caches.in(kns)?.kustomizations.get(kns, kname));
  }
  return {
    rollout: r,
    imagePolicy: ref?.name ? caches.in(policyNs)?.imagePolicies.get(policyNs, ref.name) : undefined,
    gates: gatesOf(caches, r),
    schedules: local?.schedules.byIndex('namespace', ns) ?? [],
    clusterSchedules: caches.clusterSchedules.list(),
    healthChecks,
    kustomizations: [...kustomizations.values()],
    namespaces: caches.namespaceInfos(),
    actor,
  };
}

/** Which rollouts (namespace/name) an object change may concern. */
export function affected(caches: Caches, kind: string, obj: KubeObject, old?: KubeObject): string[] {
  const ns = obj.metadata.namespace ?? '';
  const keyOf = (r: Rollout): string => `${r.metadata.namespace}/${r.metadata.name}`;
  switch (kind) {
    case 'Rollout':
      return [`${ns}/${obj.metadata.name}`];
    case 'RolloutGate': {
      const names = new Set([
        (obj as RolloutGate).spec?.rolloutRef?.name,
        (old as RolloutGate | undefined)?.spec?.rolloutRef?.name,
      ]);
      return [...names].filter((n): n is string => !!n).map((n) => `${ns}/${n}`);
    }
    case 'Lease': {
      // Renewals change nothing a rollout shows; only a new (or no) holder does.
      const holder = (o?: KubeObject): unknown =>
        (o as { spec?: { holderIdentity?: unknown } } | undefined)?.spec?.holderIdentity;
      if (old && holder(old) === holder(obj)) return [];
      const rollout = rolloutOfLease(obj.metadata.name, () =>
        caches.rollouts.byIndex('namespace', ns).map((r) => r.metadata.name),
      );
      return rollout ? [`${ns}/${rollout}`] : [];
    }
    case 'RolloutSchedule':
      return caches.rollouts.byIndex('namespace', ns).map(keyOf);
    case 'ClusterRolloutSchedule':
    case 'Namespace':
      return caches.rollouts.list().map(keyOf);
    case 'ImagePolicy':
      return caches.rollouts.byIndex('policy', `${ns}/${obj.metadata.name}`).map(keyOf);
    case 'HealthCheck': {
      const hcs = [obj as HealthCheck, ...(old ? [old as HealthCheck] : [])];
      const near = [
        ...caches.rollouts.byIndex('namespace', ns),
        ...caches.rollouts.byIndex('crossNamespaceHealth', 'yes'),
      ];
      return near.filter((r) => hcs.some((h) => selects(caches, r, h))).map(keyOf);
    }
    case 'Kustomization': {
      const k = obj as Kustomization;
      const out = new Set([...substituteTargets(k), ...(old ? substituteTargets(old as Kustomization) : [])]);
      const key = `${ns}/${k.metadata.name}`;
      // Rollouts whose health checks read this Kustomization.
      for (const c of caches.all()) {
        for (const h of c.healthChecks.byIndex('kustomization', key)) {
          for (const x of affected(caches, 'HealthCheck', h)) out.add(x);
        }
      }
      return [...out];
    }
    default:
      return [];
  }
}
