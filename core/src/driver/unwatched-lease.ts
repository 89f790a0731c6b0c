// The driver's Lease informer sees only Leases that carry our label (MANAGED_SELECTOR). A
// per-rollout Lease someone else created without it is still respected: the create's 409 finds it,
// and because no watch event ever refreshes our copy of it, each decision on it reads it again by
// name. Taking it over adds the label, so from then on the informer follows it.
import { type Kube, KubeError, Kinds, type Lease } from '../kube/index.js';
import { MANAGED_LABELS, watched } from './lease-record.js';

export interface LeaseReads {
  kube: Kube;
  cached(namespace: string, name: string): Lease | undefined;
  remember(lease: Lease): void;
  /** Drop a Lease from the cache (a GET found it gone). */
  forget(namespace: string, name: string): void;
}

/** The Lease to decide on: the cached copy when the informer follows it, else a fresh one (one GET). */
export async function currentLease(
  o: LeaseReads,
  namespace: string,
  name: string,
): Promise<Lease | undefined> {
  const cached = o.cached(namespace, name);
  return !cached || watched(cached) ? cached : reread(o, namespace, name);
}

/**
 * Creates a per-rollout Lease and caches it. Answers undefined when ours was created, else the Lease
 * someone made first (read once on the 409: it may lack our label, so our cache never shows it).
 */
export async function createRolloutLease(o: LeaseReads, lease: Lease): Promise<Lease | undefined> {
  try {
    o.remember(await o.kube.create(Kinds.Lease, lease));
    return undefined;
  } catch (e) {
    return existingLease(o, lease.metadata.namespace ?? 'default', lease.metadata.name, e);
  }
}

/**
 * A create of the Lease failed with `err`: on 409 AlreadyExists, the Lease someone made without our
 * label (our cache never sees it), read once. Anything else, or a Lease gone again, rethrows `err`.
 */
async function existingLease(o: LeaseReads, namespace: string, name: string, err: unknown): Promise<Lease> {
  if (!(err instanceof KubeError && err.kind === 'Conflict')) throw err;
  const lease = await reread(o, namespace, name);
  if (!lease) throw err;
  return lease;
}

/** Metadata a takeover adds to a Lease that lacks our label, so the informer follows it from then on. */
export const labelIfMissing = (lease: Lease): { labels?: Record<string, string> } =>
  watched(lease) ? {} : { labels: { ...MANAGED_LABELS } };

async function reread(o: LeaseReads, namespace: string, name: string): Promise<Lease | undefined> {
  const fresh = await o.kube.find(Kinds.Lease, namespace, name);
  if (fresh) o.remember(fresh);
  else o.forget(namespace, name);
  return fresh;
}
