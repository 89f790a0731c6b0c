// What each tree action needs from RBAC, and the verdicts the tree shows. The checks themselves go
// through core's canI (SelfSubjectAccessReview); this file is pure.

export type Verdict = { allowed: true } | { allowed: false; reason: string };

/** The three capabilities the tree's actions need, per namespace. */
export type Capability = 'approve' | 'patch' | 'lease';

export interface AccessCheck {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
}

export const CAPABILITY_CHECKS: Record<Capability, AccessCheck> = {
  /** Approve/Deny edit RolloutGate allowedVersions/deniedVersions. */
  approve: { verb: 'patch', group: 'kuberik.com', resource: 'rolloutgates' },
  /** Deploy, Pin, Unpin, Rollback, Retry, Unblock write the Rollout's spec or annotations. */
  patch: { verb: 'patch', group: 'kuberik.com', resource: 'rollouts' },
  /** Watch Rollout drives it, which needs the rollout's Lease. */
  lease: { verb: 'update', group: 'coordination.k8s.io', resource: 'leases' },
};

/** Unknown (not yet checked) counts as allowed: the action itself still refuses with a clear error. */
export type NamespacePermissions = Partial<Record<Capability, Verdict>>;

export const denialReason = (p: NamespacePermissions, c: Capability): string | undefined => {
  const v = p[c];
  return v && !v.allowed ? v.reason : undefined;
};

/** `you may not patch rolloutgates.kuberik.com in team-a` (+ the server's reason when it gave one). */
export function describeDenial(check: AccessCheck, namespace: string, serverReason?: string): string {
  const res = check.group ? `${check.resource}.${check.group}` : check.resource;
  const base = `you may not ${check.verb} ${res} in namespace ${namespace}`;
  return serverReason ? `${base} (${serverReason})` : base;
}
