// The real cluster's namespace finalizer (namespace-finalizer.ts) stands in for
// kube-controller-manager's namespace controller: a deleted namespace goes away with its objects,
// and waits for objects that hold their own finalizers, as upstream.
import { expect, it } from 'vitest';
import { sharedRealCluster } from './shared.js';

const cm = (ns: string, name: string, finalizers?: string[]) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: ns, ...(finalizers ? { finalizers } : {}) },
  data: { k: 'v' },
});

async function until(what: string, check: () => Promise<boolean>, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`not within ${ms / 1000} s: ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

it('a deleted namespace is gone, with its built-in and custom objects, within a bounded wait', async () => {
  const real = await sharedRealCluster();
  const ns = `finalize-${process.pid}`;
  await real.ensureNamespace(ns);
  expect((await real.request('POST', `/api/v1/namespaces/${ns}/configmaps`, cm(ns, 'a'))).status).toBe(201);
  const rollout = {
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'Rollout',
    metadata: { name: 'r', namespace: ns },
    spec: { releasesImagePolicy: { name: 'p' } },
  };
  expect(
    (await real.request('POST', `/apis/kuberik.com/v1alpha1/namespaces/${ns}/rollouts`, rollout)).status,
  ).toBe(201);

  expect((await real.request('DELETE', `/api/v1/namespaces/${ns}`)).status).toBe(200);
  await until(
    `namespace ${ns} deleted`,
    async () => (await real.request('GET', `/api/v1/namespaces/${ns}`)).status === 404,
  );
}, 120_000);

it('an object held by its own finalizer keeps the namespace Terminating until it is released', async () => {
  const real = await sharedRealCluster();
  const ns = `finalize-held-${process.pid}`;
  await real.ensureNamespace(ns);
  const held = cm(ns, 'held', ['example.com/hold']);
  expect((await real.request('POST', `/api/v1/namespaces/${ns}/configmaps`, held)).status).toBe(201);
  await real.request('DELETE', `/api/v1/namespaces/${ns}`);

  await until('the held object marked for deletion', async () => {
    const res = await real.request('GET', `/api/v1/namespaces/${ns}/configmaps/held`);
    return !!(res.json as { metadata?: { deletionTimestamp?: string } }).metadata?.deletionTimestamp;
  });
  const phase = (await real.request('GET', `/api/v1/namespaces/${ns}`)).json as {
    status?: { phase?: string };
  };
  expect(phase.status?.phase).toBe('Terminating');

  await real.request(
    'PATCH',
    `/api/v1/namespaces/${ns}/configmaps/held`,
    { metadata: { finalizers: null } },
    { contentType: 'application/merge-patch+json' },
  );
  await until(
    `namespace ${ns} deleted`,
    async () => (await real.request('GET', `/api/v1/namespaces/${ns}`)).status === 404,
  );
}, 120_000);
