// Acceptance (issue 13): the README's "Using the plugin" block, run word for word in a fresh HOME
// with kubectl and the plugin on PATH, reaches a deployed and baked version with no step the README
// does not name. Each line runs as the README writes it, with three readings of what a person does:
// a line ending in `&` runs in the background (until the test ends), `export` sets the variable
// for the lines after it, and an interactive `watch` without --until is left with Ctrl-C after its
// first screen (the README says q quits). Everything else must exit 0.
//
// The block reaches a bake because the sandbox runs the controller inside and the samples deploy
// at any hour (issue 13 point 2); a sandbox without --no-controller (no controller inside) skips
// this test rather than fail on a set-up the README no longer describes. The samples bake for 10m,
// so the test takes about 10 minutes and allows 20.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlPath } from '../support/kubectl.js';
import { makeTempDir } from '../support/tmp.js';
import { binDir, cliDir, ensureBuilt, repo } from './support.js';

/** The commands of the README's "Using the plugin" sh block, in order, comments left to bash. */
export function readmeSteps(readme: string): string[] {
  const section = readme.split(/^## Using the plugin$/m)[1]?.split(/^## /m)[0] ?? '';
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() && !l.trim().startsWith('#'));
}

const sandboxHasController = (): boolean => {
  try {
    return execFileSync(process.execPath, [join(cliDir, 'bin', 'run.js'), 'sandbox', '--help'], {
      encoding: 'utf8',
    }).includes('--no-controller');
  } catch {
    return false;
  }
};

const background: ChildProcess[] = [];
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  await ensureBuilt();
  const home = makeTempDir('readme-home');
  env = {
    PATH: `${binDir}:${dirname(kubectlPath())}:${dirname(process.execPath)}:/usr/bin:/bin`,
    HOME: home,
    TZ: 'UTC',
    LANG: 'C.UTF-8',
  };
}, 240_000);

afterAll(async () => {
  for (const p of background) {
    if (p.exitCode === null && p.pid) process.kill(-p.pid, 'SIGINT');
  }
  for (const p of background) {
    if (p.exitCode === null) await new Promise((r) => p.once('exit', r));
  }
});

function runLine(
  line: string,
  o: { until?: (out: string) => boolean } = {},
): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const p = spawn('bash', ['-c', line], {
      cwd: repo,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const take = (d: Buffer) => {
      out += d.toString();
      if (o.until?.(out) && p.pid) process.kill(-p.pid, 'SIGINT');
    };
    p.stdout!.on('data', take);
    p.stderr!.on('data', take);
    p.on('exit', (code) => resolve({ code: code ?? (o.until ? 0 : 1), out }));
  });
}

const waitFor = async (cond: () => boolean, what: string, ms: number): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe.skipIf(!sandboxHasController())('README "Using the plugin", word for word', () => {
  it('reaches a deployed and baked version', async () => {
    const steps = readmeSteps(readFileSync(join(repo, 'README.md'), 'utf8'));
    expect(steps.length).toBeGreaterThan(3);
    for (const line of steps) {
      const command = line.replace(/\s+#.*$/, '');
      if (command.endsWith('&')) {
        const p = spawn('bash', ['-c', command.slice(0, -1)], {
          cwd: repo,
          env,
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        background.push(p);
        let out = '';
        p.stdout!.on('data', (d: Buffer) => (out += d.toString()));
        p.stderr!.on('data', (d: Buffer) => (out += d.toString()));
        await waitFor(
          () => /export KUBECONFIG=/.test(out) || p.exitCode !== null,
          `${command} to start`,
          120_000,
        );
        expect(p.exitCode, out).toBeNull();
        continue;
      }
      const exported = /^export (\w+)=(.*)$/.exec(command);
      if (exported) {
        env[exported[1]!] = execFileSync('bash', ['-c', `echo ${exported[2]}`], {
          env,
          encoding: 'utf8',
        }).trim();
        continue;
      }
      const interactive = /\bkubectl kuberik watch\b/.test(command) && !/--until\b/.test(command);
      const r = await runLine(command, interactive ? { until: (out) => /my-app/.test(out) } : {});
      expect(r.code, `${command}\n${r.out}`).toBe(0);
    }
    const last = await runLine('kubectl kuberik get my-app -o json');
    const rollout = JSON.parse(last.out) as {
      status?: {
        currentVersion?: string;
        history?: Array<{ version: { tag: string }; bakeStatus?: string }>;
      };
    };
    expect(rollout.status?.history?.[0]?.bakeStatus).toBe('Succeeded');
    expect(rollout.status?.history?.[0]?.version.tag).toBe(rollout.status?.currentVersion);
    expect(rollout.status?.history?.length).toBeGreaterThan(1);
  }, 1_200_000);
});

describe('readmeSteps', () => {
  it('reads the commands of the block, in order', () => {
    const steps = readmeSteps(readFileSync(join(repo, 'README.md'), 'utf8'));
    expect(steps[0]).toMatch(/^kubectl kuberik sandbox &/);
    expect(steps).toContain('export KUBECONFIG=~/.kube/kuberik-sandbox.yaml');
    expect(steps.at(-1)).toMatch(/^kubectl kuberik watch my-app --until succeeded/);
  });
});
