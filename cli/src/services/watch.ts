// `watch`: a driver scoped to one rollout (driving unless --observe), its snapshots batched into a
// SnapshotStore for the screen, and the TUI keys wired to core's actions.
import type { EngineDriver } from '@kuberik/core/driver';
import type { RolloutActions } from '@kuberik/core/actions';
import type { WatchActions } from '../ui/WatchApp.js';
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
}

export function watchActions(
  actions: () => Promise<RolloutActions>,
  key: { namespace: string; name: string },
): WatchActions {
  return {
    approve: async (version) => (await (await actions()).approve(key, { version })).summary,
    deny: async (version) => (await (await actions()).deny(key, { version })).summary,
    retry: async () => (await (await actions()).retry(key)).summary,
    pin: async (version) => (await (await actions()).pin(key, version)).summary,
    unpin: async () => (await (await actions()).unpin(key)).summary,
  };
}

export async function startWatch(session: Session, o: StartWatchOptions): Promise<WatchHandle> {
  const [{ createDriver }, { whoAmI }, { createActions }] = await Promise.all([
    import('@kuberik/core/driver'),
    import('@kuberik/core/kube'),
    import('@kuberik/core/actions'),
  ]);
  const identity = await whoAmI(session.kube);
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
  await driver.start();
  await driver.idle();
  const first = driver.snapshot(key);
  if (!first) {
    await driver.stop();
    const forbidden = errors.find((e) => e.kind === 'Forbidden' || e.kind === 'Unreachable');
    if (forbidden) throw forbidden;
    throw await rolloutNotFound(session, o.name, o.namespace);
  }
  store.push({ snapshot: first });
  let core: RolloutActions | undefined;
  const actions = watchActions(async () => (core ??= createActions({ kube: session.kube, identity })), key);
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
