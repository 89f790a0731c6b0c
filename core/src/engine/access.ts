// Fail closed on what cannot be read (spec §10.6): a driver that RBAC forbids to read an object
// that could gate, block or take part in a deploy does not deploy automatically, and says which
// object and which verb. The driver reports the denials; the engine only words and applies them.
import type { ConditionValue } from './conditions.js';

/** One read the driver was refused. */
export interface AccessProblem {
  /** RBAC resource name, `kustomizations.kustomize.toolkit.fluxcd.io` or `namespaces`. */
  resource: string;
  /** The verb refused: `list` or `watch`. */
  verb: string;
  /** Undefined for cluster-scoped kinds and all-namespace reads. */
  namespace?: string;
  /** What the read is for, for the message ("Kustomizations in other namespaces that deploy it"). */
  purpose?: string;
}

const where = (p: AccessProblem): string =>
  p.namespace ? `in namespace ${p.namespace}` : 'at the cluster scope';

export function accessMessage(problems: AccessProblem[]): string | undefined {
  if (problems.length === 0) return undefined;
  const parts = problems.map(
    (p) => `cannot ${p.verb} ${p.resource} ${where(p)}${p.purpose ? ` (${p.purpose})` : ''}`,
  );
  return `Automatic deploys hold: this driver ${parts.join('; ')}. Grant it list and watch there, or let a driver that can read them (the controller) drive this rollout`;
}

export const accessBlocked = (message: string): ConditionValue => ({
  status: 'True',
  reason: 'ReadForbidden',
  message,
});

/**
 * Could the Kustomization `ns/name` exist unseen? Then its absence is no evidence, and a
 * kustomization-class HealthCheck must not be told "not found".
 */
export function kustomizationHidden(problems: AccessProblem[], ns: string): boolean {
  return problems.some(
    (p) => p.resource.startsWith('kustomizations.') && (p.namespace === undefined || p.namespace === ns),
  );
}
