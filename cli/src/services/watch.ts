// `watch`: a driver scoped to one rollout (driving unless --observe), its snapshots batched into a
// SnapshotStore for the screen, and the TUI keys wired to core's actions.
import type { EngineDriver } from '@kuberik/core/driver';
import type { ActionRequest, PrepareOptions, RolloutActions } from '@kuberik/core/actions';
import type { WatchActions } from '../ui/watch-contracts.js';
import { rolloutNotFound } from './rollouts.js';
import type { Session } from './session.js';
import { SnapshotStore } from './snapshot-store.js';

export interface WatchHandle {
  store: SnapshotStore;
  driver: EngineDriver;
  actions: WatchActions;
  identity: string;
  stop(): Promise<void>;
}

export interface StartWatchOptions {
  name: string;
  namespace: string;
  observe: boolean;
  /** Redraw budget (ms between screen updates). */
  batchMs?: number;
  /** Gives up starting (`watch --timeout`): the driver stops and hands back any Lease it took. */
  signal?: AbortSignal;
}

/** How long giving up waits for the driver to hand back its Lease (its requests may hang). */
const ABANDON_GRACE_MS = 3000;

/**
 * The TUI keys as core actions on what the watch's driver already holds: the rollout from its
 * cache (no GET per key press) and what it observes, so a retry the engine would refuse is refused
 * up front, as the `retry` command does.
 */
export function watchActions(
  actions: () => Promise<RolloutActions>,
  key: { namespace: string; name: string },
  cached: () => PrepareOptions = () => ({}),
): WatchActions {
  const run = async (request: ActionRequest): Promise<string> => {
    const prepared = await (await actions()).prepare(key, request, cached());
    return (await prepared.commit()).result.summary;
  };
  return {
    approve: (version) => run({ action: 'approve', version }),
    deny: (version) => run({ action: 'deny', version }),
    retry: () => run({ action: 'retry' }),
    pin: (version) => run({ action: 'pin', version }),
    unpin: () => run({ action: 'unpin' }),
  };
}

export async function startWatch(session: Session, o: StartWatchOptions): Promise<WatchHandle> {
  const [{ createDriver }, { whoAmI }, { createActions }] = await Promise.all([
    import('@kuberik/core/driver'),
    import('@kuberik/core/kube'),
    import('@kuberik/core/actions'),
  ]);
  const identity = await untilAborted(o.signal, () => whoAmI(session.kube));
  const key = { namespace: o.namespace, name: o.name };
  const driver = createDriver({
    kube: session.kube,
    scope: { namespace: o.namespace, name: o.name },
    identity,
    observe: o.observe,
  });
  const store = new SnapshotStore(o.batchMs ?? 100);
  const errors: Array<{ kind: string; message: string }> = [];
  driver.subscribe((e) => {
    if (e.type === 'snapshot' && e.snapshot.key.name === o.name && e.snapshot.key.namespace === o.namespace) {
      store.push({ snapshot: e.snapshot, error: undefined });
    } else if (e.type === 'error' && (!e.key || e.key.name === o.name)) {
      errors.push(e.error);
      store.push({ error: e.error.message });
    } else if (e.type === 'removed' && e.key.name === o.name) {
      store.push({ error: `rollout ${o.name} was deleted` });
    }
  });
  try {
    await untilAborted(o.signal, async () => {
      await driver.start();
      await driver.idle();
    });
  } catch (e) {
    // The driver may hold the rollout's Lease by now: release it, or it would stay held by a
    // process that has exited until it expires.
    await Promise.race([driver.stop(), new Promise((r) => setTimeout(r, ABANDON_GRACE_MS).unref())]);
    throw e;
  }
  const first = driver.snapshot(key);
  if (!first) {
    await driver.stop();
    const forbidden = errors.find((e) => e.kind === 'Forbidden' || e.kind === 'Unreachable');
    if (forbidden) throw forbidden;
    throw await rolloutNotFound(session, o.name, o.namespace);
  }
  store.push({ snapshot: first });
  let core: RolloutActions | undefined;
  const actions = watchActions(
    async () => (core ??= createActions({ kube: session.kube, identity })),
    key,
    () => ({ rollout: driver.snapshot(key)?.rollout, observed: driver.observed(key) }),
  );
  return {
    store,
    driver,
    actions,
    identity,
    stop: async () => {
      store.close();
      await driver.stop();
    },
  };
}

/** Runs `work`, rejecting with the signal's reason as soon as it aborts. */
function untilAborted<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
  if (!signal) return work();
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work()
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}
