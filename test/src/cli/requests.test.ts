// Issue 11 points 1 and 2 on the built binary: a manual request that cannot work is refused before
// anything is written, `why` does not suggest it, an action reports what the driver did (or that
// nothing drives the rollout), and a manual deploy is not undone by automation.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDriver, type EngineDriver } from '@kuberik/core/driver';
import { createKube, Kinds, type Kube } from '@kuberik/core/kube';
import type { Rollout } from '@kuberik/core/model';
import { ensureBuilt, kuberik, startCluster, type TestCluster } from './support.js';

let c: TestCluster;
let kube: Kube;
let driver: EngineDriver | undefined;
const as = (args: string[]) => kuberik(args, { kubeconfig: c.kubeconfig });
const SUBSTITUTE = 'rollout.kuberik.com/substitute.APP_VERSION.from';
const FORCE = 'rollout.kuberik.com/force-deploy';

const rollout = (): Promise<Rollout> => kube.get(Kinds.Rollout, c.ns, 'my-app');
async function eventually<T>(what: string, check: () => Promise<T | undefined | false>): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const v = await check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
const startDriver = async (): Promise<EngineDriver> => {
  const d = createDriver({
    kube,
    scope: { namespace: c.ns },
    identity: 'test',
    holderIdentity: 'test-controller',
  });
  await d.start();
  return d;
};

beforeAll(async () => {
  await ensureBuilt();
  c = await startCluster({}, { bakeTime: '1s' });
  kube = createKube({ kubeconfigText: readFileSync(c.kubeconfig, 'utf8') });
}, 240_000);
afterAll(async () => {
  await driver?.stop();
  kube?.close();
  await c?.close();
});

describe('manual requests report what happened (issue 11 points 1, 2)', () => {
  it('a deploy the rollout cannot carry out is refused up front, and why does not suggest it', async () => {
    driver = await startDriver();
    await eventually('v1.0.0 adopted', async () => (await rollout()).status?.currentVersion === 'v1.0.0');
    await c.publish('v1.1.0');
    await eventually('v1.1.0 discovered', async () => (await rollout()).status?.pendingVersion === 'v1.1.0');
    await c.publish('v1.3.0');
    await eventually('v1.3.0 pending', async () => (await rollout()).status?.pendingVersion === 'v1.3.0');
    await kube.mergePatch(Kinds.Kustomization, c.ns, 'my-app', {
      metadata: { annotations: { [SUBSTITUTE]: null } },
    });
    await driver.idle();

    const why = await as(['why', 'my-app']);
    expect(why.code, why.stderr).toBe(0);
    expect(why.stdout).not.toContain('kubectl kuberik deploy my-app v1.3.0\n');
    expect(why.stdout).toContain('No Kustomization is annotated');

    const deploy = await as(['deploy', 'my-app', 'v1.1.0', '--yes']);
    expect(deploy.code, deploy.stderr).toBe(1);
    expect(deploy.stderr.trim().split('\n')).toHaveLength(1);
    expect(deploy.stderr).toMatch(/^error: Force deploy of v1\.1\.0 refused: No Kustomization is annotated/);
    expect((await rollout()).metadata.annotations?.[FORCE]).toBeUndefined();

    await kube.mergePatch(Kinds.Kustomization, c.ns, 'my-app', {
      metadata: { annotations: { [SUBSTITUTE]: 'my-app' } },
    });
  });

  it('a manual deploy of an older version is reported as done and not undone by automation', async () => {
    await kube.mergePatch(Kinds.RolloutGate, c.ns, 'production-approval', { spec: { passing: true } });
    await eventually('v1.3.0 deployed automatically', async () => {
      const r = await rollout();
      return r.status?.currentVersion === 'v1.3.0' && r.status.history?.[0]?.bakeStatus === 'Succeeded';
    });

    const deploy = await as(['deploy', 'my-app', 'v1.1.0', '--yes', '-m', 'roll back by hand']);
    expect(deploy.code, deploy.stderr).toBe(0);
    expect(deploy.stdout).toMatch(/^✔ deployed v1\.1\.0 to my-app \(was v1\.3\.0; bake: \w+\)$/m);

    await eventually('the manual deploy baked', async () => {
      const r = await rollout();
      return r.status?.history?.[0]?.bakeStatus === 'Succeeded' && r;
    });
    await driver!.idle();
    const after = await rollout();
    expect(after.status?.currentVersion).toBe('v1.1.0');
    expect(after.status?.pendingVersion).toBeUndefined();
    expect(after.status?.history?.[0]).toMatchObject({
      version: { tag: 'v1.1.0' },
      message: 'roll back by hand',
    });
  });

  it('with nothing driving the rollout the request is written and the command says so', async () => {
    await driver!.stop();
    driver = undefined;
    const deploy = await as(['deploy', 'my-app', 'v1.0.0', '--yes', '--wait', '2s']);
    expect(deploy.code, deploy.stderr).toBe(0);
    expect(deploy.stdout).toContain(
      '! deploy of v1.0.0 requested, but nothing drives my-app (no live holder of Lease kuberik-rollout-my-app)',
    );
    expect((await rollout()).metadata.annotations?.[FORCE]).toBe('v1.0.0');
  });

  it('approve on a closed gate (passing: false) says an approval cannot open it and exits 1', async () => {
    await kube.mergePatch(Kinds.RolloutGate, c.ns, 'production-approval', { spec: { passing: false } });
    const approve = await as(['approve', 'my-app', 'v1.3.0', '--gate', 'production-approval', '--yes']);
    expect(approve.code).toBe(1);
    expect(approve.stderr).toBe(
      'error: cannot approve v1.3.0: gate production-approval is closed (spec.passing: false) and an approval cannot open it — set spec.passing to true on the gate, or deploy past it: kubectl kuberik deploy my-app v1.3.0\n',
    );
    const gate = await kube.get(Kinds.RolloutGate, c.ns, 'production-approval');
    expect(gate.spec.allowedVersions ?? []).not.toContain('v1.3.0');
  });

  it('a bakeTime too long for Go shows on its own row; get still lists every rollout (point 5)', async () => {
    await kube.create(Kinds.Rollout, {
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'Rollout',
      metadata: { name: 'huge', namespace: c.ns },
      spec: { releasesImagePolicy: { name: 'my-app' }, bakeTime: `${'9'.repeat(400)}h` },
    } as never);
    // With -A the rows start with the namespace (on the shared real server, other files' rows too).
    for (const [args, prefix] of [
      [['get'], ''],
      [['get', '-A'], `${c.ns}\\s+`],
    ] as const) {
      const get = await as([...args]);
      expect(get.code, get.stderr).toBe(0);
      expect(get.stdout).toMatch(new RegExp(`^${prefix}huge\\s.*invalid bakeTime`, 'm'));
      expect(get.stdout).toMatch(new RegExp(`^${prefix}my-app\\s+v1\\.1\\.0\\s`, 'm'));
    }
  });
});
