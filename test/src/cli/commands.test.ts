// The built kubectl-kuberik against an API server with simulated Flux (the sandbox, and the real
// kube-apiserver in e2e-real): every command, -o json, exit codes and the one-line errors, in the
// order a user meets them.
import { leaseExpired } from '@kuberik/core/driver';
import { Kinds, type Lease } from '@kuberik/core/kube';
import { leaseName } from '@kuberik/core/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureBuilt,
  kuberik,
  rolloutStatus,
  spawnKuberik,
  startCluster,
  type TestCluster,
  until,
} from './support.js';

let c: TestCluster;
const as = (args: string[], extra: { kubeconfig?: string } = {}) =>
  kuberik(args, { kubeconfig: extra.kubeconfig ?? c.kubeconfig });
const json = <T>(s: string): T => JSON.parse(s) as T;

beforeAll(async () => {
  await ensureBuilt();
  c = await startCluster(
    {
      viewer: {
        username: 'vera',
        rules: [
          { verbs: ['get', 'list', 'watch'], apiGroups: ['*'], resources: ['*'] },
          {
            verbs: ['create'],
            apiGroups: ['*'],
            resources: ['selfsubjectreviews', 'selfsubjectaccessreviews'],
          },
        ],
      },
      nobody: { username: 'nobody', rules: [] },
    },
    { bakeTime: '2s' },
  );
}, 240_000);
afterAll(async () => c?.close());

