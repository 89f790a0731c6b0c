// bin/complete.js (what kubectl runs on TAB) answers from the specs written at build time without
// loading oclif; its answers must stay the ones the `__complete` command gives through oclif.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { cliDir, cliEnv, ensureBuilt, kuberik, startCluster, type TestCluster } from './support.js';

let c: TestCluster;

beforeAll(async () => {
  await ensureBuilt();
  c = await startCluster();
}, 240_000);
afterAll(() => c?.close());

function completeEntry(words: string[]): Promise<string> {
  return new Promise((res, rej) =>
    execFile(
      process.execPath,
      [join(cliDir, 'bin', 'complete.js'), ...words],
      { env: cliEnv({ kubeconfig: c.kubeconfig }), timeout: 60_000 },
      (err, stdout) => (err ? rej(err) : res(stdout)),
    ),
  );
}

test.each([
  [['']],
  [['get', '']],
  [['why', 'my-app', '']],
  [['get', '-o', '']],
  [['watch', 'my-app', '--until', '']],
  [['get', '--']],
  [['approve', '-n', '']],
])(
  'complete.js %j answers like __complete',
  async (words) => {
    const viaOclif = await kuberik(['__complete', ...words], { kubeconfig: c.kubeconfig });
    expect(viaOclif.code).toBe(0);
    const direct = await completeEntry(words);
    expect(direct).toBe(viaOclif.stdout);
    expect(direct).toMatch(/(^|\n):\d+\n$/);
  },
  60_000,
);

test('rollout names come from the cluster', async () => {
  expect((await completeEntry(['get', ''])).split('\n')).toContain('my-app');
}, 60_000);
