// Gathers what the engine looks at for one rollout from the informer caches, and, the other way
// round, which rollouts an object change concerns (so one event wakes only those).
import type { Observed } from '../engine/plan.js';
import { matchesLabelSelector } from '../engine/selectors.js';
import {
  type HealthCheck,
  type ImagePolicy,
  type KubeObject,
  type Kustomization,
  type OCIRepository,
  type Rollout,
  type RolloutGate,
  rolloutOfLease,
} from '../model/index.js';
import type { AccessProblem } from '../engine/access.js';
import { type Informer, resourceName } from '../kube/index.js';
import type { Caches } from './caches.js';
import {
  healthCheckKustomization,
  ociRolloutOf,
  type RefKey,
  refKey,
  splitRef,
  substituteTargets,
} from './indexes.js';

/**
 * The refs (kind + namespace outside the driver's scope caches) a rollout reads, as far as the
 * caches show now: its ImagePolicy's namespace, namespaces its namespaceSelector matches (their
 * HealthChecks), and the namespaces of Kustomizations its health checks read. Ensuring these can
 * reveal more (a HealthCheck found in a matched namespace names another), so callers repeat until
 * the set stops growing.
 */
export function referencesOf(caches: Caches, r: Rollout): RefKey[] {
  const own = r.metadata.namespace ?? 'default';
  const keys = new Set<RefKey>();
  const policyNs = r.spec?.releasesImagePolicy?.namespace;
  if (typeof policyNs === 'string' && policyNs && policyNs !== own) keys.add(refKey('ImagePolicy', policyNs));
  if (r.spec?.healthCheckSelector?.namespaceSelector) {
    for (const ns of selectedNamespaces(caches, r)) if (ns !== own) keys.add(refKey('HealthCheck', ns));
  }
  for (const h of candidateHealthChecks(caches, r)) {
    const ref = healthCheckKustomization(h);
    const kns = ref ? ref.slice(0, ref.indexOf('/')) : undefined;
    if (kns && kns !== own) keys.add(refKey('Kustomization', kns));
  }
  return [...keys];
}

/** Namespaces whose labels match the rollout's healthCheckSelector.namespaceSelector. */
function selectedNamespaces(caches: Caches, r: Rollout): string[] {
  const sel = r.spec?.healthCheckSelector?.namespaceSelector;
  if (!sel) return [];
  return caches
    .namespaceInfos()
    .filter((n) => matchesLabelSelector(sel, n.labels).matches)
    .map((n) => n.name);
}

export const gatesOf = (caches: Caches, r: Rollout): RolloutGate[] => {
  const ns = r.metadata.namespace ?? 'default';
  return caches.in(ns)?.gates.byIndex('rollout', `${ns}/${r.metadata.name}`) ?? [];
};

const healthChecksIn = (caches: Caches, ns: string): HealthCheck[] =>
  (caches.informer('HealthCheck', ns)?.byIndex('namespace', ns) as HealthCheck[] | undefined) ?? [];

/** HealthChecks a rollout may select: its namespace's, and those of namespaces its namespaceSelector matches. */
function candidateHealthChecks(caches: Caches, r: Rollout): HealthCheck[] {
  const ns = r.metadata.namespace ?? 'default';
  if (!r.spec?.healthCheckSelector?.namespaceSelector) return healthChecksIn(caches, ns);
  const names = new Set([ns, ...selectedNamespaces(caches, r)]);
  return [...names].flatMap((n) => healthChecksIn(caches, n));
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
  // First copy wins: the scope's and refs' caches take our own writes; discovery comes last.
  const add = (k: Kustomization | undefined): void => {
    const key = k && `${k.metadata.namespace ?? ''}/${k.metadata.name}`;
    if (k && key && !kustomizations.has(key)) kustomizations.set(key, k);
  };
  for (const inf of [...caches.informersOf('Kustomization'), ...(caches.discovery ? [caches.discovery] : [])])
    for (const k of inf.byIndex('substitutes', self)) add(k as Kustomization);
  for (const h of healthChecks) {
    const ref = healthCheckKustomization(h);
    if (!ref) continue;
    const [kns, kname] = splitRef(ref, ns);
    add(
      (caches.informer('Kustomization', kns)?.get(kns, kname) as Kustomization | undefined) ??
        caches.discovery?.get(kns, kname),
    );
  }
  const unreadable = unreadableFor(caches, r);
  return {
    rollout: r,
    imagePolicy: ref?.name
      ? (caches.informer('ImagePolicy', policyNs)?.get(policyNs, ref.name) as ImagePolicy | undefined)
      : undefined,
    gates: gatesOf(caches, r),
    schedules: local?.schedules.byIndex('namespace', ns) ?? [],
    clusterSchedules: caches.clusterSchedules.list(),
    healthChecks,
    kustomizations: [...kustomizations.values()],
    ociRepositories: local?.ociRepositories.byIndex('rollout', self) ?? [],
    namespaces: caches.namespaceInfos(),
    ...(unreadable.length > 0 ? { unreadable } : {}),
    actor,
  };
}

