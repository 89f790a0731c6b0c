// The decisions recorded on a rollout's RolloutGates (status.decisions), for `history` entries the
// driver wrote before it copied approvers into them. Best effort: a gate list we may not read
// leaves the column to what the history itself holds.
import type { Session } from './session.js';
import { verdictsOf, type Verdicts } from '../format/verdicts.js';

export async function readVerdicts(
  session: Session,
  key: { namespace: string; name: string },
): Promise<Verdicts> {
  const { Kinds } = await import('@kuberik/core/kube');
  try {
    const gates = (await session.kube.list(Kinds.RolloutGate, { namespace: key.namespace })).items.filter(
      (g) => g.spec?.rolloutRef?.name === key.name,
    );
    return verdictsOf(gates);
  } catch {
    return {};
  }
}
