// Through real kubectl plugin discovery: kubectl finds kubectl-kuberik on PATH and passes
// arguments and KUBECONFIG through; kubectl_complete-kuberik answers kubectl's completion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { kubectlPath } from '../support/kubectl.js';
import { binDir, cliEnv, ensureBuilt, startCluster, type TestCluster } from './support.js';

let c: TestCluster;
// kubectl refuses any flag before a plugin name, so no --request-timeout here (the shared helper adds one).
function kubectl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((res) =>
    execFile(
      kubectlPath(),
      args,
      { env: cliEnv({ kubeconfig: c.kubeconfig }), timeout: 60_000 },
      (err, stdout, stderr) =>
        res({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

beforeAll(async () => {
  await ensureBuilt();
  c = await startCluster();
}, 240_000);
afterAll(async () => c?.close());

describe('kubectl kuberik', () => {
  it('is discovered as a plugin', async () => {
    const r = await kubectl(['plugin', 'list']);
    expect(r.stdout).toContain(`${binDir}/kubectl-kuberik`);
  });

  it('runs commands with kubectl passing args and KUBECONFIG through', async () => {
    const [get, help, missing] = await Promise.all([
      kubectl(['kuberik', 'get', '-o', 'name']),
      kubectl(['kuberik', 'help', 'why']),
      kubectl(['kuberik', 'history', 'nope']),
    ]);
    expect(get.code, get.stderr).toBe(0);
    expect(get.stdout.trim()).toBe('rollout.kuberik.com/my-app');
    expect(help.stdout).toContain('$ kubectl kuberik why ROLLOUT [VERSION]');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`rollout "nope" not found in namespace ${c.ns}`);
  });

  it('completes rollout names through kubectl __complete', async () => {
    const r = await kubectl(['__complete', 'kuberik', 'watch', '']);
    expect(r.stdout.split('\n')).toContain('my-app');
  });
});
