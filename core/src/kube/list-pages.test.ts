// LIST in pages (kubectl's --chunk-size 500): --request-timeout then bounds each page, not the
// whole answer. Against the sandbox, which pages like the real server.
import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox/index.js';
import { createKube, LIST_CHUNK, type Kube } from './client.js';
import { Kinds } from './kinds.js';

const LEASES = '/apis/coordination.k8s.io/v1/namespaces/default/leases';
const COUNT = 2 * LIST_CHUNK + 1;

describe('kube.list', () => {
  let sandbox: Sandbox | undefined;
  let kube: Kube | undefined;
  afterEach(async () => {
    kube?.close();
    await sandbox?.close();
  });

  async function withLeases(): Promise<{ sandbox: Sandbox; kube: Kube }> {
    sandbox = await startSandbox({});
    for (let i = 0; i < COUNT; i++) {
      sandbox.store.create({
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: `lease-${String(i).padStart(4, '0')}`, namespace: 'default' },
        spec: {},
      });
    }
    kube = createKube({ kubeconfigText: sandbox.kubeconfig() });
    return { sandbox, kube };
  }

  it(`reads ${COUNT} objects in pages of ${LIST_CHUNK}, each once`, async () => {
    const { sandbox, kube } = await withLeases();
    const before = sandbox.requests.length;
    const list = await kube.list(Kinds.Lease, { namespace: 'default' });

    const names = list.items.map((l) => l.metadata.name);
    expect(names).toHaveLength(COUNT);
    expect(new Set(names).size).toBe(COUNT);
    expect(list.resourceVersion).not.toBe('');
    const pages = sandbox.requests.slice(before).filter((r) => r.path === LEASES);
    expect(pages.map((r) => new URLSearchParams(r.query).get('limit'))).toEqual(['500', '500', '500']);
    expect(pages.map((r) => new URLSearchParams(r.query).has('continue'))).toEqual([false, true, true]);
  });

  it('falls back to one unpaged list when the continue token expires (410)', async () => {
    const { sandbox, kube } = await withLeases();
    let seen = 0;
    sandbox.faults.failNext(1, { code: 410, match: (m, p) => m === 'GET' && p === LEASES && ++seen === 2 });
    const before = sandbox.requests.length;
    const list = await kube.list(Kinds.Lease, { namespace: 'default' });

    expect(new Set(list.items.map((l) => l.metadata.name)).size).toBe(COUNT);
    const pages = sandbox.requests.slice(before).filter((r) => r.path === LEASES);
    expect(pages.map((r) => [r.status, new URLSearchParams(r.query).get('limit')])).toEqual([
      [200, '500'],
      [410, '500'],
      [200, null],
    ]);
  });
});
