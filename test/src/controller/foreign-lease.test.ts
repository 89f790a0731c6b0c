// The driver's Lease informer selects on app.kubernetes.io/managed-by=kuberik, so a rollout's Lease
// that someone else created without that label never reaches its cache. It must still be respected,
// by a `watch` (one renewed Lease per rollout) and by a controller (shard Leases): while its holder
// is live the rollout is left alone and shown as driven by that holder; once it expired (a change
// no watch event reports) it is taken over, with the resourceVersion precondition, and labelled.
import { createDriver, type EngineDriver, MANAGED_BY, microTime } from '@kuberik/core/driver';
import { createKube, Kinds, type Kube, type Lease } from '@kuberik/core/kube';
import { leaseName } from '@kuberik/core/model';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { type ControllerCluster, controllerCluster, eventually } from './support/cluster.js';
import { runInProcess } from './support/in-process.js';

const FOREIGN = 'some-other-tool';
let cc: ControllerCluster;
let ns: string;
const cleanup: Array<() => Promise<void>> = [];

beforeAll(async () => {
  cc = await controllerCluster(['foreign-lease']);
  ns = cc.ns('foreign-lease');
  for (const name of ['by-watch', 'by-controller', 'deleted'])
    await cc.seedApp({ namespace: ns, name, tag: 'v1' });
}, 300_000);
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
afterAll(async () => cc?.close());

/** A live Lease of `rollout` held by a foreign tool, without our label; answers when it was written. */
async function foreignLease(rollout: string): Promise<Lease> {
  const now = microTime(new Date());
  return cc.kube.create(Kinds.Lease, {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: leaseName(rollout), namespace: ns },
    spec: { holderIdentity: FOREIGN, leaseDurationSeconds: 3600, acquireTime: now, renewTime: now },
  });
}

/** The foreign tool stops renewing: its Lease expired long ago (no label, so no driver hears of it). */
async function expire(rollout: string): Promise<Date> {
  const long = microTime(new Date(Date.now() - 7200_000));
  await cc.kube.mergePatch(Kinds.Lease, ns, leaseName(rollout), {
    spec: { renewTime: long, leaseDurationSeconds: 5 },
  });
  return new Date();
}

async function leaseOf(rollout: string): Promise<Lease | undefined> {
  return cc.kube.find(Kinds.Lease, ns, leaseName(rollout));
}

/** `driver` shows the foreign holder of `rollout` and leaves it alone: the Lease and the deploy untouched. */
async function expectLeftAlone(driver: EngineDriver, rollout: string, who: string): Promise<void> {
  const key = { namespace: ns, name: rollout };
  await eventually(`${who} shows the foreign holder`, () => driver.snapshot(key)?.lease.holder === FOREIGN);
  expect(driver.snapshot(key)?.lease.driving).toBe(false);
  expect((await leaseOf(rollout))?.spec?.holderIdentity).toBe(FOREIGN);
  expect(await cc.deployed(ns, rollout)).toBeUndefined();
}

/** The Lease as taken over: our holder, our label, one more transition, acquired after `expiredAt`. */
async function expectTakenOver(rollout: string, holder: string, expiredAt: Date): Promise<void> {
  const taken = await eventually(`${rollout}'s Lease taken over by ${holder}`, async () => {
    const l = await leaseOf(rollout);
    return l?.spec?.holderIdentity === holder ? l : undefined;
  });
  expect(taken.metadata.labels?.[MANAGED_BY]).toBe('kuberik');
  expect(taken.spec?.leaseTransitions).toBe(1);
  // Whole seconds on the server: acquired no earlier than the second in which it expired.
  expect(Date.parse(taken.spec?.acquireTime ?? '')).toBeGreaterThanOrEqual(
    Math.floor(expiredAt.getTime() / 1000) * 1000 - 1000,
  );
  await eventually(
    `${rollout} deployed by its new driver`,
    async () => (await cc.deployed(ns, rollout)) === 'v1',
  );
}

/** What `kubectl kuberik watch <rollout>` runs: a driver renewing one Lease per rollout. */
async function startWatch(rollout: string): Promise<EngineDriver> {
  const kube: Kube = createKube({ kubeconfigText: cc.cluster.kubeconfig() });
  const driver = createDriver({
    kube,
    scope: { namespace: ns, name: rollout },
    identity: 'dev',
    holderIdentity: 'dev-watch',
    leaseDurationMs: 6000,
    renewMs: 2000,
  });
  cleanup.push(async () => {
    await driver.stop();
    kube.close();
  });
  await driver.start();
  return driver;
}

describe('a rollout Lease without our label', () => {
  it('a watch leaves it alone while its holder is live, then takes it over', async () => {
    await foreignLease('by-watch');
    const driver = await startWatch('by-watch');
    const key = { namespace: ns, name: 'by-watch' };
    // The create's 409 found it: the watch shows the foreign holder and does not drive.
    await expectLeftAlone(driver, 'by-watch', 'the watch');

    const expiredAt = await expire('by-watch');
    await expectTakenOver('by-watch', 'dev-watch', expiredAt);
    await eventually('the watch drives it', () => driver.snapshot(key)?.lease.driving === true);
  }, 120_000);

  it('a controller leaves it alone while its holder is live, then takes it over', async () => {
    await foreignLease('by-controller');
    const running = runInProcess(cc.cluster, {
      identity: 'ctl-0',
      // This rollout only (the other tests' rollouts share the namespace).
      scope: { namespace: ns, labelSelector: [cc.selector, 'app=by-controller'].filter(Boolean).join(',') },
      shardNamespace: ns,
      shards: 1,
      leaseDurationMs: 6000,
      renewMs: 2000,
    });
    cleanup.push(() => running.stop());
    await running.controller.ready;
    await expectLeftAlone(running.controller.driver, 'by-controller', 'the controller');

    const expiredAt = await expire('by-controller');
    await expectTakenOver('by-controller', 'ctl-0', expiredAt);
  }, 120_000);

  it('a watch whose foreign Lease is deleted (no event reaches it) creates its own', async () => {
    await foreignLease('deleted');
    const driver = await startWatch('deleted');
    const key = { namespace: ns, name: 'deleted' };
    await eventually(
      'the watch shows the foreign holder',
      () => driver.snapshot(key)?.lease.holder === FOREIGN,
    );
    await cc.kube.delete(Kinds.Lease, ns, leaseName('deleted'));
    const ours = await eventually('a Lease of the watch', async () => {
      const l = await leaseOf('deleted');
      return l?.spec?.holderIdentity === 'dev-watch' ? l : undefined;
    });
    expect(ours.metadata.labels?.[MANAGED_BY]).toBe('kuberik');
    expect(ours.spec?.leaseTransitions).toBe(0); // created anew, not taken over
    await eventually('the watch drives it', () => driver.snapshot(key)?.lease.driving === true);
  }, 120_000);
});
