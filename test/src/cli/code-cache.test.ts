// The fast paths (`get`/`why` and the completion entry) run one CommonJS file each with a V8 code
// cache in $XDG_CACHE_HOME/kuberik/v8 (cli/src/fast/code-cache.ts). NODE_DEBUG=kuberik says what
// happened to the cache; whatever happened, the answer must be the one oclif gives. An exec user
// loads client-node, which the fast bundle keeps in a file of its own.
import { execFile } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTempDir } from '../support/tmp.js';
import { cliDir, cliEnv, ensureBuilt, kuberik, startCluster, type TestCluster } from './support.js';

let c: TestCluster;
let viewer: string;

beforeAll(async () => {
  await ensureBuilt();
  c = await startCluster({
    viewer: { username: 'vera', rules: [{ verbs: ['get', 'list'], apiGroups: ['*'], resources: ['*'] }] },
  });
  viewer = c.kubeconfigFor('viewer');
}, 240_000);
afterAll(() => c?.close());

const cacheUse = (stderr: string, bundle: string) =>
  new RegExp(`code cache for ${bundle}\\.cjs: (\\w+)`).exec(stderr)?.[1];

/** `get -o name` (stable output) with its own cache dir; what oclif prints for the same. */
async function get(cache: string, kubeconfig = c.kubeconfig) {
  const env = { XDG_CACHE_HOME: cache, NODE_DEBUG: 'kuberik' };
  const r = await kuberik(['get', '-o', 'name'], { kubeconfig, env });
  return { ...r, use: cacheUse(r.stderr, 'get') };
}

const oclifAnswer = async (kubeconfig = c.kubeconfig) =>
  (await kuberik(['get', '-o', 'name'], { kubeconfig, env: { KUBERIK_NO_FAST_PATH: '1' } })).stdout;

const cacheFiles = (cache: string) => readdirSync(join(cache, 'kuberik', 'v8'));

