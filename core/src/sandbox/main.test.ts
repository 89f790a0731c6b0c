import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('core/src/sandbox/main.ts (the bare API server process)', () => {
  it('prints one ready line, writes a kubeconfig, serves the CRDs, persists and stops cleanly on SIGTERM', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sandbox-main-'));
    const kubeconfig = join(dir, 'k.yaml');
    const data = join(dir, 'data.json');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'core/src/sandbox/main.ts', '--kubeconfig-out', kubeconfig, '--data', data],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /^sandbox ready (http:\/\/127\.0\.0\.1:\d+)\n/.exec(out);
        if (m) resolve(m[1] as string);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    expect(await readFile(kubeconfig, 'utf8')).toContain(`server: ${url}`);
    const res = await fetch(`${url}/apis/kuberik.com/v1alpha1`);
    expect(
      ((await res.json()) as { resources: Array<{ name: string }> }).resources.map((r) => r.name),
    ).toContain('rollouts');
    const code = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await code).toBe(0);
    expect(out).toBe(`sandbox ready ${url}\n`);
    const crdRecords = (await readFile(data, 'utf8'))
      .split('\n')
      .filter((l) => l.includes('"k":"apiextensions.k8s.io/customresourcedefinitions"'));
    expect(crdRecords.length).toBeGreaterThan(5);
  });

  it('refuses unknown flags with a usage message', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'core/src/sandbox/main.ts', '--bogus'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('usage: node --import tsx core/src/sandbox/main.ts');
  });
});
