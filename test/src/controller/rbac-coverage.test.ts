// The controller's ClusterRole (config/rbac/role.yaml) covers every request a full rollout
// lifecycle makes, and grants nothing the controller never uses: the controller runs in-process
// with a bearer token whose rules are read from that YAML, against a sandbox that enforces them.
import { fileURLToPath } from 'node:url';
import type { Sandbox, StoredObject } from '@kuberik/core/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import {
  KUSTOMIZATION,
  ROLLOUT,
  ensureNamespace,
  leaseHolder,
  publish,
  seedApp,
  substituted,
  waitFor,
} from './support/fixtures.js';
import { type RunningController, runInProcess, sandboxWithCrds } from './support/in-process.js';
import { accessKey, accessOf, granted, rulesOf } from './support/rbac.js';

const roleFile = fileURLToPath(new URL('../../../config/rbac/role.yaml', import.meta.url));
const TOKEN = 'kuberik-controller-token';
const NS = 'shop';

let sandbox: Sandbox | undefined;
let running: RunningController | undefined;
let stopFlux: (() => void) | undefined;
afterEach(async () => {
  stopFlux?.();
  await running?.stop();
  await sandbox?.close();
  running = sandbox = stopFlux = undefined;
});

type Status = {
  phase?: string;
  currentVersion?: string;
  pendingVersion?: string;
  history?: Array<{ bakeStatus?: string; version: { tag: string } }>;
};

describe('controller RBAC (config/rbac/role.yaml)', () => {
  it('covers every request of a full lifecycle: no 403, and every grant is used', async () => {
    const rules = rulesOf(roleFile, 'ClusterRole', 'kuberik-controller');
    sandbox = await sandboxWithCrds({
      users: { [TOKEN]: { username: 'system:serviceaccount:kuberik-system:kuberik-controller', rules } },
      requestLogSize: 100_000,
    });
    const store = sandbox.store;
    ensureNamespace(store, NS, { env: 'production' });
    seedApp(store, { namespace: NS, name: 'checkout', tag: 'v1', healthCheck: true, bakeTime: '1s' });
    store.create({
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'RolloutGate',
      metadata: { namespace: NS, name: 'production-approval' },
      spec: { rolloutRef: { name: 'checkout' } },
    });
    store.create({
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'ClusterRolloutSchedule',
      metadata: { name: 'always-open' },
      spec: {
        rolloutSelector: {},
        action: 'Allow',
        rules: [{ name: 'all-day', timeRange: { start: '00:00', end: '23:59' } }],
      },
    });
    // A RolloutSchedule (its status is written) and an OCIRepository target (spec.ref.tag patched).
    store.create({
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'RolloutSchedule',
      metadata: { namespace: NS, name: 'office-hours' },
      spec: {
        rolloutSelector: {},
        action: 'Allow',
        rules: [{ name: 'all-day', timeRange: { start: '00:00', end: '23:59' } }],
      },
    });
    store.create({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'OCIRepository',
      metadata: {
        namespace: NS,
        name: 'checkout',
        annotations: { 'rollout.kuberik.com/rollout': 'checkout' },
      },
      spec: { interval: '5m', url: 'oci://ghcr.io/acme/checkout-manifests', ref: {} },
    });
    stopFlux = actAsFlux(sandbox);
    // The first status writes meet one 409 each, so their conflict paths (re-read) run under RBAC too.
    conflictOnce(sandbox, '/healthchecks/checkout/status');
    conflictOnce(sandbox, '/rollouts/checkout/status');

    // Real time: the bake is 1 s. (A fake clock would also stall the Lease renewals, which need
    // their own I/O to finish between clock steps.)
    running = runInProcess(sandbox, { identity: 'kuberik-controller-7d9f-abcde', token: TOKEN });
    await running.controller.ready;
    const status = (): Status =>
      (store.get(ROLLOUT.apiVersion, ROLLOUT.kind, 'checkout', NS)?.status ?? {}) as Status;
    const gate = (patch: Record<string, unknown>) =>
      store.patch('kuberik.com/v1alpha1', 'RolloutGate', 'production-approval', NS, { spec: patch });

    // v1 waits for approval, is approved, deploys, becomes healthy, bakes, succeeds.
    await waitFor('v1 waiting for gates', () => status().phase === 'WaitingForGates');
    // The deploy patch meets one 409 first, so the conflict path (re-read the target) runs too.
    conflictOnce(sandbox, '/kustomizations/checkout');
    conflictOnce(sandbox, '/ocirepositories/checkout');
    gate({ allowedVersions: ['v1'] });
    await waitFor('v1 deployed', () => substituted(kustomization(sandbox!)) === 'v1');
    await waitFor('v1 baking', () => status().phase === 'Baking');
    await waitFor('v1 succeeded', () => status().history?.[0]?.bakeStatus === 'Succeeded');

    // v2 is denied: Rejected.
    publish(store, NS, 'checkout', 'v2');
    await waitFor(
      'v2 pending',
      () => status().pendingVersion === 'v2' && status().phase === 'WaitingForGates',
    );
    gate({ deniedVersions: ['v2'] });
    await waitFor('v2 rejected', () => status().phase === 'Rejected');

    // v3 is approved, its bake fails (Flux reports Ready=False), then a retry annotation is processed.
    failVersions.add('v3');
    publish(store, NS, 'checkout', 'v3');
    await waitFor('v3 pending', () => status().pendingVersion === 'v3');
    gate({ allowedVersions: ['v1', 'v3'] });
    await waitFor('v3 failed', () => status().history?.[0]?.bakeStatus === 'Failed');
    store.patch(ROLLOUT.apiVersion, ROLLOUT.kind, 'checkout', NS, {
      metadata: { annotations: { 'rollout.kuberik.com/retry': 'now' } },
    });
    await waitFor(
      'retry annotation processed',
      () =>
        !store.get(ROLLOUT.apiVersion, ROLLOUT.kind, 'checkout', NS)?.metadata?.annotations?.[
          'rollout.kuberik.com/retry'
        ],
    );

    // A pin (rollback) to v1 deploys it manually.
    failVersions.clear();
    store.patch(ROLLOUT.apiVersion, ROLLOUT.kind, 'checkout', NS, { spec: { wantedVersion: 'v1' } });
    await waitFor(
      'pinned v1 deployed',
      () => substituted(kustomization(sandbox!)) === 'v1' && status().currentVersion === 'v1',
    );

    expect(leaseHolder(store, NS, 'checkout')).toBe('kuberik-controller-7d9f-abcde');
    await running.stop();
    expect(leaseHolder(store, NS, 'checkout')).toBeUndefined();

    const log = sandbox.requests;
    const denied = log.filter((e) => e.status === 403).map((e) => `${e.method} ${e.path}${e.query}`);
    expect(denied).toEqual([]);
    expect(log.filter((e) => e.status === 409).length).toBeGreaterThanOrEqual(3);
    const used = new Set(
      log
        .map(accessOf)
        .filter((a) => a !== undefined)
        .map(accessKey),
    );
    expect(used.size).toBeGreaterThan(5);
    // Least privilege: every grant in the role is exercised by this lifecycle.
    const unused = [...granted(rules)].filter((g) => !used.has(g));
    expect(unused).toEqual([]);
  });
});

