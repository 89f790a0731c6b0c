// Issue 11 point 4: readiness that can fail. Ready = every informer listed and the API server
// answered recently; healthy = the work loop is alive. For an invalid -l selector, rejected
// credentials (401), no RBAC access (403) and an API server that is down, /readyz is not 200
// and the log never says "controller ready"; the process stays healthy (nothing to restart).
import { createServer } from 'node:net';
import type { Sandbox } from '@kuberik/core/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from './support/fixtures.js';
import { type RunningController, runInProcess, sandboxWithCrds } from './support/in-process.js';

let sandbox: Sandbox | undefined;
let running: RunningController | undefined;
afterEach(async () => {
  await running?.stop();
  await sandbox?.close();
  running = sandbox = undefined;
});

const FAST = { readinessIntervalMs: 100 };

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
    sandbox = await sandboxWithCrds();
    running = runInProcess(sandbox, { identity: 'c', ...FAST });
    await running.controller.ready;
    expect((await probe(running, '/readyz')).status).toBe(200);
    expect(running.log().filter((l) => l.msg === 'controller ready')).toHaveLength(1);
  });

  it('an invalid -l selector: not ready, with the API server’s reason', async () => {
    sandbox = await sandboxWithCrds();
    running = runInProcess(sandbox, {
      identity: 'c',
      scope: { allNamespaces: true, labelSelector: 'tier in (front' },
      ...FAST,
    });
    await expectNotReady(running, /first list of Rollout/);
  });

  it('rejected credentials (401): not ready', async () => {
    sandbox = await sandboxWithCrds({ users: { good: { username: 'alice', groups: ['system:masters'] } } });
    running = runInProcess(sandbox, { identity: 'c', token: 'wrong', ...FAST });
    await expectNotReady(running, /first list of/);
  });

  it('no RBAC access (403): not ready', async () => {
    sandbox = await sandboxWithCrds({ users: { nobody: { username: 'nobody', groups: [], rules: [] } } });
    running = runInProcess(sandbox, { identity: 'c', token: 'nobody', ...FAST });
    await expectNotReady(running, /first list of/);
  });

  it('the API server down at start: not ready', async () => {
    sandbox = await sandboxWithCrds();
    const port = await deadPort();
    const down = { ...sandbox, kubeconfig: () => sandbox!.kubeconfig().replace(/:\d+\b/, `:${port}`) };
    running = runInProcess(down as Sandbox, { identity: 'c', ...FAST });
    await expectNotReady(running, /first list of/);
  });

  it('the API server going away later: /readyz turns 503 within a few probes', async () => {
    sandbox = await sandboxWithCrds();
    running = runInProcess(sandbox, { identity: 'c', ...FAST });
    await running.controller.ready;
    await sandbox.close();
    sandbox = undefined;
    await waitFor('not ready', () => running!.log().some((l) => l.msg === 'controller not ready'));
    const readyz = await probe(running, '/readyz');
    expect(readyz.status).toBe(503);
    expect(readyz.text).toMatch(/the API server has not answered for \d+s/);
    expect((await probe(running, '/healthz')).status).toBe(200);
  });
});
