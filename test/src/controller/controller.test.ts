// The controller in-process against an API server (the sandbox, or the run's real kube-apiserver):
// it drives every rollout in scope, answers its probes and metrics, logs JSON, and on stop
// releases every Lease it held.
import { afterEach, describe, expect, it } from 'vitest';
import { type ControllerCluster, controllerCluster, eventually } from './support/cluster.js';
import { type RunningController, runInProcess } from './support/in-process.js';

let c: ControllerCluster | undefined;
let running: RunningController | undefined;
afterEach(async () => {
  await running?.stop();
  await c?.close();
  running = c = undefined;
});

const teamApps = [
  { namespace: 'team-a', name: 'web' },
  { namespace: 'team-a', name: 'api' },
  { namespace: 'team-b', name: 'worker' },
];

describe('kubectl kuberik controller (in-process)', () => {
  it('deploys every rollout in scope, serves probes and metrics, and releases its leases on stop', async () => {
    const cc = (c = await controllerCluster(['team-a', 'team-b']));
    const apps = teamApps.map((a) => ({ ...a, namespace: cc.ns(a.namespace) }));
    for (const a of apps) await cc.seedApp({ ...a, tag: 'v1.0.0' });

    // -A; on the shared real server only this file's rollouts (by label).
    running = runInProcess(cc.cluster, {
      identity: 'kuberik-controller-0',
      scope: { allNamespaces: true, ...(cc.selector ? { labelSelector: cc.selector } : {}) },
    });
    const { controller } = running;
    await controller.ready;

    for (const a of apps) {
      await eventually(
        `${a.name} deployed`,
        async () => (await cc.deployed(a.namespace, a.name)) === 'v1.0.0',
      );
      expect(await cc.leaseHolder(a.namespace, a.name)).toBe('kuberik-controller-0');
    }

    const health = `http://${controller.healthAddress}`;
    expect((await fetch(`${health}/healthz`)).status).toBe(200);
    expect((await fetch(`${health}/readyz`)).status).toBe(200);

    const metrics = await (await fetch(`http://${controller.metricsAddress}/metrics`)).text();
    expect(metrics).toContain('kuberik_leases_held 3');
    expect(metrics).toContain('kuberik_rollouts 3');
    expect(metrics).toMatch(
      new RegExp(
        `kuberik_rollout_phase\\{namespace="${cc.ns('team-b')}",rollout="worker",phase="Succeeded"\\} 1`,
      ),
    );
    expect(metrics).toMatch(/kuberik_reconciles_total [1-9]/);
    expect(metrics).toContain('kuberik_lifecycle_events_total{reason="Deployed"} 3');

    await running.stop();
    for (const a of apps) expect(await cc.leaseHolder(a.namespace, a.name)).toBeUndefined();
    await expect(fetch(`${health}/healthz`)).rejects.toThrow();

    const log = running.log();
    expect(log.length).toBeGreaterThan(0);
    for (const line of log)
      expect(line).toEqual(
        expect.objectContaining({
          timestamp: expect.any(String),
          level: expect.any(String),
          msg: expect.any(String),
        }),
      );
    expect(log).toContainEqual(expect.objectContaining({ msg: 'controller ready' }));
    expect(log).toContainEqual(
      expect.objectContaining({
        level: 'info',
        reason: 'Deployed',
        rollout: 'worker',
        namespace: cc.ns('team-b'),
      }),
    );
    expect(log.at(-1)).toEqual(expect.objectContaining({ msg: 'controller stopped' }));
  });

  it('drives only the rollouts matching its namespace and label selector', async () => {
    const cc = (c = await controllerCluster(['team-a', 'team-b']));
    const [teamA, teamB] = [cc.ns('team-a'), cc.ns('team-b')];
    await cc.seedApp({ namespace: teamA, name: 'web', tag: 'v1', labels: { tier: 'front' } });
    await cc.seedApp({ namespace: teamA, name: 'api', tag: 'v1', labels: { tier: 'back' } });
    await cc.seedApp({ namespace: teamB, name: 'web', tag: 'v1', labels: { tier: 'front' } });

    running = runInProcess(cc.cluster, {
      identity: 'team-a-controller',
      scope: { namespace: teamA, labelSelector: 'tier=front' },
    });
    await running.controller.ready;
    await eventually('team-a/web deployed', async () => (await cc.deployed(teamA, 'web')) === 'v1');
    await running.controller.driver.idle();
    expect(running.controller.driver.snapshots().map((s) => `${s.key.namespace}/${s.key.name}`)).toEqual([
      `${teamA}/web`,
    ]);
    expect(await cc.deployed(teamA, 'api')).toBeUndefined();
    expect(await cc.deployed(teamB, 'web')).toBeUndefined();
    expect(await cc.leaseHolder(teamB, 'web')).toBeUndefined();
  });

  it('refuses a scope without a namespace and a bad listen address before starting anything', async () => {
    const cc = (c = await controllerCluster(['team-a']));
    expect(() => runInProcess(cc.cluster, { identity: 'x', scope: {} })).toThrow(/-n NAMESPACE or -A/);
    expect(() => runInProcess(cc.cluster, { identity: 'x', metricsAddr: 'localhost' })).toThrow(
      /invalid metrics address "localhost"/,
    );
  });
});
