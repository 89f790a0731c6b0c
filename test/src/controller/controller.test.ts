// The controller in-process against the sandbox: it drives every rollout in scope, answers its
// probes and metrics, logs JSON, and on stop releases every Lease it held.
import type { Sandbox } from '@kuberik/core/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import {
  KUSTOMIZATION,
  ensureNamespace,
  leaseHolder,
  seedApp,
  substituted,
  waitFor,
} from './support/fixtures.js';
import { type RunningController, runInProcess, sandboxWithCrds } from './support/in-process.js';

let sandbox: Sandbox | undefined;
let running: RunningController | undefined;
afterEach(async () => {
  await running?.stop();
  await sandbox?.close();
  running = sandbox = undefined;
});

const apps = [
  { namespace: 'team-a', name: 'web' },
  { namespace: 'team-a', name: 'api' },
  { namespace: 'team-b', name: 'worker' },
];

describe('kubectl kuberik controller (in-process)', () => {
  it('deploys every rollout in scope, serves probes and metrics, and releases its leases on stop', async () => {
    sandbox = await sandboxWithCrds();
    for (const ns of ['team-a', 'team-b']) ensureNamespace(sandbox.store, ns);
    for (const a of apps) seedApp(sandbox.store, { ...a, tag: 'v1.0.0' });

    running = runInProcess(sandbox, { identity: 'kuberik-controller-0' });
    const { controller } = running;
    await controller.ready;

    const store = sandbox.store;
    for (const a of apps) {
      await waitFor(
        `${a.name} deployed`,
        () =>
          substituted(store.get(KUSTOMIZATION.apiVersion, KUSTOMIZATION.kind, a.name, a.namespace)) ===
          'v1.0.0',
      );
      expect(leaseHolder(store, a.namespace, a.name)).toBe('kuberik-controller-0');
    }

    const health = `http://${controller.healthAddress}`;
    expect((await fetch(`${health}/healthz`)).status).toBe(200);
    expect((await fetch(`${health}/readyz`)).status).toBe(200);

    const metrics = await (await fetch(`http://${controller.metricsAddress}/metrics`)).text();
    expect(metrics).toContain('kuberik_leases_held 3');
    expect(metrics).toContain('kuberik_rollouts 3');
    expect(metrics).toMatch(
      /kuberik_rollout_phase\{namespace="team-b",rollout="worker",phase="Succeeded"\} 1/,
    );
    expect(metrics).toMatch(/kuberik_reconciles_total [1-9]/);
    expect(metrics).toContain('kuberik_lifecycle_events_total{reason="Deployed"} 3');

    await running.stop();
    for (const a of apps) expect(leaseHolder(store, a.namespace, a.name)).toBeUndefined();
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
      expect.objectContaining({ level: 'info', reason: 'Deployed', rollout: 'worker', namespace: 'team-b' }),
    );
    expect(log.at(-1)).toEqual(expect.objectContaining({ msg: 'controller stopped' }));
  });

  it('drives only the rollouts matching its namespace and label selector', async () => {
    sandbox = await sandboxWithCrds();
    for (const ns of ['team-a', 'team-b']) ensureNamespace(sandbox.store, ns);
    seedApp(sandbox.store, { namespace: 'team-a', name: 'web', tag: 'v1', labels: { tier: 'front' } });
    seedApp(sandbox.store, { namespace: 'team-a', name: 'api', tag: 'v1', labels: { tier: 'back' } });
    seedApp(sandbox.store, { namespace: 'team-b', name: 'web', tag: 'v1', labels: { tier: 'front' } });

    running = runInProcess(sandbox, {
      identity: 'team-a-controller',
      scope: { namespace: 'team-a', labelSelector: 'tier=front' },
    });
    await running.controller.ready;
    const store = sandbox.store;
    await waitFor(
      'team-a/web deployed',
      () => substituted(store.get(KUSTOMIZATION.apiVersion, KUSTOMIZATION.kind, 'web', 'team-a')) === 'v1',
    );
    await running.controller.driver.idle();
    expect(running.controller.driver.snapshots().map((s) => `${s.key.namespace}/${s.key.name}`)).toEqual([
      'team-a/web',
    ]);
    expect(
      substituted(store.get(KUSTOMIZATION.apiVersion, KUSTOMIZATION.kind, 'api', 'team-a')),
    ).toBeUndefined();
    expect(
      substituted(store.get(KUSTOMIZATION.apiVersion, KUSTOMIZATION.kind, 'web', 'team-b')),
    ).toBeUndefined();
    expect(leaseHolder(store, 'team-b', 'web')).toBeUndefined();
  });

  it('refuses a scope without a namespace and a bad listen address before starting anything', async () => {
    sandbox = await sandboxWithCrds();
    expect(() => runInProcess(sandbox!, { identity: 'x', scope: {} })).toThrow(/-n NAMESPACE or -A/);
    expect(() => runInProcess(sandbox!, { identity: 'x', metricsAddr: 'localhost' })).toThrow(
      /invalid metrics address "localhost"/,
    );
  });
});
