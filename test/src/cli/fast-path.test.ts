// `get` and `why` have a fast path that skips oclif's Config.load (docs/cli-startup.md). Whatever it answers
// must be byte for byte what oclif's path answers: every invocation below runs both ways
// (KUBERIK_NO_FAST_PATH=1 forces oclif) and stdout, stderr and the exit code must match. A third
// run with NODE_DEBUG=esm,kuberik shows which path ran: the fast path runs dist/fast-path/get.cjs or why.cjs
// and never loads oclif's entry (index.js).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTempDir } from '../support/tmp.js';
import { ensureBuilt, kuberik, startCluster, type CliResult, type TestCluster } from './support.js';

let c: TestCluster;
let unreachable: string;

beforeAll(async () => {
  await ensureBuilt();
  c = await startCluster({ nobody: { username: 'nobody', rules: [] } }, { bakeTime: '1s' });
  unreachable = join(makeTempDir('fast-path'), 'unreachable.yaml');
  writeFileSync(
    unreachable,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        { name: 'gone', cluster: { server: 'http://127.0.0.1:1', 'insecure-skip-tls-verify': true } },
      ],
      users: [{ name: 'u', user: { token: 't' } }],
      contexts: [{ name: 'gone', context: { cluster: 'gone', user: 'u' } }],
      'current-context': 'gone',
    }),
  );
}, 240_000);
afterAll(() => c?.close());

type Target = 'admin' | 'nobody' | 'unreachable';
const kubeconfigOf = (t: Target) =>
  t === 'admin' ? c.kubeconfig : t === 'nobody' ? c.kubeconfigFor('nobody') : unreachable;

const both = (args: string[], t: Target, env: Record<string, string> = {}) =>
  Promise.all([
    kuberik(args, { kubeconfig: kubeconfigOf(t), env }),
    kuberik(args, { kubeconfig: kubeconfigOf(t), env: { ...env, KUBERIK_NO_FAST_PATH: '1' } }),
  ]);

const same = (a: CliResult, b: CliResult) =>
  a.code === b.code && a.stdout === b.stdout && a.stderr === b.stderr;

/** Table lines that differ only in the last column (AGE) by one tick of its unit. */
const oneTickApart = (a: string, b: string) => {
  const [x, y] = [a, b].map((l) => /^(.*\s)(\d+)([smhd])$/.exec(l));
  return !!x && !!y && x[1] === y[1] && x[3] === y[3] && Math.abs(Number(x[2]) - Number(y[2])) <= 1;
};
const sameButAgeTick = (a: CliResult, b: CliResult) => {
  const [la, lb] = [a.stdout.split('\n'), b.stdout.split('\n')];
  return (
    a.code === b.code &&
    a.stderr === b.stderr &&
    la.length === lb.length &&
    la.every((l, i) => l === lb[i] || oneTickApart(l, lb[i]!))
  );
};

/**
 * Runs fast and full side by side. A difference that a clock tick explains (AGE) goes away on a
 * retry; under load the fast path answers so much sooner that the two keep straddling a second,
 * so after the retries one tick of AGE is let through, and the fast answer stands in for both.
 */
async function compare(args: string[], t: Target, env: Record<string, string> = {}) {
  let [fast, full] = await both(args, t, env);
  for (let i = 0; i < 2 && !same(fast, full); i++) [fast, full] = await both(args, t, env);
  if (!same(fast, full) && sameButAgeTick(fast, full)) full = fast;
  return { fast, full };
}

async function tookFastPath(args: string[], t: Target): Promise<boolean> {
  const r = await kuberik(args, { kubeconfig: kubeconfigOf(t), env: { NODE_DEBUG: 'esm,kuberik' } });
  expect(r.stderr).toMatch(/code cache for (get|why)\.cjs|bundle\/fast-help\.js/); // the trace is there at all
  return !/bundle\/index\.js/.test(r.stderr);
}