describe('the code cache of the fast paths', () => {
  test('the first run writes it, the next ones use it, all answer as oclif', async () => {
    const cache = makeTempDir('code-cache');
    const expected = await oclifAnswer();
    expect(expected).toContain('my-app');
    const first = await get(cache);
    expect([first.code, first.stdout, first.use]).toEqual([0, expected, 'none']);
    expect(cacheFiles(cache)).toEqual([expect.stringMatching(/^get-\w+\.bin$/)]);
    for (let i = 0; i < 2; i++) {
      const next = await get(cache);
      expect([next.code, next.stdout, next.use]).toEqual([0, expected, 'accepted']);
    }
  }, 120_000);

  test('a corrupt cache is ignored and written again', async () => {
    const cache = makeTempDir('code-cache');
    const expected = await oclifAnswer();
    await get(cache);
    const file = join(cache, 'kuberik', 'v8', cacheFiles(cache)[0]!);
    // the key line kept, V8's data replaced: V8 must refuse it
    const bytes = readFileSync(file);
    const keyEnd = bytes.indexOf(10) + 1;
    writeFileSync(file, Buffer.concat([bytes.subarray(0, keyEnd), Buffer.alloc(bytes.length - keyEnd, 7)]));
    const rejected = await get(cache);
    expect([rejected.code, rejected.stdout, rejected.use]).toEqual([0, expected, 'rejected']);
    expect((await get(cache)).use).toBe('accepted');
    // no key line at all
    writeFileSync(file, 'garbage');
    const garbage = await get(cache);
    expect([garbage.code, garbage.stdout, garbage.use]).toEqual([0, expected, 'stale']);
    expect((await get(cache)).use).toBe('accepted');
  }, 120_000);

  test('an unwritable cache dir only means no cache', async () => {
    // a file where the cache dir would be (tests run as root, so permissions would not stop a write)
    const cache = join(makeTempDir('code-cache'), 'not-a-dir');
    writeFileSync(cache, '');
    const expected = await oclifAnswer();
    for (let i = 0; i < 2; i++) {
      const r = await get(cache);
      expect([r.code, r.stdout, r.stderr.replace(/^KUBERIK .*\n/gm, ''), r.use]).toEqual([
        0,
        expected,
        '',
        'none',
      ]);
    }
  }, 120_000);

  test('a rebuilt bundle never meets the cache of the old one', async () => {
    // a copy of the installed files, so the bundle can change under its cache
    const install = makeTempDir('code-cache-install');
    cpSync(join(cliDir, 'bin'), join(install, 'bin'), { recursive: true });
    cpSync(join(cliDir, 'dist', 'fast-path'), join(install, 'dist', 'fast-path'), { recursive: true });
    mkdirSync(join(install, 'dist', 'bundle'));
    cpSync(
      join(cliDir, 'dist', 'bundle', 'completion-spec.json'),
      join(install, 'dist', 'bundle', 'completion-spec.json'),
    );
    const cache = makeTempDir('code-cache');
    const complete = (words: string[]) =>
      new Promise<{ stdout: string; use?: string }>((res, rej) =>
        execFile(
          process.execPath,
          [join(install, 'bin', 'complete.js'), ...words],
          {
            env: cliEnv({ kubeconfig: c.kubeconfig, env: { XDG_CACHE_HOME: cache, NODE_DEBUG: 'kuberik' } }),
          },
          (err, stdout, stderr) => (err ? rej(err) : res({ stdout, use: cacheUse(stderr, 'complete') })),
        ),
      );
    const expected = (await kuberik(['__complete', 'get', ''], { kubeconfig: c.kubeconfig })).stdout;
    expect(expected).toContain('my-app');
    expect(await complete(['get', ''])).toEqual({ stdout: expected, use: 'none' });
    expect(await complete(['get', ''])).toEqual({ stdout: expected, use: 'accepted' });
    const bundle = join(install, 'dist', 'fast-path', 'complete.cjs');
    // rebuilt to the same length: V8's own check (the source length) would take the old cache
    utimesSync(bundle, new Date(), new Date(Date.now() + 60_000));
    expect(await complete(['get', ''])).toEqual({ stdout: expected, use: 'stale' });
    expect(await complete(['get', ''])).toEqual({ stdout: expected, use: 'accepted' });
    appendFileSync(bundle, '\n// rebuilt\n');
    expect(await complete(['get', ''])).toEqual({ stdout: expected, use: 'stale' });
    expect(await complete(['get', ''])).toEqual({ stdout: expected, use: 'accepted' });
  }, 120_000);

  test('an exec user gets client-node from its own file', async () => {
    const dir = makeTempDir('code-cache-exec');
    const plugin = join(dir, 'token.sh');
    const credential = {
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      kind: 'ExecCredential',
      status: { token: 'token-viewer' },
    };
    writeFileSync(plugin, `#!/bin/sh\necho '${JSON.stringify(credential)}'\n`, { mode: 0o755 });
    const server = /server: (\S+)/.exec(readFileSync(viewer, 'utf8'))![1]!;
    const kubeconfig = join(dir, 'exec.json');
    writeFileSync(
      kubeconfig,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 's', cluster: { server, 'insecure-skip-tls-verify': true } }],
        users: [
          {
            name: 'e',
            user: { exec: { apiVersion: 'client.authentication.k8s.io/v1beta1', command: plugin } },
          },
        ],
        contexts: [{ name: 's', context: { cluster: 's', user: 'e', namespace: c.ns } }],
        'current-context': 's',
      }),
    );
    const expected = await oclifAnswer(kubeconfig);
    expect(expected).toContain('my-app'); // the token worked through oclif's path
    const fast = await get(makeTempDir('code-cache'), kubeconfig);
    expect([fast.code, fast.stdout, fast.use]).toEqual([0, expected, 'none']);
  }, 120_000);
});
