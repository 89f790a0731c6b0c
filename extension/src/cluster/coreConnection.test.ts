// The production connection (coreAccess, mergeDrivers) against a real API server: core's sandbox in
// this process, reached through a kubeconfig file as the extension reaches a cluster. Covers the
// extension↔core seam even where no editor runs (the editor tier covers it again inside VS Code).
import type { Driver, DriverEvent } from '@kuberik/core/driver';
import { Kinds } from '@kuberik/core/kube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEXT, ROLLOUTS, startSandboxCluster, type SandboxCluster } from '../test-support/sandboxCluster.js';
import type { ClusterConnection } from './connection.js';
import { coreAccess } from './coreConnection.js';
import { CAPABILITY_CHECKS } from './permissions.js';

let cluster: SandboxCluster;
const open: ClusterConnection[] = [];
const drivers: Driver[] = [];

beforeAll(async () => {
  cluster = await startSandboxCluster();
}, 60_000);

afterAll(async () => {
  await Promise.all(drivers.map((d) => d.stop()));
  open.forEach((c) => c.close());
  await cluster?.close();
});

async function connect(kubeconfig = cluster.kubeconfigPath): Promise<ClusterConnection> {
  const c = await coreAccess.connect({ kubeconfig });
  open.push(c);
  return c;
}
async function started(d: Driver): Promise<Driver> {
  drivers.push(d);
  await d.start();
  return d;
}
const names = (d: Driver) =>
  d
    .snapshots()
    .map((s) => `${s.key.namespace}/${s.key.name}`)
    .sort();

/** The first event on `d` that passes `check`, or a timeout that says what was awaited. */
function nextEvent(d: Driver, what: string, check: (e: DriverEvent) => boolean): Promise<DriverEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no event: ${what}`));
    }, 20_000);
    const off = d.subscribe((e) => {
      if (!check(e)) return;
      off();
      clearTimeout(timer);
      resolve(e);
    });
  });
}

describe('coreAccess against a sandbox API server', () => {
  it('connects through the kubeconfig setting and names its context and server', async () => {
    const c = await connect();
    expect(c.server).toBe(cluster.sandbox.url);
    expect(c.context).toBeTruthy();
    expect(await coreAccess.contexts({ kubeconfig: cluster.kubeconfigPath })).toEqual({
      names: [c.context],
      current: c.context,
    });
    expect(await c.listNamespaces()).toEqual(expect.arrayContaining(['team-a', 'team-b', 'team-c']));
  });

  it('a missing kubeconfig file is a NoConfig error naming the file', async () => {
    const missing = `${cluster.dir}/nope.yaml`;
    await expect(coreAccess.connect({ kubeconfig: missing })).rejects.toMatchObject({
      kind: 'NoConfig',
      message: expect.stringContaining(missing),
    });
  });

  it('observe(namespaces) merges one driver per namespace and shows only those namespaces', async () => {
    const c = await connect();
    const d = await started(c.observe(['team-a', 'team-b']));
    expect(names(d)).toEqual(['team-a/checkout', 'team-b/payments']);
    // snapshot() finds a rollout whichever of the merged drivers holds it
    const payments = d.snapshot({ namespace: 'team-b', name: 'payments' });
    expect(payments?.rollout.status?.pendingVersion).toBe(NEXT);
    expect(payments?.gates.map((g) => g.metadata.name)).toEqual(['payments-approval']);
    expect(payments?.lease).toMatchObject({ driving: false, holder: 'ext-test-controller' });
    expect(d.snapshot({ namespace: 'team-c', name: 'search' })).toBeUndefined();
  });

  it('observe([]) watches all namespaces with one driver', async () => {
    const c = await connect();
    const d = await started(c.observe([]));
    expect(names(d)).toEqual(ROLLOUTS.map((r) => `${r.namespace}/${r.name}`).sort());
  });

  it('the merged driver delivers changes from every namespace; the actions API writes the cluster', async () => {
    const c = await connect();
    const d = await started(c.observe(['team-a', 'team-b']));
    const key = { namespace: 'team-b', name: 'payments' };
    const deployed = nextEvent(
      d,
      `payments shows ${NEXT} as current`,
      (e) =>
        e.type === 'snapshot' &&
        e.snapshot.key.name === 'payments' &&
        e.snapshot.rollout.status?.currentVersion === NEXT,
    );
    const result = await c.actions.approve(key, { message: 'verified on staging' });
    expect(result.summary).toBe(`${NEXT} approved on payments-approval`);
    const gate = await cluster.kube.get(Kinds.RolloutGate, 'team-b', 'payments-approval');
    expect(gate.spec.allowedVersions).toContain(NEXT);
    await deployed; // the controller deployed it, and the observing driver saw it
  });

  it('stop() stops every merged driver: no more events after it', async () => {
    const c = await connect();
    const d = c.observe(['team-a', 'team-c']);
    await d.start();
    const seen: DriverEvent[] = [];
    d.subscribe((e) => seen.push(e));
    await d.stop();
    seen.length = 0;
    await c.actions.deny({ namespace: 'team-c', name: 'search' }, {});
    // The controller acts on the denial; wait until it has, then check the stopped driver heard nothing.
    await cluster.until('search', 'reject the version', (s) => s.rollout.status?.phase === 'Rejected');
    expect(seen.filter((e) => e.type === 'snapshot')).toEqual([]);
  });

  it('canI answers from SelfSubjectAccessReview: a read-only user is denied with the reason', async () => {
    const admin = await connect();
    expect(await admin.canI(CAPABILITY_CHECKS.approve, 'team-a')).toEqual({ allowed: true });
    const viewer = await connect(cluster.viewerKubeconfigPath);
    expect(await viewer.canI(CAPABILITY_CHECKS.approve, 'team-a')).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/^you may not patch rolloutgates\.kuberik\.com in namespace team-a/),
    });
    expect(await viewer.canI(CAPABILITY_CHECKS.lease, 'team-a')).toMatchObject({ allowed: false });
  });
});