// [argv, target, exit code, expected to take the fast path]
const matrix: [string[], Target, number, boolean][] = [
  [['get'], 'admin', 0, true],
  [['list'], 'admin', 0, true],
  [['get', '-A'], 'admin', 0, true],
  [['get', '--all-namespaces', '-l', 'app!=nothing'], 'admin', 0, true],
  [['get', '-n', 'default', 'my-app'], 'admin', 0, true],
  [['get', '--namespace=empty-ns'], 'admin', 0, true],
  [['get', '-o', 'json'], 'admin', 0, true],
  [['get', 'my-app', '-o', 'yaml', '--show-managed-fields'], 'admin', 0, true],
  [['get', '-owide'], 'admin', 0, true],
  [['get', '--output=name'], 'admin', 0, true],
  [['get', '--no-color', '-A', '-o', 'wide'], 'admin', 0, true],
  [['get', 'my-ap'], 'admin', 2, true],
  [['get', 'missing', '--debug'], 'admin', 2, true],
  [['get', '--context', 'nope'], 'admin', 1, true],
  [['get', '--request-timeout', 'soon'], 'admin', 1, true],
  [['get'], 'nobody', 3, true],
  [['get', 'my-app', '-o', 'json'], 'nobody', 3, true],
  [['get'], 'unreachable', 1, true],
  [['why', 'my-app'], 'admin', 0, true],
  [['why', 'my-app', '-o', 'json'], 'admin', 0, true],
  [['why', 'my-app', 'v1.0.0'], 'admin', 2, true],
  [['why', '-n', 'default', 'my-app', '--output=yaml'], 'admin', 0, true],
  [['why', 'my-app', 'v9.9.9'], 'admin', 2, true],
  [['why', 'my-ap'], 'admin', 2, true],
  [['why', 'my-app'], 'nobody', 3, true],
  [['why', 'my-app'], 'unreachable', 1, true],
  // every argv form the fast parser (fast/argv.ts) accepts
  [['get', '-nempty-ns'], 'admin', 0, true],
  [['get', '-n=default', 'my-app'], 'admin', 0, true],
  [['get', '-A', '-o', 'wide'], 'admin', 0, true],
  [['get', '-o=name', 'my-app'], 'admin', 0, true],
  [['get', '-l', 'app.kubernetes.io/name!=x,tier!=canary'], 'admin', 0, true],
  [['get', '--selector=app!=x'], 'admin', 0, true],
  [['get', '--debug', '--debug', 'my-app'], 'admin', 0, true],
  [['list', '--no-color', '--request-timeout', '5s', '--kubeconfig', '/nonexistent'], 'admin', 1, true],
  [['get', '-'], 'admin', 2, true],
  [['why', 'my-app', '-n', 'default', '-ojson'], 'admin', 0, true],
  // forms it leaves to oclif: repeated options, empty values, combined short flags, `--bool=x`,
  // values that start with `-`, `--`, negative numbers, unknown flags, extra args
  [['get', '-o', 'json', '-o', 'yaml'], 'admin', 1, false],
  [['get', '--namespace='], 'admin', 0, false],
  [['get', '-Aowide'], 'admin', 0, false],
  [['get', '--debug=yes'], 'admin', 2, false],
  [['get', '-l', '-x'], 'admin', 1, false],
  [['get', '--', 'my-app'], 'admin', 0, false],
  [['get', '-5'], 'admin', 2, false],
  [['get', '--no-debug'], 'admin', 1, false],
  [['get', '-x'], 'admin', 1, false],
  [['why', 'my-app', 'v1', 'extra'], 'admin', 1, false],
  // oclif's business: usage errors, help, exclusive flags
  [['why'], 'admin', 1, false],
  [['why', 'my-app', '-o', 'wide'], 'admin', 1, false],
  [['get', '--bogus'], 'admin', 1, false],
  [['get', '-o', 'xml'], 'admin', 1, false],
  [['get', '-A', '-n', 'default'], 'admin', 1, false],
  [['get', 'a', 'b'], 'admin', 1, false],
  [['get', '--help'], 'admin', 0, false],
  [['get', '-n'], 'admin', 1, false],
];

describe('get and why: the fast path answers exactly as oclif does', () => {
  test.each(matrix)(
    '%j as %s',
    async (args, target, code, fast) => {
      const { fast: f, full } = await compare(args, target);
      expect({ code: f.code, stdout: f.stdout, stderr: f.stderr }).toEqual({
        code: full.code,
        stdout: full.stdout,
        stderr: full.stderr,
      });
      // the case is what it says: it succeeded or failed as intended, and output is not empty
      expect(full.code, full.stderr).toBe(code);
      expect(full.stdout + full.stderr).not.toBe('');
      expect(await tookFastPath(args, target)).toBe(fast);
    },
    120_000,
  );

  test('a piped stdin is never taken for an argument, on either path (kubectl reads none)', async () => {
    for (const env of [{}, { KUBERIK_NO_FAST_PATH: '1' }]) {
      const get = await kuberik(['get', '-o', 'name'], { kubeconfig: c.kubeconfig, env, input: 'nope\n' });
      expect([get.code, get.stdout], get.stderr).toEqual([0, expect.stringContaining('my-app')]);
      const why = await kuberik(['why', 'my-app'], { kubeconfig: c.kubeconfig, env, input: 'v9.9.9\n' });
      expect(why.code, why.stderr).toBe(0);
    }
  }, 60_000);

  test('oclif switches in the environment send get to oclif', async () => {
    const r = await kuberik(['get'], {
      kubeconfig: c.kubeconfig,
      env: { NODE_DEBUG: 'esm', OCLIF_FOO: '1' },
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/bundle\/index\.js/);
  }, 60_000);
});
