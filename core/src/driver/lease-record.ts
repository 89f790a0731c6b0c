// What a per-rollout Lease says about who drives (spec §2.6, §10.7). A Lease written by a
// controller replica is not renewed: it names the shard Lease that covers the rollout, and the
// holder is live exactly while that shard Lease is held by the same identity and unexpired.
// A Lease without that pointer (a `watch`, or a controller from before shard leases) is live
// while it is renewed, as always.
import type { Lease } from '../kube/index.js';
import { leaseName } from '../model/index.js';

/** On a per-rollout Lease: `<namespace>/<name>` of the shard Lease whose liveness it borrows. */
export const SHARD_ANNOTATION = 'kuberik.com/shard-lease';
/**
 * On every Lease Kuberik writes (per-rollout, shard, member). The driver's Lease informer selects
 * on it, so node heartbeats and other components' leader elections never reach the process.
 */
export const MANAGED_BY = 'app.kubernetes.io/managed-by';
export const MANAGED_LABELS: Readonly<Record<string, string>> = { [MANAGED_BY]: 'kuberik' };
export const MANAGED_SELECTOR = `${MANAGED_BY}=kuberik`;
/** Does the label-selected Lease informer follow this Lease? (A copy without the label goes stale.) */
export const watched = (lease: Lease): boolean => lease.metadata.labels?.[MANAGED_BY] === 'kuberik';
/** Label on shard and member Leases, so one small informer sees exactly them. */
export const SHARD_LABEL = 'kuberik.com/controller-lease';

/**
 * Looks up a shard Lease: the Lease, undefined when it does not exist, or 'unknown' when this
 * process cannot tell (not cached yet, not allowed to read it).
 */
export type ShardLookup = (namespace: string, name: string) => Lease | undefined | 'unknown';

/** MicroTime as Kubernetes writes it. */
export const microTime = (d: Date): string => d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

/** Renewed-lease expiry: no holder, or renewTime + leaseDurationSeconds passed. */
export const leaseExpired = (lease: Lease, now: Date): boolean => {
  const holder = lease.spec?.holderIdentity;
  if (!holder) return true;
  return !(leaseExpiresAt(lease) > now.getTime()); // unreadable times count as expired
};

/** When a renewed Lease expires (ms since epoch; NaN when its times are unreadable). */
export const leaseExpiresAt = (lease: Lease): number => {
  const renewed = Date.parse(lease.spec?.renewTime ?? lease.spec?.acquireTime ?? '');
  return renewed + (lease.spec?.leaseDurationSeconds ?? 15) * 1000;
};

/** The shard Lease a per-rollout Lease points at, if any. */
export const shardRef = (lease: Lease | undefined): { namespace: string; name: string } | undefined => {
  const ref = lease?.metadata.annotations?.[SHARD_ANNOTATION];
  const i = ref ? ref.indexOf('/') : -1;
  if (!ref || i <= 0 || i === ref.length - 1) return undefined;
  return { namespace: ref.slice(0, i), name: ref.slice(i + 1) };
};

/**
 * The identity that drives the rollout according to its Lease, or undefined when nobody live does.
 * A shard pointer that cannot be checked falls back to the Lease's own times (a long duration for
 * controller-written Leases), so an unknown shard never lets two processes drive.
 */
export function liveHolder(lease: Lease | undefined, now: Date, shards: ShardLookup): string | undefined {
  const holder = lease?.spec?.holderIdentity;
  if (!lease || !holder) return undefined;
  const ref = shardRef(lease);
  if (ref) {
    const shard = shards(ref.namespace, ref.name);
    if (shard !== 'unknown') {
      return shard && shard.spec?.holderIdentity === holder && !leaseExpired(shard, now) ? holder : undefined;
    }
  }
  return leaseExpired(lease, now) ? undefined : holder;
}

/** The object a Lease owner reference points at (the Rollout). */
export interface LeaseOwner {
  apiVersion: string;
  kind: string;
  name: string;
  uid?: string;
}

/**
 * A new per-rollout Lease held by `holderIdentity` from `now`. Owned by the Rollout (not as its
 * controller) so it goes when the Rollout is deleted; labelled so the Lease informer follows it.
 */
export function newRolloutLease(o: {
  namespace: string;
  rollout: string;
  holderIdentity: string;
  durationSeconds: number;
  now: Date;
  owner?: LeaseOwner;
  annotations?: Record<string, string>;
}): Lease {
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name: leaseName(o.rollout),
      namespace: o.namespace,
      labels: { ...MANAGED_LABELS },
      ...(o.annotations ? { annotations: o.annotations } : {}),
      ...(o.owner?.uid
        ? {
            ownerReferences: [
              { apiVersion: o.owner.apiVersion, kind: o.owner.kind, name: o.owner.name, uid: o.owner.uid },
            ],
          }
        : {}),
    },
    spec: {
      holderIdentity: o.holderIdentity,
      leaseDurationSeconds: o.durationSeconds,
      acquireTime: microTime(o.now),
      renewTime: microTime(o.now),
      leaseTransitions: 0,
    },
  };
}
