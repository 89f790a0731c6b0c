// `get` and `why` read what they show in a few requests sent together, never start watches, and
// never leave the engine to run on every rollout (issue #14): counted on the sandbox's request log.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureBuilt, kuberik, startCluster, type TestCluster } from './support.js';

let c: TestCluster;

beforeAll(async () => {
  await ensureBuilt();
  c = await startCluster();
}, 240_000);
afterAll(() => c?.close());

/** The requests the sandbox served while `args` ran. */
async function requestsOf(args: string[]) {
  const before = c.sandbox.requests.length;
  const r = await kuberik(args, { kubeconfig: c.kubeconfig });
  const requests = c.sandbox.requests.slice(before).map((q) => `${q.method} ${q.path}?${q.query}`);
  return { ...r, requests };
}

describe('read path of get and why', () => {
  test.each([[['get']], [['get', 'my-app']], [['get', '-A']]])(
    '%j answers in at most 3 requests and opens no watch',
    async (args) => {
      const r = await requestsOf(args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^(NAMESPACE\s+)?NAME\s+CURRENT/);
      expect(r.stdout).toContain('my-app');
      expect(r.requests.length, r.requests.join('\n')).toBeLessThanOrEqual(3);
      expect(r.requests.filter((q) => /[?&]watch=/.test(q))).toEqual([]);
    },
    60_000,
  );

  test('get -o json reads only the rollouts', async () => {
    const r = await requestsOf(['get', '-o', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).items).toHaveLength(1);
    expect(r.requests).toEqual([expect.stringMatching(/\/rollouts\?limit=500$/)]);
  }, 60_000);

  test('why reads the rollout, its gates, health checks and lease (4 requests), nothing more', async () => {
    const r = await requestsOf(['why', 'my-app']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('nothing drives my-app');
    expect(r.requests.length, r.requests.join('\n')).toBeLessThanOrEqual(4);
    expect(r.requests.filter((q) => /[?&]watch=/.test(q))).toEqual([]);
  }, 60_000);

  test('a controller-written Lease names its driver while its shard Lease (another namespace) is live', async () => {
    const now = new Date();
    const micro = (d: Date) => d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
    const holder = 'kuberik-controller@ctl-0 1';
    c.sandbox.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kuberik-system' } });
    const shard = c.sandbox.store.create({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: 'kuberik-shard-3', namespace: 'kuberik-system' },
      spec: { holderIdentity: holder, leaseDurationSeconds: 3600, renewTime: micro(now) },
    });
    c.sandbox.store.create({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: 'kuberik-rollout-my-app',
        namespace: 'default',
        annotations: { 'kuberik.com/shard-lease': 'kuberik-system/kuberik-shard-3' },
      },
      // Not renewed per rollout: its own times are old, the shard's liveness counts.
      spec: {
        holderIdentity: holder,
        leaseDurationSeconds: 3600,
        renewTime: micro(new Date(now.getTime() - 7200_000)),
      },
    });
    try {
      for (const args of [['get'], ['get', 'my-app']]) {
        const r = await requestsOf(args);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toContain(holder);
        expect(r.stderr).not.toContain('nothing drives');
      }
      // The shard now belongs to another replica: that pointer no longer makes anyone the driver.
      c.sandbox.store.update({
        ...shard,
        spec: { ...(shard as { spec: object }).spec, holderIdentity: 'other@ctl-1 2' },
      });
      const r = await requestsOf(['get']);
      expect(r.stdout).not.toContain(holder);
      expect(r.stderr).toContain('nothing drives my-app');
    } finally {
      c.sandbox.store.delete('coordination.k8s.io/v1', 'Lease', 'kuberik-rollout-my-app', 'default');
      c.sandbox.store.delete('coordination.k8s.io/v1', 'Lease', 'kuberik-shard-3', 'kuberik-system');
    }
  }, 60_000);

  test('a missing rollout is still exit 2 with close names', async () => {
    const r = await requestsOf(['get', 'my-ap']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/rollout "my-ap" not found in namespace default.*my-app/);
  }, 60_000);
});
