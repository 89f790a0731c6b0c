// The TUI's keys act on the rollout the watch's driver already holds: a key press costs the
// action's writes, not a fresh GET of the rollout first.
import { allCrds, type Rollout } from '@kuberik/core/model';
import { type Sandbox, startSandbox } from '@kuberik/core/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO, demoTimings, seedDemoApp } from './demo-app.js';
import { openSession } from './session.js';
import { startWatch, type WatchHandle } from './watch.js';

describe('watch keys', () => {
  let sandbox: Sandbox | undefined;
  let handle: WatchHandle | undefined;
  afterEach(async () => {
    await handle?.stop();
    await sandbox?.close();
  });

  it('pin writes spec.wantedVersion without re-reading the rollout', async () => {
    sandbox = await startSandbox({ crds: allCrds() as object[] });
    seedDemoApp(sandbox.store, new Date(), demoTimings(1));
    const session = await openSession({ kubeconfigText: sandbox.kubeconfig() });
    handle = await startWatch(session, { name: DEMO.rollout, namespace: DEMO.namespace, observe: false });
    // The deployed version is a known release once the driver has recorded it.
    await expect
      .poll(() => handle?.driver.snapshot({ namespace: DEMO.namespace, name: DEMO.rollout })?.rollout)
      .toSatisfy((r?: Rollout) => !!r?.status?.availableReleases?.some((v) => v.tag === DEMO.firstVersion));

    const before = sandbox.requests.length;
    const summary = await handle.actions.pin(DEMO.firstVersion);
    const during = sandbox.requests.slice(before).filter((r) => r.path.endsWith(`/rollouts/${DEMO.rollout}`));

    expect(summary).toContain(DEMO.firstVersion);
    expect(during.map((r) => r.method)).toEqual(['PATCH']);
    const stored = sandbox.store.get(
      'kuberik.com/v1alpha1',
      'Rollout',
      DEMO.rollout,
      DEMO.namespace,
    ) as unknown as Rollout;
    expect(stored.spec.wantedVersion).toBe(DEMO.firstVersion);
    session.close();
  });
});
