// Follows the rollout's Approved/Denied Events so the watch can say who approved ("… approved by
// alice"). Best effort: if Events cannot be read, the screen simply omits the name.
import type { Session } from './session.js';
import { parseVerdictEvent, type Verdicts } from '../format/verdicts.js';

export async function followVerdicts(
  session: Session,
  key: { namespace: string; name: string },
  onChange: (verdicts: Verdicts) => void,
): Promise<() => void> {
  const { Kinds } = await import('@kuberik/core/kube');
  const verdicts: Verdicts = {};
  const fieldSelector = `involvedObject.kind=Rollout,involvedObject.name=${key.name}`;
  const take = (ev: { reason?: string; message?: string; involvedObject?: { name?: string } }) => {
    if (ev.involvedObject?.name !== key.name) return false;
    const parsed = parseVerdictEvent(ev.reason, ev.message);
    if (!parsed) return false;
    verdicts[parsed[0]] = parsed[1];
    return true;
  };
  let stopped = false;
  let handle: { abort(): void } | undefined;
  try {
    const list = await session.kube.list(Kinds.Event, { namespace: key.namespace, fieldSelector });
    if (list.items.map(take).some(Boolean)) onChange({ ...verdicts });
    handle = await session.kube.watch(
      Kinds.Event,
      { namespace: key.namespace, fieldSelector, resourceVersion: list.resourceVersion },
      (ev) => {
        if (!stopped && (ev.type === 'ADDED' || ev.type === 'MODIFIED') && take(ev.object))
          onChange({ ...verdicts });
      },
      () => undefined,
    );
  } catch {
    // no permission to read Events, or none served: names are a courtesy
  }
  return () => {
    stopped = true;
    handle?.abort();
  };
}

/** One read of the verdicts so far (for `history`); empty when Events cannot be read. */
export async function readVerdicts(
  session: Session,
  key: { namespace: string; name: string },
): Promise<Verdicts> {
  const { Kinds } = await import('@kuberik/core/kube');
  const verdicts: Verdicts = {};
  try {
    const fieldSelector = `involvedObject.kind=Rollout,involvedObject.name=${key.name}`;
    const list = await session.kube.list(Kinds.Event, { namespace: key.namespace, fieldSelector });
    const when = (e: (typeof list.items)[number]) => e.lastTimestamp ?? e.firstTimestamp ?? '';
    const events = [...list.items].sort((a, b) => when(a).localeCompare(when(b)));
    for (const ev of events) {
      if (ev.involvedObject?.name !== key.name) continue;
      const parsed = parseVerdictEvent(ev.reason, ev.message);
      if (parsed) verdicts[parsed[0]] = parsed[1];
    }
  } catch {
    // reasons are a courtesy: without Events the column shows what the history itself holds
  }
  return verdicts;
}
