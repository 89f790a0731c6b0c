// Issue 13 point 2 / spec §10.8: `sandbox` is a cluster with Kuberik installed. From the banner's
// own steps (apply the samples, publish a version, approve), the controller inside deploys the
// first version at any hour, with no `watch` running. `--no-controller` leaves it out.
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { kubectl } from '../support/kubectl.js';
import { makeTempDir } from '../support/tmp.js';
import { ensureBuilt, kuberik, repo, spawnKuberik, until } from './support.js';

beforeAll(async () => {
  await ensureBuilt();
}, 240_000);

let child: ChildProcess | undefined;
afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child?.once('exit', r));
    child.kill('SIGINT');
    await exited;
  }
  child = undefined;
});

async function startSandbox(args: string[]): Promise<{ kubeconfig: string; banner: () => string }> {
  const kubeconfig = join(makeTempDir('sandbox-ctl'), 'k.yaml');
  child = spawnKuberik(['sandbox', '--kubeconfig-out', kubeconfig, ...args]);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await until(() => out.includes('Press Ctrl-C to stop.') || child?.exitCode !== null);
  expect(out).toContain('Press Ctrl-C to stop.');
  return { kubeconfig, banner: () => out };
}

async function rollout(
  kubeconfig: string,
): Promise<{ status?: { history?: Array<{ version: { tag: string } }> } }> {
  const r = await kuberik(['get', 'my-app', '-o', 'json'], { kubeconfig });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

async function untilTag(kubeconfig: string, tag: string): Promise<void> {
  for (;;) {
    const r = await rollout(kubeconfig);
    if (r.status?.history?.[0]?.version.tag === tag) return;
    await new Promise((res) => setTimeout(res, 200));
  }
}

describe('kubectl kuberik sandbox', () => {
  it('runs the controller inside: the samples reach a first deploy from the banner’s steps alone', async () => {
    const { kubeconfig, banner } = await startSandbox([]);
    expect(banner()).toMatch(/the Kuberik controller runs inside/);
    const publish = /kubectl annotate imagepolicy my-app sandbox\.kuberik\.com\/publish=(v[\d.]+)/.exec(
      banner(),
    );
    expect(publish, banner()).not.toBeNull();

    const apply = await kubectl(['apply', '-k', join(repo, 'config', 'samples')], { kubeconfig });
    expect(apply.code, apply.stderr).toBe(0);
    const annotate = await kubectl(
      ['annotate', 'imagepolicy', 'my-app', `sandbox.kuberik.com/publish=${publish![1]}`],
      { kubeconfig },
    );
    expect(annotate.code, annotate.stderr).toBe(0);
    // The first version is adopted as it is (spec §5): the sample's first deploy, at any hour.
    await untilTag(kubeconfig, publish![1] as string);
    // The next one waits on the sample's approval gate, and on nothing else (no business-hours
    // schedule by default): approve it and the controller inside deploys it, no `watch` running.
    const next = await kubectl(['annotate', 'imagepolicy', 'my-app', 'sandbox.kuberik.com/publish=v1.1.0'], {
      kubeconfig,
    });
    expect(next.code, next.stderr).toBe(0);
    for (;;) {
      const why = await kuberik(['why', 'my-app'], { kubeconfig });
      if (/v1\.1\.0/.test(why.stdout) && /approv/i.test(why.stdout)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const approve = await kuberik(['approve', 'my-app', '-m', 'first deploy'], { kubeconfig });
    expect(approve.code, approve.stdout + approve.stderr).toBe(0);
    await untilTag(kubeconfig, 'v1.1.0');
  }, 120_000);

  it('--no-controller leaves the controller out and says how to drive instead', async () => {
    const { banner } = await startSandbox(['--no-controller']);
    expect(banner()).toMatch(/no controller inside: `.+ watch NAME` drives a rollout/);
    expect(banner()).not.toMatch(/controller runs inside/);
  });

  it('accepts the flag `npm run sandbox` used to need (--simulate-flux)', async () => {
    const { banner } = await startSandbox(['--simulate-flux']);
    expect(banner()).toContain('export KUBECONFIG=');
  });
});
