// `npm i -g kubectl-kuberik` installs what `npm pack -w kubectl-kuberik` packs: this test packs the
// built CLI, unpacks the tarball like npm does, checks what is (and is not) in it, and runs the
// packed binary's `controller` command against a sandbox until SIGTERM.
import { execFile, spawn } from 'node:child_process';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ensureBuilt, repo } from '../cli/support.js';
import { makeTempDir } from '../support/tmp.js';
import {
  KUSTOMIZATION,
  ensureNamespace,
  leaseHolder,
  seedApp,
  substituted,
  waitFor,
} from './support/fixtures.js';
import { sandboxWithCrds } from './support/in-process.js';

const exec = (cmd: string, args: string[], cwd: string) =>
  new Promise<string>((resolve, reject) =>
    execFile(cmd, args, { cwd, maxBuffer: 16 * 1024 * 1024, timeout: 180_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${cmd} ${args.join(' ')}: ${stderr}`)) : resolve(stdout),
    ),
  );

let dir: string;
let files: string[];
let pkg: {
  name: string;
  bin: Record<string, string>;
  dependencies?: Record<string, string>;
  engines?: Record<string, string>;
};
beforeAll(async () => {
  await ensureBuilt();
  dir = makeTempDir('pack');
  const packed = JSON.parse(
    await exec('npm', ['pack', '-w', 'kubectl-kuberik', '--pack-destination', dir, '--json'], repo),
  ) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  const entry = packed[0]!;
  files = entry.files.map((f) => f.path).sort();
  await exec('tar', ['-xzf', join(dir, entry.filename), '-C', dir], dir);
  pkg = JSON.parse(readFileSync(join(dir, 'package', 'package.json'), 'utf8')) as typeof pkg;
  // Stand-in for `npm i -g` fetching the runtime dependencies (no registry in tests): the repo's.
  symlinkSync(join(repo, 'node_modules'), join(dir, 'package', 'node_modules'), 'dir');
}, 240_000);

describe('the packed kubectl-kuberik package', () => {
  it('is named and binned kubectl-kuberik and carries the bundle, the manifest and nothing else', () => {
    expect(pkg.name).toBe('kubectl-kuberik');
    expect(pkg.bin['kubectl-kuberik']).toBe('./bin/run.js');
    expect(files).toEqual(
      expect.arrayContaining([
        'bin/run.js',
        'bin/package.json', // the bins are CommonJS (docs/cli-startup.md)
        'dist/bundle/index.js',
        'dist/fast-path/get.cjs',
        'dist/fast-path/why.cjs',
        'dist/fast-path/yaml.cjs',
        'dist/fast-path/complete.cjs',
        'dist/fast-path/client-node.cjs',
        'dist/fast-path/code-cache.cjs',
        'oclif.manifest.json',
        'package.json',
      ]),
    );
    expect(files.filter((f) => f.startsWith('src/') || /\.test\.|tsconfig/.test(f))).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(dir, 'package', 'oclif.manifest.json'), 'utf8')) as {
      commands: Record<string, unknown>;
    };
    expect(Object.keys(manifest.commands)).toContain('controller');
  });

  it('depends only on packages a registry can serve (the workspace is bundled)', () => {
    // `npm i -g` resolves every dependency from the registry; private workspace packages are inlined
    // by the esbuild bundle and must not be listed.
    expect(Object.keys(pkg.dependencies ?? {}).filter((d) => d.startsWith('@kuberik/'))).toEqual([]);
  });

  it('runs `controller` from the tarball: drives rollouts, and exits 0 on SIGTERM after releasing its leases', async () => {
    const sandbox = await sandboxWithCrds();
    try {
      ensureNamespace(sandbox.store, 'shop');
      for (const name of ['cart', 'search'])
        seedApp(sandbox.store, { namespace: 'shop', name, tag: 'v3.1.0' });
      const kubeconfig = join(dir, 'kubeconfig');
      await sandbox.writeKubeconfig(kubeconfig);
      const child = spawn(
        process.execPath,
        [
          join(dir, 'package', 'bin', 'run.js'),
          'controller',
          '-n',
          'shop',
          '--kubeconfig',
          kubeconfig,
          '--metrics-addr',
          '127.0.0.1:0',
          '--health-addr',
          '127.0.0.1:0',
          '--identity',
          'packed-controller',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', HOME: dir } },
      );
      let out = '';
      let err = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (err += c.toString()));
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      try {
        for (const name of ['cart', 'search']) {
          await waitFor(
            `${name} deployed (stderr: ${err})`,
            () =>
              substituted(sandbox.store.get(KUSTOMIZATION.apiVersion, KUSTOMIZATION.kind, name, 'shop')) ===
              'v3.1.0',
          );
        }
        expect(leaseHolder(sandbox.store, 'shop', 'cart')).toBe('packed-controller');
      } finally {
        child.kill('SIGTERM');
      }
      expect(await exited).toBe(0);
      expect(leaseHolder(sandbox.store, 'shop', 'cart')).toBeUndefined();
      const lines = out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines[0]).toEqual(
        expect.objectContaining({
          msg: 'controller starting',
          namespace: 'shop',
          identity: 'packed-controller',
        }),
      );
      expect(lines.at(-1)).toEqual(expect.objectContaining({ msg: 'controller stopped' }));
      expect(err).toBe('');
    } finally {
      await sandbox.close();
    }
  });

  it('matches the krew manifest template: every platform runs bin/run.js of the installed package', () => {
    const text = readFileSync(join(repo, 'config', 'krew', 'kuberik.yaml'), 'utf8')
      .replaceAll('{{VERSION}}', '0.1.0')
      .replaceAll('{{SHA256}}', 'a'.repeat(64));
    const plugin = parse(text) as {
      apiVersion: string;
      kind: string;
      metadata: { name: string };
      spec: {
        version: string;
        shortDescription: string;
        platforms: Array<{ uri: string; sha256: string; bin: string; selector: unknown }>;
      };
    };
    expect([plugin.apiVersion, plugin.kind, plugin.metadata.name]).toEqual([
      'krew.googlecontainertools.github.com/v1alpha2',
      'Plugin',
      'kuberik',
    ]);
    expect(plugin.spec.version).toBe('v0.1.0');
    expect(plugin.spec.platforms.length).toBeGreaterThan(0);
    for (const p of plugin.spec.platforms) {
      expect(p.uri).toMatch(/^https:\/\/.+kubectl-kuberik-v0\.1\.0\.tar\.gz$/);
      expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
      // `npm install --prefix kuberik <tarball>` puts the package under kuberik/node_modules/<name>.
      const inPackage = p.bin.replace(/^kuberik\/node_modules\/kubectl-kuberik\//, '');
      expect(files).toContain(inPackage);
    }
  });

  it('prints the controller help with every flag', async () => {
    const help = await exec(
      process.execPath,
      [join(dir, 'package', 'bin', 'run.js'), 'controller', '--help'],
      dir,
    );
    for (const flag of [
      '--namespace',
      '--all-namespaces',
      '--selector',
      '--metrics-addr',
      '--health-addr',
      '--identity',
      '--kubeconfig',
      '--context',
      '--lease-duration',
      '--lease-renew',
    ]) {
      expect(help).toContain(flag);
    }
  });
});
