// package.json is the half of the UI VS Code reads without running us: keep it in step with the code.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { CommandId } from './commands/ids.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const contributed: string[] = pkg.contributes.commands.map((c: { command: string }) => c.command);

it('contributes exactly the commands the extension registers', () => {
  expect([...contributed].sort()).toEqual(Object.values(CommandId).sort());
});

it('every menu entry names a contributed command and is scoped to the Rollouts view', () => {
  for (const [menu, entries] of Object.entries(pkg.contributes.menus) as [
    string,
    { command: string; when: string }[],
  ][]) {
    for (const e of entries) {
      expect(contributed, `${menu}: ${e.command}`).toContain(e.command);
      if (menu.startsWith('view/'))
        expect(e.when, `${menu}: ${e.command}`).toMatch(/^view == kuberik\.rollouts/);
    }
  }
});

it('activates only on opening the view or running a command, and stays within VS Code 1.100', () => {
  expect(
    pkg.activationEvents.every(
      (e: string) => e === 'onView:kuberik.rollouts' || e.startsWith('onCommand:kuberik.'),
    ),
  ).toBe(true);
  expect(pkg.engines.vscode).toBe('^1.95.0');
  expect(pkg.main).toBe('./dist/extension.cjs');
});

it('rollout commands are in the palette once connected (they ask which rollout); Copy Version is not', () => {
  const when = (id: string) =>
    pkg.contributes.menus.commandPalette.find((m: { command: string }) => m.command === id)?.when;
  for (const id of [
    CommandId.approve,
    CommandId.deny,
    CommandId.deployVersion,
    CommandId.rollback,
    CommandId.retry,
    CommandId.openYaml,
  ])
    expect(when(id), id).toBe('kuberik.state == ok');
  expect(when(CommandId.copyVersion)).toBe('false');
  const title = (id: string) =>
    pkg.contributes.commands.find((c: { command: string }) => c.command === id)?.title;
  expect(title(CommandId.approve)).toBe('Approve Pending Version…');
});

it('the welcome texts have no literal Markdown code and link to the kubeconfig setting', () => {
  const welcome: { contents: string; when: string }[] = pkg.contributes.viewsWelcome;
  expect(welcome.map((w) => w.when).sort()).toEqual([
    'kuberik.state == missingConfig',
    'kuberik.state == noConfig',
  ]);
  for (const w of welcome) {
    expect(w.contents).not.toContain('`');
    expect(w.contents).toContain(
      '[Open Settings](command:workbench.action.openSettings?%5B%22kuberik.kubeconfig%22%5D)',
    );
  }
});
