// Core's actions for the write commands (which validate and write exactly what spec §4 says), and
// the lines the commands add after a write.
import type { ActionResult, RolloutActions } from '@kuberik/core/actions';
import type { Session } from './session.js';

/** Who acts is asked (SelfSubjectReview) only when an action records it: unpin never does. */
export async function openActions(session: Session): Promise<RolloutActions> {
  const { createActions } = await import('@kuberik/core/actions');
  const { whoAmI } = await import('@kuberik/core/kube');
  return createActions({ kube: session.kube, identity: () => whoAmI(session.kube) });
}

export function summarize(result: ActionResult): string {
  return result.changed.length === 0 ? `${result.summary} (nothing changed)` : result.summary;
}

/**
 * After a write: the line to add when no live driver holds the rollout's lease, because the
 * action is then only recorded. Undefined when someone drives it, or when the lease is unreadable
 * (no RBAC on leases: we cannot tell, so we do not guess). Liveness is the driver's own rule
 * (liveHolder): a controller's Lease lives while the shard Lease it points at does.
 */
export async function undrivenNote(
  session: Session,
  key: { namespace: string; name: string },
): Promise<string | undefined> {
  const { Kinds, isKubeError } = await import('@kuberik/core/kube');
  const { leaseName } = await import('@kuberik/core/model');
  const { liveHolder, shardRef } = await import('@kuberik/core/driver');
  const { noDriverHint } = await import('@kuberik/core/present');
  try {
    const lease = await session.kube.get(Kinds.Lease, key.namespace, leaseName(key.name));
    const ref = shardRef(lease);
    // A shard we may not read stays 'unknown': liveHolder then trusts the Lease's own times.
    const shard = ref
      ? await session.kube.find(Kinds.Lease, ref.namespace, ref.name).catch(() => 'unknown' as const)
      : undefined;
    if (liveHolder(lease, new Date(), () => shard)) return undefined;
  } catch (e) {
    if (!isKubeError(e, 'NotFound')) return undefined;
  }
  return `recorded; ${noDriverHint(key.name, key.namespace)}`;
}
