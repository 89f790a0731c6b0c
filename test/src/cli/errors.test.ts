// Issue 13 point 3: every usage error finishes its sentence (names the argument or flag rule, prints
// the usage line and where to read more) and our command is suggested for Argo Rollouts and kubectl
// habits. No cluster is needed: all of these fail before any request.
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, kuberik } from './support.js';

beforeAll(ensureBuilt, 240_000);

const run = (args: string[]) => kuberik(args, { env: { KUBECONFIG: '/nonexistent/kubeconfig' } });

describe('usage errors', () => {
  it.each([
    [['approve'], 'error: missing argument ROLLOUT (Rollout name)', 'approve ROLLOUT [VERSION] [flags]'],
    [['watch', '--no-wait'], 'error: missing argument ROLLOUT (Rollout name)', 'watch ROLLOUT [flags]'],
    [
      ['watch', 'my-app', '--no-wait'],
      'error: All of the following must be provided when using --no-wait: --until',
      'watch ROLLOUT [flags]',
    ],
    [
      ['get', '-A', '-n', 'x'],
      'error: --namespace=x cannot also be provided when using --all-namespaces',
      'get [ROLLOUT] [flags]',
    ],
    [
      ['get', '-w'],
      'error: Nonexistent flag: -w — to follow a rollout live, use: kubectl kuberik watch ROLLOUT',
      'get [ROLLOUT] [flags]',
    ],
    [
      ['get', 'my-app', '-w'],
      'error: Nonexistent flag: -w — to follow a rollout live, use: kubectl kuberik watch my-app',
      'get [ROLLOUT] [flags]',
    ],
    [
      ['get', 'rollout', 'my-app'],
      'error: Unexpected argument: my-app — get lists only rollouts, so name it alone: kubectl kuberik get my-app',
      'get [ROLLOUT] [flags]',
    ],
  ])('%j names what is wrong, the usage and --help (exit 1)', async (args, first, usage) => {
    const r = await run(args);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toEqual([
      first,
      `Usage: kubectl kuberik ${usage}`,
      `See 'kubectl kuberik ${args[0]} --help'.`,
    ]);
    expect(r.stderr).not.toMatch(/following errors? occurred:\s*$/m);
  });
});

describe('habits from Argo Rollouts and kubectl', () => {
  it.each([
    [['promote', 'my-app'], 'promote', 'kubectl kuberik approve my-app'],
    [['undo', 'my-app'], 'undo', 'kubectl kuberik rollback my-app'],
    [['status', 'my-app'], 'status', 'kubectl kuberik watch my-app --until done'],
    [['abort', 'my-app'], 'abort', 'kubectl kuberik deny my-app'],
    [['promote'], 'promote', 'kubectl kuberik approve ROLLOUT'],
  ])('%j suggests our command (exit 1)', async (args, word, ours) => {
    const r = await run(args);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: unknown command "${word}" — use: ${ours}\n`);
  });

  it('an unknown command names only the command word, with close names', async () => {
    const r = await run(['aprove', 'my-app']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'error: unknown command "aprove" (did you mean "approve"?) — see kubectl kuberik --help\n',
    );
  });
});

describe('help', () => {
  it('lists each command once (list stays a hidden alias of get)', async () => {
    const root = await run(['--help']);
    expect(root.stdout).toMatch(/^ {2}get /m);
    expect(root.stdout).not.toMatch(/^ {2}list /m);
    const list = await run(['list']);
    expect(list.stderr).toMatch(/^error: KUBECONFIG names \/nonexistent\/kubeconfig/);
  });

  it.each(['sandbox', 'demo', 'completion', 'version'])('%s shows no connection flags', async (cmd) => {
    const r = await run([cmd, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/--context|--namespace|-n, |--kubeconfig[ =]/);
    expect(r.stdout).toContain('--no-color');
  });

  it('lists only the exit codes a command can return', async () => {
    const get = await run(['get', '--help']);
    expect(get.stdout).toContain('2   rollout, version or gate not found');
    expect(get.stdout).not.toMatch(/bake failed|timed out|waiting for approval/);
    const version = await run(['version', '--help']);
    expect(version.stdout).toMatch(/Exit codes:\n {2}0 {3}success\n {2}1 {3}usage or unexpected error\n/);
    const watch = await run(['watch', '--help']);
    expect(watch.stdout).toContain('13  waiting for approval (--until deployed --no-wait)');
    const demo = await run(['demo', '--help']);
    expect(demo.stdout).toContain('10  bake failed');
    expect(demo.stdout).not.toContain('forbidden');
  });
});
