// Issue 13 point 1: with no live driver, get, why and every action say so and name the fix; with
// one, they name it and stay quiet.
import { SHARD_ANNOTATION, microTime } from '@kuberik/core/driver';
import { createKube, Kinds } from '@kuberik/core/kube';
import { leaseName } from '@kuberik/core/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, kuberik, spawnKuberik, startCluster, type TestCluster } from './support.js';

let c: TestCluster;
const as = (args: string[]) => kuberik(args, { kubeconfig: c.kubeconfig });
// Outside `default` (the real backend's unique namespace) the command names the namespace.
const ns = () => (c.ns === 'default' ? '' : ` -n ${c.ns}`);
const hint = () =>
  `nothing drives my-app: run \`kubectl kuberik watch my-app${ns()}\` or install the controller`;

beforeAll(async () => {
  await ensureBuilt();
  c = await startCluster({}, { bakeTime: '2s' });
}, 240_000);
afterAll(async () => c?.close());

describe('who drives a rollout', () => {
  it('get shows DRIVER <none> and a note; why puts the missing driver first', async () => {
    const get = await as(['get']);
    expect(get.code, get.stderr).toBe(0);
    expect(get.stdout.split('\n')[0]).toMatch(/\bDRIVER\s+AGE$/);
    expect(get.stdout.split('\n')[1]).toMatch(/<none>\s+\S+$/);
    expect(get.stderr).toContain(`Note: ${hint()}; until then its status is not updated.`);
    const why = await as(['why', 'my-app']);
    expect(why.code, why.stderr).toBe(0);
    expect(why.stdout.split('\n')[1]).toMatch(
      /^ {2}→ nothing drives my-app: no watch or controller holds its lease/,
    );
    expect(why.stdout).toContain(`Start a driver first:\n  kubectl kuberik watch my-app${ns()}`);
  }, 120_000);

  it('an action without a driver says it was only recorded', async () => {
    await c.publish('v1.1.0');
    const wait = await as(['watch', 'my-app', '--until', 'awaiting-approval', '--timeout', '60s']);
    expect(wait.code, wait.stderr).toBe(0);
    const approve = await as(['approve', 'my-app', '--yes', '-m', 'QA ok']);
    expect(approve.code, approve.stderr).toBe(0);
    expect(approve.stdout).toMatch(/^✔ .*v1\.1\.0/m);
    expect(approve.stdout).toContain(`! recorded; ${hint()}`);
  }, 120_000);

  it('with a watch holding the lease, get names it and actions add no note', async () => {
    const watch = spawnKuberik(['watch', 'my-app'], { kubeconfig: c.kubeconfig });
    try {
      let get = await as(['get']);
      for (let i = 0; i < 200 && get.stdout.includes('<none>'); i++) {
        await new Promise((r) => setTimeout(r, 250));
        get = await as(['get']);
      }
      expect(get.stdout).not.toContain('<none>');
      expect(get.stderr).not.toContain('Note:');
      const rollback = await as(['unpin', 'my-app', '--yes']);
      expect(rollback.code, rollback.stderr).toBe(0);
      expect(rollback.stdout).not.toContain('recorded;');
    } finally {
      watch.kill('SIGTERM');
      await new Promise((r) => watch.once('exit', r));
    }
  }, 120_000);

  it('a controller whose shard Lease expired drives nothing: actions say so', async () => {
    const kube = createKube({ kubeconfig: c.kubeconfig });
    // Lease times are MicroTime: a real kube-apiserver refuses millisecond precision.
    const at = (secondsAgo: number): string => microTime(new Date(Date.now() - secondsAgo * 1000));
    const put = async (name: string, spec: object, annotations?: Record<string, string>): Promise<void> => {
      const metadata = { name, namespace: c.ns, ...(annotations ? { annotations } : {}) };
      const found = await kube.find(Kinds.Lease, c.ns, name);
      if (found) await kube.mergePatch(Kinds.Lease, c.ns, name, { metadata: { annotations }, spec });
      else
        await kube.create(Kinds.Lease, {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata,
          spec,
        });
    };
    const shard = 'kuberik-shard-0-of-1';
    const shardLease = (renewedSecondsAgo: number): Promise<void> =>
      put(shard, {
        holderIdentity: 'controller-0',
        renewTime: at(renewedSecondsAgo),
        leaseDurationSeconds: 15,
      });
    // The controller's own record is fresh and long-lived; only its shard says whether it lives.
    await put(
      leaseName('my-app'),
      { holderIdentity: 'controller-0', renewTime: at(0), leaseDurationSeconds: 3600 },
      { [SHARD_ANNOTATION]: `${c.ns}/${shard}` },
    );
    try {
      await shardLease(600);
      const dead = await as(['unpin', 'my-app', '--yes']);
      expect(dead.code, dead.stderr).toBe(0);
      expect(dead.stdout).toContain(`! recorded; ${hint()}`);
      await shardLease(0);
      const live = await as(['unpin', 'my-app', '--yes']);
      expect(live.code, live.stderr).toBe(0);
      expect(live.stdout).not.toContain('recorded;');
    } finally {
      for (const name of [leaseName('my-app'), shard]) await kube.delete(Kinds.Lease, c.ns, name);
      kube.close();
    }
  }, 120_000);
});
