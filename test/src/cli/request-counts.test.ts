// Issue 12 point 5: how many requests each write command makes against the API server, read from the
// sandbox's request log. Nothing else talks to the sandbox over HTTP while a command runs (the driver
// that set the scene is stopped; the Flux simulator writes in-process), so every entry is the CLI's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDriver } from '@kuberik/core/driver';
import { createKube, Kinds, type Kube } from '@kuberik/core/kube';
import { ensureBuilt, startCluster, type TestCluster } from './support.js';
import { countRequests } from './request-log.js';

let c: TestCluster;
let kube: Kube;

async function eventually(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
const rollout = () => kube.get(Kinds.Rollout, 'default', 'my-app');

beforeAll(async () => {
  await ensureBuilt();
  c = await startCluster({}, { bakeTime: '1s', requestLogSize: 100_000 });
  kube = createKube({ kubeconfigText: c.sandbox.kubeconfig() });
  const driver = createDriver({ kube, scope: { namespace: 'default' }, identity: 'test' });
  await driver.start();
  await eventually('v1.0.0 adopted', async () => (await rollout()).status?.currentVersion === 'v1.0.0');
  await c.publish('v1.1.0');
  await eventually('v1.1.0 pending', async () => (await rollout()).status?.pendingVersion === 'v1.1.0');
  await driver.idle();
  await driver.stop();
}, 240_000);
afterAll(async () => {
  kube?.close();
  await c?.close();
});

// An observe-only driver (deploy, rollback, retry wait for the outcome with it) lists and watches
// the 11 kinds a rollout depends on: 22 requests before the command does anything of its own.
const OBSERVE = 22;

describe('requests per write command (v1.0.0 live, v1.1.0 pending, nothing drives it)', () => {
  // In order: each row starts from the state the previous one left.
  it.each<[string, string[], number, number]>([
    ['approve', ['approve', 'my-app', '--yes'], 0, 8],
    [
      'approve --gate, already approved',
      ['approve', 'my-app', 'v1.1.0', '--gate', 'production-approval', '--yes'],
      0,
      6,
    ],
    ['deny', ['deny', 'my-app', 'v1.1.0', '--yes'], 0, 8],
    ['deploy', ['deploy', 'my-app', 'v1.1.0', '--yes', '--wait', '0'], 0, OBSERVE + 4],
    [
      'deploy --bypass-gates',
      ['deploy', 'my-app', 'v1.1.0', '--bypass-gates', '--yes', '--wait', '0'],
      0,
      OBSERVE + 5,
    ],
    ['deploy --pin', ['deploy', 'my-app', 'v1.1.0', '--pin', '--yes', '--wait', '0'], 0, OBSERVE + 4],
    ['unpin', ['unpin', 'my-app'], 0, 4],
    ['rollback --to', ['rollback', 'my-app', '--to', 'v1.0.0', '--yes', '--wait', '0'], 0, OBSERVE + 4],
    ['retry, refused (nothing failed)', ['retry', 'my-app', '--wait', '0'], 1, OBSERVE],
    ['approve of an unknown version', ['approve', 'my-app', 'v9', '--yes'], 2, 1],
  ])('%s', async (_name, args, code, count) => {
    const r = await countRequests(c, args);
    expect(r.code, r.stderr).toBe(code);
    expect(r.requests, r.requests.join('\n')).toHaveLength(count);
  });
});
