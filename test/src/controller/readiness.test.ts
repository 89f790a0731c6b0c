// Issue 11 point 4: readiness that can fail. Ready = every informer listed and the API server
// answered recently; healthy = the work loop is alive. For an invalid -l selector, rejected
// credentials (401), no RBAC access (403) and an API server that is down, /readyz is not 200
// and the log never says "controller ready"; the process stays healthy (nothing to restart).
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sandboxOnly, testCluster, type TestCluster } from '../support/backend.js';
import { waitFor } from './support/fixtures.js';
import { type RunningController, runInProcess } from './support/in-process.js';

let cluster: TestCluster | undefined;
let running: RunningController | undefined;
afterEach(async () => {
  await running?.stop();
  await cluster?.close();
  running = cluster = undefined;
});

const FAST = { readinessIntervalMs: 100 };
// The controller drives its own namespace: -A on the shared real server would drive other files' rollouts.
const scope = (c: TestCluster) => ({ scope: { namespace: c.ns } });
/** A kubeconfig of the cluster (the admin's, or a user's by token) with `from` replaced by `to`. */
const altered = (c: TestCluster, from: RegExp, to: string, token?: string) => ({
  kubeconfig: () => c.kubeconfig(token ? { token } : {}).replace(from, to),
});

async function probe(r: RunningController, path: string): Promise<{ status: number; text: string }> {
  await waitFor('health endpoint', () => r.controller.healthAddress !== undefined);
  const res = await fetch(`http://${r.controller.healthAddress}${path}`);
  return { status: res.status, text: await res.text() };
}

/** Waits for the first readiness verdict in the log, then checks it and the probes. */
async function expectNotReady(r: RunningController, reason: RegExp): Promise<void> {
  await waitFor('a readiness verdict', () => r.log().some((l) => l.msg === 'controller not ready'));
  const readyz = await probe(r, '/readyz');
  expect(readyz.status).toBe(503);
  expect(readyz.text).toMatch(reason);
  expect((await probe(r, '/healthz')).status).toBe(200);
  expect(r.log().filter((l) => l.msg === 'controller ready')).toEqual([]);
}

/** A loopback port nobody listens on. */
async function deadPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('controller readiness', () => {
  it('is ready, and says so once, when every informer listed and the API server answers', async () => {
    cluster = await testCluster();
    running = runInProcess(cluster, { identity: 'c', ...scope(cluster), ...FAST });
    await running.controller.ready;
    expect((await probe(running, '/readyz')).status).toBe(200);
    expect(running.log().filter((l) => l.msg === 'controller ready')).toHaveLength(1);
  });

  it('an invalid -l selector: not ready, with the API server’s reason', async () => {
    cluster = await testCluster();
    running = runInProcess(cluster, {
      identity: 'c',
      scope: { namespace: cluster.ns, labelSelector: 'tier in (front' },
      ...FAST,
    });
    await expectNotReady(running, /first list of Rollout/);
  });

  it('rejected credentials (401): not ready', async () => {
    cluster = await testCluster({ users: { good: { username: 'alice', groups: ['system:masters'] } } });
    // A bearer token the server does not know, in place of a known user's.
    const wrong = altered(cluster, /(token"?:\s*"?)[^"\s,}]+/, '$1wrong', 'good');
    expect(wrong.kubeconfig()).toMatch(/wrong/);
    running = runInProcess(wrong, { identity: 'c', ...scope(cluster), ...FAST });
    await expectNotReady(running, /first list of/);
  });

  it('no RBAC access (403): not ready', async () => {
    cluster = await testCluster({ users: { nobody: { username: 'nobody', groups: [], rules: [] } } });
    running = runInProcess(cluster, { identity: 'c', token: 'nobody', ...scope(cluster), ...FAST });
    await expectNotReady(running, /first list of/);
  });

  it('the API server down at start: not ready', async () => {
    cluster = await testCluster();
    const down = altered(cluster, new RegExp(`:${new URL(cluster.url).port}\\b`), `:${await deadPort()}`);
    running = runInProcess(down, { identity: 'c', ...scope(cluster), ...FAST });
    await expectNotReady(running, /first list of/);
  });

  sandboxOnly.it(
    'stops the API server (the real one serves the whole run)',
    'the API server going away later: /readyz turns 503 within a few probes',
    async () => {
      cluster = await testCluster();
      const sandbox = cluster.sandbox;
      running = runInProcess(cluster, { identity: 'c', ...scope(cluster), ...FAST });
      await running.controller.ready;
      await sandbox.close();
      cluster = undefined;
      await waitFor('not ready', () => running!.log().some((l) => l.msg === 'controller not ready'));
      const readyz = await probe(running, '/readyz');
      expect(readyz.status).toBe(503);
      expect(readyz.text).toMatch(/the API server has not answered for \d+s/);
      expect((await probe(running, '/healthz')).status).toBe(200);
    },
  );
});
