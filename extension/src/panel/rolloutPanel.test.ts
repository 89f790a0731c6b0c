// The detail panel wired into the extension: opened by a row click, buttons act, live updates.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', () => import('../test-support/fakeVscode.js'));

import { CommandId } from '../commands/ids.js';
import { ExtensionHarness, myApp } from '../test-support/extensionHarness.js';
import { fake, resetFake } from '../test-support/fakeVscode.js';

const h = new ExtensionHarness();
beforeEach(() => resetFake());
afterEach(() => h.dispose());

describe('rollout detail panel', () => {
  it('clicking a rollout row opens its panel; a second click reveals the same panel', async () => {
    await h.start();
    const item = h.api.tree.getTreeItem(h.row('ro:team-a/my-app'));
    expect(item.command?.command).toBe(CommandId.openDetails);
    await h.run(item.command!.command, ...(item.command!.arguments ?? []));
    expect(fake.panels).toHaveLength(1);
    const panel = fake.panels[0]!;
    expect(panel.title).toBe('Rollout my-app');
    expect(panel.options).toMatchObject({ enableScripts: true, localResourceRoots: [] });
    expect(panel.webview.html).toContain('Approve v1.3.0');
    await h.run(item.command!.command, ...(item.command!.arguments ?? []));
    expect(fake.panels).toHaveLength(1);
    expect(panel.revealed).toBe(1);
  });

  it('a button posts a message that runs the same action as the tree (with its reason prompt)', async () => {
    await h.start();
    await h.run(CommandId.openDetails, h.row('ro:team-a/my-app'));
    fake.answers.push('from the panel');
    fake.panels[0]!.fromPage.fire({ action: 'approve' });
    await vi.waitFor(() => expect(h.cluster.actions.calls).toHaveLength(1));
    expect(fake.prompts[0]).toMatchObject({ kind: 'input', title: 'Approve v1.3.0 of team-a/my-app' });
    expect(h.cluster.actions.calls[0]).toMatchObject({
      action: 'approve',
      args: [{ version: 'v1.3.0', message: 'from the panel' }],
    });
    fake.panels[0]!.fromPage.fire({ action: 'rm -rf' }); // unknown messages are ignored
    expect(h.cluster.actions.calls).toHaveLength(1);
  });

  it('updates live from the driver, and closes cleanly', async () => {
    await h.start();
    await h.run(CommandId.openDetails, h.row('ro:team-a/my-app'));
    const panel = fake.panels[0]!;
    const next = myApp();
    next.rollout.status = {
      ...next.rollout.status,
      phase: 'Deploying',
      currentVersion: 'v1.3.0',
      pendingVersion: undefined,
    };
    h.cluster.driver.emit({ type: 'snapshot', snapshot: next });
    expect(panel.shownBody).toContain('current <strong>v1.3.0</strong>');
    expect(panel.shownBody).not.toContain('Approve v1.3.0');
    const posted = panel.posted.length;
    h.cluster.driver.emit({ type: 'snapshot', snapshot: next }); // nothing changed: nothing posted
    expect(panel.posted.length).toBe(posted);
    panel.dispose();
    h.cluster.driver.emit({ type: 'snapshot', snapshot: myApp() });
    expect(panel.posted.length).toBe(posted);
  });

  it('from the palette it asks which rollout', async () => {
    await h.start();
    fake.answers.push('team-a/my-app');
    await h.run(CommandId.openDetails);
    expect(fake.prompts[0]).toMatchObject({ kind: 'quickPick', items: ['team-a/my-app'] });
    expect(fake.panels).toHaveLength(1);
  });
});
