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

it('node-scoped commands are hidden from the command palette (they need a tree row)', () => {
  const hidden = pkg.contributes.menus.commandPalette
    .filter((m: { when: string }) => m.when === 'false')
    .map((m: { command: string }) => m.command);
  expect(hidden).toEqual(
    expect.arrayContaining([CommandId.approve, CommandId.deny, CommandId.retry, CommandId.openYaml]),
  );
  expect(hidden).not.toContain(CommandId.refresh);
});