const failVersions = new Set<string>();
const conflictOnce = (s: Sandbox, pathSuffix: string): void =>
  s.faults.failNext(1, {
    code: 409,
    match: (method, path) => method === 'PATCH' && path.endsWith(pathSuffix),
  });
const kustomization = (s: Sandbox): StoredObject | undefined =>
  s.store.get(KUSTOMIZATION.apiVersion, KUSTOMIZATION.kind, 'checkout', NS);

/** Flux's kustomize-controller, reduced to what health needs: Ready for the new generation. */
function actAsFlux(s: Sandbox): () => void {
  return s.store.watch(KUSTOMIZATION.apiVersion, KUSTOMIZATION.kind, (type, obj) => {
    if (type === 'DELETED') return;
    const generation = obj.metadata?.generation ?? 0;
    const st = (obj.status ?? {}) as { observedGeneration?: number };
    if (st.observedGeneration === generation) return;
    const version = substituted(obj) ?? '';
    const ok = !failVersions.has(version);
    queueMicrotask(() =>
      s.store.patch(
        KUSTOMIZATION.apiVersion,
        KUSTOMIZATION.kind,
        obj.metadata?.name ?? '',
        obj.metadata?.namespace,
        {
          status: {
            observedGeneration: generation,
            conditions: [
              {
                type: 'Ready',
                status: ok ? 'True' : 'False',
                reason: ok ? 'ReconciliationSucceeded' : 'HealthCheckFailed',
                message: ok ? `Applied revision: ${version}` : `health check failed for ${version}`,
                lastTransitionTime: new Date().toISOString(),
              },
            ],
          },
        },
        { subresource: 'status' },
      ),
    );
  });
}
