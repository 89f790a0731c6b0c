// The watch TUI in a real terminal (tmux): gates, the bake bar advancing, `a` approving the pending
// version and the deploy following, `q` restoring the terminal.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxOnly } from '../support/backend.js';
import { cliDir, cliEnv, ensureBuilt, startCluster, type TestCluster } from './support.js';
import { requireTmux, sh, Tmux } from './tmux.js';

let c: TestCluster;
const tmux = new Tmux();
const observer = new Tmux();
const demo = new Tmux();

beforeAll(async () => {
  requireTmux();
  await ensureBuilt();
  c = await startCluster({}, { bakeTime: '4s' });
  await c.publish('v1.1.0');
}, 240_000);
afterAll(async () => {
  await tmux.kill();
  await observer.kill();
  await demo.kill();
  await c?.close();
});

/** The shell line tmux runs: the plugin with a clean environment (and no CI, as on a laptop). */
function watchLine(args: string): string {
  const env = cliEnv({ kubeconfig: c.kubeconfig, env: { TERM: 'xterm-256color' } });
  const vars = ['PATH', 'HOME', 'KUBECONFIG', 'TZ', 'LANG', 'TERM']
    .map((k) => `${k}=${sh(env[k] ?? '')}`)
    .join(' ');
  return `env -u CI ${vars} node ${sh(join(cliDir, 'bin', 'run.js'))} ${args}; echo "EXITED:$?"; sleep 60`;
}

describe('watch TUI', () => {
  it('shows gates, approves with a, bakes with a moving bar, and q restores the terminal', async () => {
    const env = cliEnv({ kubeconfig: c.kubeconfig, env: { TERM: 'xterm-256color' } });
    const vars = ['PATH', 'HOME', 'KUBECONFIG', 'TZ', 'LANG', 'TERM']
      .map((k) => `${k}=${sh(env[k] ?? '')}`)
      .join(' ');
    // CI=true (the CI machine) would switch the plugin to line mode; a developer's terminal has none.
    await tmux.start(
      `env -u CI ${vars} node ${sh(join(cliDir, 'bin', 'run.js'))} watch my-app; echo "EXITED:$?"; sleep 60`,
    );

    const first = await tmux.waitFor(
      (s) => /Production approval\s+awaiting approval/.test(s),
      'the approval gate',
    );
    expect(first).toMatch(
      new RegExp(`^my-app {2}· {2}${c.ns} {2}· {2}${c.context} {2}· {2}driven by this watch`, 'm'),
    );
    expect(first).toMatch(/pending {2}v1\.1\.0 {2}awaiting approval/);
    expect(first).toContain('[a] approve  [d] deny  [r] retry  [p] pin  [?] why  [q] quit');
    expect(await tmux.alternateScreen()).toBe(true);
    expect(first.trimEnd().split('\n').length).toBeLessThanOrEqual(31);

    await tmux.keys('a');
    await tmux.waitFor(
      (s) => s.includes('Approve v1.1.0 on Production approval? [y/N]'),
      'the confirmation line',
    );
    await tmux.keys('y');
    await tmux.waitFor((s) => /✔ v1\.1\.0 approved/.test(s), 'the approval result');

    const bakeAt = (s: string) => /Bake {2}█*░*\s+(\d+)s \/ 4s/.exec(s)?.[1];
    const early = await tmux.waitFor((s) => bakeAt(s) !== undefined, 'the bake bar', 40_000);
    const startElapsed = Number(bakeAt(early));
    await tmux.waitFor(
      (s) => Number(bakeAt(s) ?? -1) > startElapsed || /v1\.1\.0 succeeded/.test(s),
      'the bake bar advancing',
    );
    const done = await tmux.waitFor(
      (s) => /Bake {2}█{20} {2}v1\.1\.0 succeeded/.test(s),
      'the bake succeeding',
      40_000,
    );
    expect(done).toMatch(/current {2}v1\.1\.0 {2}Succeeded/);
    expect(done).toMatch(/#\d+\s+v1\.1\.0\s+Succeeded/);

    await tmux.keys('q');
    const after = await tmux.waitFor((s) => s.includes('EXITED:'), 'the shell after quitting');
    expect(after).toContain('EXITED:0');
    expect(after).not.toContain('[q] quit');
    expect(await tmux.alternateScreen()).toBe(false);
    expect(await tmux.cursorVisible()).toBe(true);
  });

  it('an observer sees who drives, and Ctrl-C restores the terminal too', async () => {
    await observer.start(watchLine('watch my-app --observe'));
    const screen = await observer.waitFor((s) => s.includes('[q] quit'), 'the watch screen');
    expect(screen).toMatch(/^my-app .* (driven by|nothing drives it)/m);
    expect(await observer.alternateScreen()).toBe(true);
    await observer.keys('C-c');
    const after = await observer.waitFor((s) => s.includes('EXITED:'), 'the shell after Ctrl-C');
    expect(after).toContain('EXITED:0');
    expect(await observer.alternateScreen()).toBe(false);
    expect(await observer.cursorVisible()).toBe(true);
  });

  sandboxOnly.it(
    'the demo runs its own embedded sandbox, whatever the backend',
    'the interactive demo says when it has finished, and q leaves it',
    async () => {
      const env = cliEnv({ env: { TERM: 'xterm-256color' } });
      const vars = ['PATH', 'HOME', 'TZ', 'LANG', 'TERM'].map((k) => `${k}=${sh(env[k] ?? '')}`).join(' ');
      await demo.start(
        `env -u CI -u KUBECONFIG ${vars} node ${sh(join(cliDir, 'bin', 'run.js'))} demo --pace 0.05; echo "EXITED:$?"; sleep 60`,
      );
      // Each new version waits for approval (press a, then y) until the story ends.
      const finished = 'demo finished: v1.2.1 is live after v1.2.0 failed its bake — press q to quit';
      let end = '';
      for (let i = 0; i < 5 && !end.includes(finished); i++) {
        end = await demo.waitFor(
          (s) => s.includes(finished) || /waits for your approval — press a/.test(s),
          'an approval prompt or the end',
          90_000,
        );
        if (end.includes(finished)) break;
        await demo.keys('a');
        await demo.waitFor((s) => s.includes('[y/N]'), 'the confirmation');
        await demo.keys('y');
        await demo.waitFor((s) => !/waits for your approval — press a/.test(s), 'the prompt to go');
      }
      expect(end).toContain(finished);
      expect(end).toContain('[q] quit');
      await demo.keys('q');
      const after = await demo.waitFor((s) => s.includes('EXITED:'), 'the shell after quitting', 30_000);
      expect(after).toContain('EXITED:0');
    },
    240_000,
  );
});
