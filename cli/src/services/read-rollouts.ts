// The read path of `get` and `why`: the few LISTs a snapshot is made of (rollouts, their
// HealthChecks, the Leases that say who drives), issued together, with no informers, no watches and
// no engine run. The snapshots are the ones an observe-only driver shows (same gates, same selected
// HealthChecks, same live holder), so every command still tells one story (docs/cli-startup.md).
// Static imports of what is used (see get-command.ts): this module is itself loaded lazily.
import { liveHolder, shardRef, type RolloutSnapshot } from '@kuberik/core/driver';
import { matchesLabelSelector } from '@kuberik/core/engine';
import { Kinds, KubeError, type Lease } from '@kuberik/core/kube';
import { leaseName, type HealthCheck, type Rollout, type RolloutGate } from '@kuberik/core/model';
import type { Session } from './session.js';

export interface ReadScope {
  /** undefined: every namespace. */
  namespace?: string;
  selector?: string;
  /** One rollout by name (needs namespace). */
  name?: string;
  /** Also read the RolloutGates (`why`, `-o wide`); the GATES column reads only the status. */
  gates?: boolean;
  /** Only the Rollout objects (`-o json/yaml`). */
  rolloutsOnly?: boolean;
}

export interface Reading {
  snapshots: RolloutSnapshot[];
  /** The other reads the API refused or could not answer (their part stays empty). */
  errors: KubeError[];
}

const byKey = (a: RolloutSnapshot, b: RolloutSnapshot) =>
  a.key.namespace.localeCompare(b.key.namespace) || a.key.name.localeCompare(b.key.name);

export async function readRollouts(session: Session, scope: ReadScope): Promise<Reading> {
  const { kube } = session;
  const errors: KubeError[] = [];
  const soft = async <T>(p: Promise<{ items: T[] }>): Promise<T[]> => {
    try {
      return (await p).items;
    } catch (e) {
      if (!(e instanceof KubeError)) throw e;
      errors.push(e);
      return [];
    }
  };
  const ns = scope.namespace;
  const fieldSelector = scope.name ? `metadata.name=${scope.name}` : undefined;
  const where = { namespace: ns };
  // All at once: the answer takes one round trip, not four.
  const [rollouts, healthChecks, leases, gates] = await Promise.all([
    // The rollouts read failing is the answer (forbidden, unreachable, …): it throws.
    kube.list(Kinds.Rollout, { ...where, labelSelector: scope.selector, fieldSelector }).then((l) => l.items),
    scope.rolloutsOnly ? [] : soft(kube.list(Kinds.HealthCheck, where)),
    scope.rolloutsOnly
      ? []
      : scope.name
        ? soft(kube.list(Kinds.Lease, { ...where, fieldSelector: `metadata.name=${leaseName(scope.name)}` }))
        : soft(kube.list(Kinds.Lease, where)),
    scope.gates && !scope.rolloutsOnly ? soft(kube.list(Kinds.RolloutGate, where)) : [],
  ]);
  if (rollouts.length === 0) return { snapshots: [], errors };

  const now = new Date();
  const found = new Map<string, Lease>(leases.map((l) => [`${l.metadata.namespace}/${l.metadata.name}`, l]));
  // A name-filtered Lease list says nothing about the shard Leases beside it.
  const listed = (namespace: string) => !scope.name && (ns === undefined || ns === namespace);
  const holderOf = scope.rolloutsOnly ? undefined : await liveHolders(session, found, listed);
  const checksOf = scope.rolloutsOnly
    ? undefined
    : await healthCheckSelection(session, rollouts, healthChecks);
  const snapshots = rollouts.map((r): RolloutSnapshot => {
    const key = { namespace: r.metadata.namespace ?? ns ?? 'default', name: r.metadata.name };
    const holder = holderOf?.(found.get(`${key.namespace}/${leaseName(key.name)}`), now);
    return {
      key,
      rollout: r,
      gates: gatesOf(gates, key),
      healthChecks: checksOf?.(r) ?? [],
      lease: { driving: false, ...(holder ? { holder } : {}) },
      observedAt: now,
    };
  });
  return { snapshots: snapshots.sort(byKey), errors };
}

