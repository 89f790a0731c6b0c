// `watch --timeout` can give up while the driver is still starting — after it took the rollout's
// Lease. Giving up must hand the Lease back, or it stays held by a process that has exited.
import { allCrds } from '@kuberik/core/model';
import { type Sandbox, startSandbox } from '@kuberik/core/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { demoTimings, seedDemoApp } from './demo-app.js';
import { openSession } from './session.js';
import { startWatch } from './watch.js';

interface LeaseLike {
  metadata: { name: string };
  spec?: { holderIdentity?: string | null };
}

describe('watch gives up while starting', () => {
  let sandbox: Sandbox | undefined;
  afterEach(async () => sandbox?.close());

  it('hands back the Lease it took and rejects with the reason', async () => {
    sandbox = await startSandbox({ crds: allCrds() as object[] });
    seedDemoApp(sandbox.store, new Date(), demoTimings(1));
    const session = await openSession({ kubeconfigText: sandbox.kubeconfig() });
    const giveUp = new AbortController();
    const reason = new Error('timed out (--timeout)');
    // Give up the moment the server stores the Lease: the driver holds it, start-up is not over.
    let taken = false;
    const unwatch = sandbox.store.watch('coordination.k8s.io/v1', 'Lease', (type, obj) => {
      const lease = obj as LeaseLike;
      if (
        type === 'ADDED' &&
        lease.metadata.name === 'kuberik-rollout-my-app' &&
        lease.spec?.holderIdentity
      ) {
        taken = true;
        giveUp.abort(reason);
      }
    });
    try {
      await expect(
        startWatch(session, { name: 'my-app', namespace: 'default', observe: false, signal: giveUp.signal }),
      ).rejects.toBe(reason);
    } finally {
      unwatch();
      session.close();
    }
    expect(taken).toBe(true);
    const lease = sandbox.store.get(
      'coordination.k8s.io/v1',
      'Lease',
      'kuberik-rollout-my-app',
      'default',
    ) as LeaseLike | undefined;
    expect(lease?.spec?.holderIdentity ?? null).toBeNull();
  });
});
