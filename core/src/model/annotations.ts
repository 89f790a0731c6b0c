// Annotation and label keys shared with the upstream controller and the dashboard (spec §4, upstream §1.7).

export const Annotations = {
  forceDeploy: 'rollout.kuberik.com/force-deploy',
  deployMessage: 'rollout.kuberik.com/deploy-message',
  deployUser: 'rollout.kuberik.com/deploy-user',
  retry: 'rollout.kuberik.com/retry',
  unblockFailed: 'rollout.kuberik.com/unblock-failed',
  bypassGates: 'rollout.kuberik.com/bypass-gates',
  gatePrettyName: 'gate.kuberik.com/pretty-name',
  gateDescription: 'gate.kuberik.com/description',
  healthCheckKustomization: 'healthcheck.kuberik.com/kustomization',
  /** On an OCIRepository in the rollout's namespace: deploying sets its spec.ref.tag (spec §10.3). */
  ociRollout: 'rollout.kuberik.com/rollout',
} as const;

/** `rollout.kuberik.com/substitute.<VAR>.from: <rollout>` or `<namespace>/<rollout>` on a Kustomization. */
export const SUBSTITUTE_ANNOTATION = /^rollout\.kuberik\.com\/substitute\.([^.]+)\.from$/;

const LEASE_PREFIX = 'kuberik-rollout-';
/** Object names are DNS subdomains: at most 253 characters. */
const MAX_NAME = 253;
const HASH_LENGTH = 16;

/** 64-bit FNV-1a as 16 hex digits: stable across processes and languages, no crypto dependency. */
function fnv1a64(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(HASH_LENGTH, '0');
}

/**
 * Lease name for a rollout (spec §2.6): `kuberik-rollout-<name>`, or — when that would pass the
 * 253-character limit (rollout names of 238 and more) — the name cut short plus a hash of the whole
 * name, so every rollout has a Lease that the API server accepts and no two rollouts share one.
 */
export function leaseName(rollout: string): string {
  const plain = `${LEASE_PREFIX}${rollout}`;
  if (plain.length <= MAX_NAME) return plain;
  const keep = MAX_NAME - LEASE_PREFIX.length - HASH_LENGTH - 1;
  return `${LEASE_PREFIX}${rollout.slice(0, keep).replace(/[.-]+$/, '')}-${fnv1a64(rollout)}`;
}

/** The rollout (among `rollouts` of the Lease's namespace) whose Lease is `lease`, if any. */
export function rolloutOfLease(lease: string, rollouts: () => string[]): string | undefined {
  if (!lease.startsWith(LEASE_PREFIX)) return undefined;
  if (lease.length < MAX_NAME) return lease.slice(LEASE_PREFIX.length);
  // A full-length name may be hashed: find the rollout it belongs to.
  return rollouts().find((r) => leaseName(r) === lease);
}