describe('kubectl-kuberik against an API server', () => {
  it('help lists every command and the exit codes', async () => {
    const root = await kuberik(['--help']);
    expect(root.code).toBe(0);
    for (const cmd of [
      'watch',
      'get',
      'history',
      'why',
      'approve',
      'deny',
      'deploy',
      'rollback',
      'unpin',
      'retry',
      'sandbox',
      'demo',
      'version',
      'completion',
    ]) {
      expect(root.stdout).toMatch(new RegExp(`^  ${cmd} `, 'm'));
    }
    const watch = await kuberik(['watch', '-h']);
    expect(watch.stdout).toContain('$ kubectl kuberik watch ROLLOUT');
    expect(watch.stdout).toContain('13  waiting for approval (--until deployed --no-wait)');
    const v = await kuberik(['version', '-o', 'json']);
    expect(json<{ version: string }>(v.stdout).version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('without any kubeconfig says so and suggests the sandbox', async () => {
    const r = await kuberik(['get'], { env: { KUBECONFIG: undefined } });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('no kubeconfig found');
    expect(r.stderr).toContain('kubectl kuberik sandbox');
  });

  it('usage errors exit 1 without a stack trace', async () => {
    const r = await as(['get', '-o', 'xml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: .*xml/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('get lists the rollout as a table, json, yaml and name', async () => {
    const [table, listed, yaml, names, all, none] = await Promise.all([
      as(['get']),
      as(['list', '-o', 'json']),
      as(['get', 'my-app', '-o', 'yaml']),
      as(['get', '-o', 'name']),
      as(['get', '-A', '-l', 'app=my-app']),
      as(['get', '-l', 'app=other']),
    ]);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(
      /^NAME\s+CURRENT\s+PENDING\s+PHASE\s+GATES\s+HEALTH\s+BAKE\s+DRIVER\s+AGE$/,
    );
    expect(table.stdout).toMatch(/^my-app\s/m);
    const list = json<{ kind: string; items: Array<{ metadata: { name: string } }> }>(listed.stdout);
    expect(list.kind).toBe('List');
    expect(list.items.map((i) => i.metadata.name)).toEqual(['my-app']);
    expect(yaml.stdout).toMatch(/^kind: Rollout$/m);
    expect(names.stdout.trim()).toBe('rollout.kuberik.com/my-app');
    expect(all.stdout).toMatch(new RegExp(`^${c.ns}\\s+my-app`, 'm'));
    expect(none.stderr).toContain(`No rollouts found in namespace ${c.ns}`);
  });

  it('a missing rollout exits 2 and suggests the close name', async () => {
    const cases = [
      ['get', 'my-ap'],
      ['history', 'my-ap'],
      ['why', 'my-ap'],
      ['watch', 'my-ap'],
      ['approve', 'my-ap', '--yes'],
    ];
    const results = await Promise.all(cases.map((args) => as(args)));
    for (const [i, args] of cases.entries()) {
      const r = results[i]!;
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(`"my-ap" not found in namespace ${c.ns}`);
      expect(r.stderr).toContain('did you mean "my-app"');
    }
  });

  it('watch drives the rollout: the new version waits for approval (line log, exit 0 / 13 / 11)', async () => {
    await c.publish('v1.1.0');
    const wait = await as(['watch', 'my-app', '--until', 'awaiting-approval', '--timeout', '30s']);
    expect(wait.code, wait.stderr).toBe(0);
    expect(wait.stdout).toMatch(/^\d\d:\d\d:\d\d v1\.1\.0 gates: Production approval awaiting approval$/m);
    expect(wait.stdout).not.toContain('\x1b[');
    expect(wait.stdout).toContain('v1.1.0 is waiting for approval');
    const noWait = await as(['watch', 'my-app', '--until', 'deployed', '--no-wait']);
    expect(noWait.code).toBe(13);
    const timedOut = await as(['watch', 'my-app', '--until', 'deployed', '--timeout', '1s']);
    expect(timedOut.code).toBe(11);
    expect(timedOut.stderr).toContain('timed out after 1s');
    expect(timedOut.stderr).toContain('gate Production approval awaits approval of v1.1.0');
  });

  it('RBAC denials exit 3 and name the verb and resource', async () => {
    const [none, viewer] = await Promise.all([
      as(['get'], { kubeconfig: c.kubeconfigFor('nobody') }),
      as(['approve', 'my-app', '--yes'], { kubeconfig: c.kubeconfigFor('viewer') }),
    ]);
    expect(none.code, none.stderr).toBe(3);
    expect(none.stderr).toContain(`you may not list rollouts in namespace ${c.ns}`);
    expect(viewer.code, viewer.stderr).toBe(3);
    expect(viewer.stderr).toMatch(new RegExp(`you may not (patch|update) rolloutgates in namespace ${c.ns}`));
  });

  it('why names the gate and the exact approve command; unknown versions exit 2', async () => {
    // The watches above release their Lease on the way out, also when --timeout fires during
    // start-up (cli/src/services/watch-give-up.test.ts); a release whose requests hang is given up
    // after 3 s and the Lease lapses within its 15 s. This test is about `why`, so it waits for the
    // Lease to be free (release on exit is tested in test/src/engine/lease.test.ts).
    await until(async () => {
      const lease = await c.get<Lease>(Kinds.Lease, leaseName('my-app'));
      return !lease || leaseExpired(lease, new Date());
    });
    const [why, whyJson, unknown, approveUnknown, noGate] = await Promise.all([
      as(['why', 'my-app']),
      as(['why', 'my-app', '-o', 'json']),
      as(['why', 'my-app', 'v9.9.9']),
      as(['approve', 'my-app', 'v1.1.1', '--yes']),
      as(['approve', 'my-app', '--gate', 'prod-aproval', '--yes']),
    ]);
    expect(why.code).toBe(0);
    expect(why.stdout).toContain('kubectl kuberik approve my-app v1.1.0 --gate production-approval');
    // No watch runs between these commands: the missing driver comes first, the gate after it.
    expect(json<{ state: string; version: string; commands: string[] }>(whyJson.stdout)).toMatchObject({
      state: 'undriven',
      version: 'v1.1.0',
      // Outside `default` (the real backend's unique namespace) each command names it.
      commands: [
        'kubectl kuberik watch my-app',
        'kubectl kuberik approve my-app v1.1.0 --gate production-approval',
        'kubectl kuberik deploy my-app v1.1.0',
      ].map((cmd) => (c.ns === 'default' ? cmd : `${cmd} -n ${c.ns}`)),
    });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('version "v9.9.9" is unknown to rollout my-app');
    expect(approveUnknown.code).toBe(2);
    expect(approveUnknown.stderr).toContain('did you mean "v1.1.0"');
    expect(noGate.code).toBe(2);
    expect(noGate.stderr).toContain(
      'gate "prod-aproval" does not hold rollout my-app — its gates: production-approval',
    );
  });

  it('approve writes the gate; watch --until succeeded follows deploy and bake', async () => {
    const ok = await as(['approve', 'my-app', '-m', 'QA signed off', '--yes', '-o', 'json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(json<{ version: string; changed: string[] }>(ok.stdout)).toMatchObject({ version: 'v1.1.0' });
    const gate = await c.get<{ spec: { allowedVersions?: string[] } }>(
      Kinds.RolloutGate,
      'production-approval',
    );
    expect(gate?.spec.allowedVersions).toContain('v1.1.0');
    const run = await as(['watch', 'my-app', '--until', 'succeeded', '--timeout', '40s']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    // The first line may already show it deployed: the driver reconciles before the first frame.
    expect(run.stdout).toMatch(/v1\.1\.0 deployed \(was v1\.0\.0\)|my-app: current v1\.1\.0/);
    expect(run.stdout).toMatch(/v1\.1\.0 bake: started \(2s\)/);
    expect(run.stdout).toMatch(/v1\.1\.0 succeeded/);
    expect((await rolloutStatus(c)).currentVersion).toBe('v1.1.0');
  });

  it('history shows the deploy with who and the bake', async () => {
    const table = await as(['history', 'my-app']);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+VERSION\s+RESULT\s+STARTED\s+DURATION\s+BY\s+REASON$/);
    expect(table.stdout, table.stdout + table.stderr).toMatch(
      /v1\.1\.0\s+Succeeded.*approved by \S+: QA signed off$/m,
    );
    const wide = await as(['history', 'my-app', '-o', 'wide']);
    expect(wide.stdout.split('\n')[0]).toMatch(/\bREASON\s+MESSAGE$/);
    const entries = json<Array<{ version: { tag: string }; bakeStatus: string }>>(
      (await as(['history', 'my-app', '-o', 'json'])).stdout,
    );
    expect(entries[0]).toMatchObject({ version: { tag: 'v1.1.0' }, bakeStatus: 'Succeeded' });
  });

  it('a failing version: watch exits 10, why and retry point the way', async () => {
    await c.publish('v1.2.0');
    expect((await as(['watch', 'my-app', '--until', 'awaiting-approval', '--timeout', '30s'])).code).toBe(0);
    expect((await as(['approve', 'my-app', 'v1.2.0', '--yes'])).code).toBe(0);
    const run = await as(['watch', 'my-app', '--until', 'succeeded', '--timeout', '40s']);
    expect(run.code, run.stdout + run.stderr).toBe(10);
    expect(run.stderr).toContain('v1.2.0 failed its bake');
    const why = await as(['why', 'my-app', 'v1.2.0']);
    expect(why.stdout).toContain('kubectl kuberik retry my-app');
    const retry = await as(['retry', 'my-app', '-o', 'json']);
    expect(retry.code, retry.stderr).toBe(0);
  });

  it('pin, unpin and rollback write spec.wantedVersion', async () => {
    const pin = await as(['deploy', 'my-app', 'v1.0.0', '--pin', '--yes']);
    expect(pin.code, pin.stderr).toBe(0);
    // Nothing drives my-app between these commands: the pin is written and the command says so.
    expect(pin.stdout).toMatch(/^! pin to v1\.0\.0 requested, but nothing drives my-app/);
    const spec = async () =>
      (await c.get<{ spec: { wantedVersion?: string } }>(Kinds.Rollout, 'my-app'))?.spec;
    expect((await spec())?.wantedVersion).toBe('v1.0.0');
    expect((await as(['why', 'my-app', 'v1.1.0'])).stdout).toContain('kubectl kuberik unpin my-app');
    expect((await as(['unpin', 'my-app'])).code).toBe(0);
    expect((await spec())?.wantedVersion).toBeUndefined();
    const back = await as(['rollback', 'my-app', '--to', 'v1.1.0', '--yes']);
    expect(back.code, back.stderr).toBe(0);
    expect((await spec())?.wantedVersion).toBe('v1.1.0');
    expect((await as(['unpin', 'my-app'])).code).toBe(0);
    const badDeploy = await as(['deploy', 'my-app', 'v7', '--yes']);
    expect(badDeploy.code).toBe(2);
    expect(badDeploy.stderr).toContain('version "v7" is not a release of my-app');
  });

  it('deny rejects the version: a CI step waiting for it exits 12', async () => {
    await c.publish('v1.4.0');
    const step = spawnKuberik(
      ['watch', 'my-app', '--until', 'deployed', '--version', 'v1.4.0', '--timeout', '40s'],
      {
        kubeconfig: c.kubeconfig,
      },
    );
    let out = '';
    let err = '';
    step.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    step.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number>((r) => step.on('exit', (code) => r(code ?? -1)));
    await until(() => /pending v1\.4\.0|v1\.4\.0 pending/.test(out));
    const deny = await as(['deny', 'my-app', 'v1.4.0', '-m', 'breaks checkout', '--yes']);
    expect(deny.code, deny.stderr).toBe(0);
    expect(deny.stdout).toContain('v1.4.0');
    expect(await exited, out + err).toBe(12);
    expect(err).toContain('v1.4.0 was rejected');
    expect(out).toMatch(/^\d\d:\d\d:\d\d v1\.4\.0 rejected: denied by \S+ on production-approval$/m);
  });

  it('completion offers commands, rollout names and versions', async () => {
    const cmds = await as(['__complete', 'ap']);
    expect(cmds.stdout.trim().split('\n')).toEqual(['approve', ':4']);
    const names = await as(['__complete', 'watch', '']);
    expect(names.stdout.trim().split('\n')).toEqual(['my-app', ':4']);
    const versions = await as(['__complete', 'why', 'my-app', 'v1.1']);
    expect(versions.stdout).toContain('v1.1.0');
    expect((await as(['completion', 'bash'])).stdout).toContain(
      'complete -F _kubectl_kuberik kubectl-kuberik',
    );
  });
});
