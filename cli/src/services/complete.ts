// Fetches what completion needs: rollout names (one LIST), versions of one rollout (one GET),
// namespaces, contexts. Anything failing yields no candidates, never an error.
import { Kinds, loadKubeConfig } from '@kuberik/core/kube';
import { parseWords, type CommandSpec, type Need } from '../format/complete.js';
import { openSession } from './session.js';

export async function candidatesFor(
  need: Need,
  before: string[],
  commands: CommandSpec[],
): Promise<{ words: string[]; directive?: number }> {
  if (need.kind === 'words') return { words: need.words };
  if (need.kind === 'none') return { words: [] };
  if (need.kind === 'files') return { words: [], directive: 0 };
  const { values } = parseWords(before, commands);
  const target = { kubeconfig: values.kubeconfig, context: values.context, namespace: values.namespace };
  if (need.kind === 'contexts') {
    return {
      words: loadKubeConfig({ kubeconfig: target.kubeconfig })
        .kc.getContexts()
        .map((c) => c.name),
    };
  }
  const session = await openSession(target);
  try {
    if (need.kind === 'namespaces') {
      return { words: (await session.kube.list(Kinds.Namespace)).items.map((n) => n.metadata.name) };
    }
    if (need.kind === 'rollouts') {
      const list = await session.kube.list(Kinds.Rollout, { namespace: session.namespace });
      return { words: list.items.map((r) => r.metadata.name).sort() };
    }
    const r = await session.kube.get(Kinds.Rollout, session.namespace, need.rollout);
    const tags = (r.status?.availableReleases ?? []).map((v) => v.tag).reverse();
    const pending = r.status?.pendingVersion;
    return { words: pending ? [pending, ...tags.filter((t) => t !== pending)] : tags };
  } finally {
    session.close();
  }
}
