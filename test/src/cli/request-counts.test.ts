// Issue 12 point 5: how many requests each write command makes against the API server, read from the
// sandbox's request log. Nothing else talks to the sandbox over HTTP while a command runs (the driver
// that set the scene is stopped; the Flux simulator writes in-process), so every entry is the CLI's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDriver } from '@kuberik/core/driver';
import { createKube, Kinds, type Kube } from '@kuberik/core/kube';
import { ensureBuilt, startCluster, type TestCluster } from './support.js';
import { countRequests, repeatedReads } from './request-log.js';

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
// the 11 kinds a rollout depends on: 22 requests before the command does anything of its own. The
// rollout comes from its cache: the command itself only writes.
const OBSERVE = 22;
const ROLLOUT = 'GET /apis/kuberik.com/v1alpha1/namespaces/default/rollouts/my-app';
const GATES = 'GET /apis/kuberik.com/v1alpha1/namespaces/default/rolloutgates';
const GATE = 'PATCH /apis/kuberik.com/v1alpha1/namespaces/default/rolloutgates/production-approval';
const WHO = 'POST /apis/authentication.k8s.io/v1/selfsubjectreviews';
const EVENT = 'POST /api/v1/namespaces/default/events';
const LEASE = 'GET /apis/coordination.k8s.io/v1/namespaces/default/leases/kuberik-rollout-my-app';

describe('requests per write command (v1.0.0 live, v1.1.0 pending, nothing drives it)', () => {
  it.each([
    ['approve', ['approve', 'my-app', '--yes']],
    ['deny', ['deny', 'my-app', 'v1.1.0', '--yes']],
  ])(
    '%s: read the rollout and its gates once, record, write, say that nothing drives it',
    async (_n, args) => {
      const r = await countRequests(c, args);
      expect(r.code, r.stderr).toBe(0);
      // Who acts is asked just before the writes that name them.
      expect(r.requests).toEqual([ROLLOUT, GATES, WHO, `${GATE}/status`, GATE, EVENT, LEASE]);
    },
  );

  // In order: each row starts from the state the previous one left.
  it.each<[string, string[], number, number]>([
    ['approve', ['approve', 'my-app', 'v1.1.0', '--yes'], 0, 7],
    [
      'approve --gate, already approved',
      ['approve', 'my-app', 'v1.1.0', '--gate', 'production-approval', '--yes'],
      0,
      3,
    ],
    ['deploy', ['deploy', 'my-app', 'v1.1.0', '--yes', '--wait', '0'], 0, OBSERVE + 2],
    [
      'deploy --bypass-gates',
      ['deploy', 'my-app', 'v1.1.0', '--bypass-gates', '--yes', '--wait', '0'],
      0,
      OBSERVE + 3,
    ],
    ['deploy --pin', ['deploy', 'my-app', 'v1.1.0', '--pin', '--yes', '--wait', '0'], 0, OBSERVE + 2],
    ['unpin', ['unpin', 'my-app'], 0, 3],
    ['rollback --to', ['rollback', 'my-app', '--to', 'v1.0.0', '--yes', '--wait', '0'], 0, OBSERVE + 2],
    ['unpin', ['unpin', 'my-app'], 0, 3],
    ['retry, refused (nothing failed)', ['retry', 'my-app', '--wait', '0'], 1, OBSERVE],
    ['approve of an unknown version', ['approve', 'my-app', 'v9', '--yes'], 2, 1],
  ])('%s', async (_name, args, code, count) => {
    const r = await countRequests(c, args);
    expect(r.code, r.stderr).toBe(code);
    expect(r.requests, r.requests.join('\n')).toHaveLength(count);
    expect(repeatedReads(r.requests)).toEqual([]);
  });

  it('a missing rollout: core says so with the close name (the observer saw it absent: only a LIST for the names)', async () => {
    const r = await countRequests(c, ['deploy', 'my-ap', 'v1.1.0', '--yes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: rollout "my-ap" not found in namespace default (did you mean "my-app"?)\n');
    expect(r.requests.slice(OBSERVE)).toEqual([ROLLOUT.replace('/my-app', '')]);
  });
});