/** The gates that reference this rollout (same namespace, spec.rolloutRef.name), as the driver indexes them. */
const gatesOf = (gates: RolloutGate[], key: { namespace: string; name: string }): RolloutGate[] =>
  gates.filter((g) => g.metadata.namespace === key.namespace && g.spec?.rolloutRef?.name === key.name);

/**
 * liveHolder() over the Leases read, with the shard Leases that controller-written Leases point at:
 * read from the same list when it covers their namespace, else one GET per shard (a shard we may
 * not read stays 'unknown', and the per-rollout Lease's own duration decides, as in the driver).
 */
async function liveHolders(
  session: Session,
  leases: Map<string, Lease>,
  covered: (namespace: string) => boolean,
): Promise<(lease: Lease | undefined, now: Date) => string | undefined> {
  const fetched = new Map<string, Lease | undefined | 'unknown'>();
  const refs = [...leases.values()].flatMap((l) => shardRef(l) ?? []).filter((r) => !covered(r.namespace));
  await Promise.all(
    [...new Map(refs.map((r) => [`${r.namespace}/${r.name}`, r])).entries()].map(async ([id, r]) => {
      try {
        fetched.set(id, await session.kube.find(Kinds.Lease, r.namespace, r.name));
      } catch (e) {
        if (!(e instanceof KubeError)) throw e;
        fetched.set(id, 'unknown');
      }
    }),
  );
  const lookup = (namespace: string, name: string): Lease | undefined | 'unknown' => {
    const id = `${namespace}/${name}`;
    return covered(namespace) ? leases.get(id) : fetched.has(id) ? fetched.get(id) : 'unknown';
  };
  return (lease, now) => liveHolder(lease, now, lookup);
}

/**
 * The HealthChecks each rollout's healthCheckSelector selects: in its namespace, or in the
 * namespaces its namespaceSelector matches (read only when some rollout has one).
 */
async function healthCheckSelection(
  session: Session,
  rollouts: Rollout[],
  listed: HealthCheck[],
): Promise<(r: Rollout) => HealthCheck[]> {
  const wide = rollouts.filter((r) => r.spec?.healthCheckSelector?.namespaceSelector);
  let labelsOf = new Map<string, Record<string, string>>();
  let all = listed;
  if (wide.length > 0) {
    try {
      const namespaces = (await session.kube.list(Kinds.Namespace)).items;
      labelsOf = new Map(namespaces.map((n) => [n.metadata.name, n.metadata.labels ?? {}]));
      const matched = [...labelsOf.entries()]
        .filter(([, labels]) =>
          wide.some(
            (r) => matchesLabelSelector(r.spec.healthCheckSelector!.namespaceSelector!, labels).matches,
          ),
        )
        .map(([name]) => name);
      const have = new Set(listed.map((h) => h.metadata.namespace));
      const more = await Promise.all(
        matched
          .filter((n) => !have.has(n))
          .map((n) => session.kube.list(Kinds.HealthCheck, { namespace: n }).then((l) => l.items)),
      );
      all = [...listed, ...more.flat()];
    } catch (e) {
      if (!(e instanceof KubeError)) throw e;
      // a namespace we may not read shows no HealthChecks, as in the driver
    }
  }
  return (r) => {
    const sel = r.spec?.healthCheckSelector;
    if (!sel?.selector) return [];
    const own = r.metadata.namespace ?? 'default';
    return all.filter((h) => {
      const hns = h.metadata.namespace ?? 'default';
      if (sel.namespaceSelector) {
        // its own namespace too must match (the driver's selects())
        if (!matchesLabelSelector(sel.namespaceSelector, labelsOf.get(hns) ?? {}).matches) return false;
      } else if (hns !== own) return false;
      return matchesLabelSelector(sel.selector!, h.metadata.labels ?? {}).matches;
    });
  };
}
