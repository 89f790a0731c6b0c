// One GET for commands that need only the Rollout object itself (history, completion of versions).
import type { Rollout } from '@kuberik/core/model';
import { rolloutNotFound } from './rollouts.js';
import type { Session } from './session.js';

export async function readRollout(session: Session, name: string, namespace?: string): Promise<Rollout> {
  const { Kinds, isKubeError } = await import('@kuberik/core/kube');
  const ns = namespace ?? session.namespace;
  try {
    return await session.kube.get(Kinds.Rollout, ns, name);
  } catch (e) {
    if (isKubeError(e, 'NotFound')) throw await rolloutNotFound(session, name, ns);
    throw e;
  }
}