/** The reads RBAC refused that this rollout's decision depends on (spec §10.6). */
export function unreadableFor(caches: Caches, r: Rollout): AccessProblem[] {
  const ns = r.metadata.namespace ?? 'default';
  const used: Array<[Informer<KubeObject> | undefined, string]> = [];
  const local = caches.in(ns);
  if (local) {
    used.push([local.gates as Informer<KubeObject>, 'gates of this rollout']);
    used.push([local.schedules as Informer<KubeObject>, 'schedules that gate it']);
    used.push([local.healthChecks as Informer<KubeObject>, 'health checks that block it']);
    used.push([local.kustomizations as Informer<KubeObject>, 'Kustomizations that deploy it']);
    used.push([local.ociRepositories as Informer<KubeObject>, 'OCIRepositories that deploy it']);
  }
  for (const key of referencesOf(caches, r)) {
    const [kind, kns] = key.split('/') as [RefKey extends `${infer K}/${string}` ? K : never, string];
    const purpose =
      kind === 'HealthCheck'
        ? 'health checks its namespaceSelector chooses'
        : kind === 'Kustomization'
          ? 'Kustomizations its health checks read'
          : 'its ImagePolicy';
    used.push([caches.informer(kind, kns), purpose]);
  }
  used.push([
    caches.discovery as Informer<KubeObject> | undefined,
    'Kustomizations in other namespaces that deploy it',
  ]);
  used.push([caches.clusterSchedules as Informer<KubeObject>, 'cluster schedules that may gate it']);
  const selectors =
    !!r.spec?.healthCheckSelector?.namespaceSelector ||
    caches.clusterSchedules.list().some((s) => s.spec?.namespaceSelector);
  if (selectors)
    used.push([caches.namespaces as Informer<KubeObject>, 'namespace labels its selectors match']);
  const out: AccessProblem[] = [];
  const seen = new Set<Informer<KubeObject>>();
  for (const [inf, purpose] of used) {
    const err = inf?.denied;
    if (!inf || !err || seen.has(inf)) continue;
    seen.add(inf);
    const verb = /(?:may not|cannot) (\w+)/.exec(err.message)?.[1] ?? 'list';
    out.push({
      resource: resourceName(inf.kind),
      verb,
      ...(inf.namespace ? { namespace: inf.namespace } : {}),
      purpose,
    });
  }
  return out;
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
    case 'Lease':
      return leaseRollouts(caches, obj, old);
    case 'RolloutSchedule':
      return caches.rollouts.byIndex('namespace', ns).map(keyOf);
    case 'ClusterRolloutSchedule':
    case 'Namespace':
      return caches.rollouts.list().map(keyOf);
    case 'OCIRepository':
      return [
        ...new Set([
          ...ociRolloutOf(obj as OCIRepository),
          ...(old ? ociRolloutOf(old as OCIRepository) : []),
        ]),
      ];
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
      for (const inf of caches.informersOf('HealthCheck')) {
        for (const h of inf.byIndex('kustomization', key)) {
          for (const x of affected(caches, 'HealthCheck', h)) out.add(x);
        }
      }
      return [...out];
    }
    default:
      return [];
  }
}

/** Renewals change nothing a rollout shows; only a new (or no) holder does. */
function leaseRollouts(caches: Caches, obj: KubeObject, old?: KubeObject): string[] {
  const holder = (o?: KubeObject): unknown =>
    (o as { spec?: { holderIdentity?: unknown } } | undefined)?.spec?.holderIdentity;
  if (old && holder(old) === holder(obj)) return [];
  const ns = obj.metadata.namespace ?? '';
  const rollout = rolloutOfLease(obj.metadata.name, () =>
    caches.rollouts.byIndex('namespace', ns).map((r) => r.metadata.name),
  );
  return rollout ? [`${ns}/${rollout}`] : [];
}
