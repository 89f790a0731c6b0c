// The command palette: rollout commands without a tree row ask which rollout first.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', () => import('../test-support/fakeVscode.js'));

import { ExtensionHarness, myApp } from '../test-support/extensionHarness.js';
import { entry, snapshot } from '../test-support/fakeCluster.js';
import { fake, resetFake } from '../test-support/fakeVscode.js';
import { CommandId } from './ids.js';

const h = new ExtensionHarness();
beforeEach(() => resetFake());
afterEach(() => h.dispose());

describe('command palette', () => {
  const two = () => ({
    snapshots: [
      myApp(),
      snapshot({
        name: 'idle',
        phase: 'Succeeded',
        current: 'v1',
        history: [entry(1, 'v1', { bakeStatus: 'Succeeded' })],
      }),
    ],
  });

  it('Approve Pending Version… asks which rollout, offering only those waiting for approval', async () => {
    await h.start(two());
    fake.answers.push('team-a/my-app', 'looks good');
    await h.run(CommandId.approve);
    expect(fake.prompts[0]).toEqual({
      kind: 'quickPick',
      title: 'Kuberik: approve the pending version of which rollout?',
      items: ['team-a/my-app'],
    });
    expect(fake.prompts[1]).toMatchObject({ kind: 'input', title: 'Approve v1.3.0 of team-a/my-app' });
    expect(h.cluster.actions.calls).toEqual([
      {
        action: 'approve',
        key: { namespace: 'team-a', name: 'my-app' },
        args: [{ version: 'v1.3.0', gate: undefined, message: 'looks good' }],
      },
    ]);
  });

  it('Deploy Version… from the palette picks the rollout, then the version', async () => {
    await h.start(two());
    fake.answers.push('team-a/my-app', 'v1.2.0', '');
    await h.run(CommandId.deployVersion);
    expect(fake.prompts.map((p) => p.kind)).toEqual(['quickPick', 'quickPick', 'input']);
    expect(h.cluster.actions.calls[0]).toMatchObject({ action: 'deploy', args: ['v1.2.0', {}] });
  });

  it('says so when no rollout fits, and Escape in the picker does nothing', async () => {
    await h.start({ snapshots: [snapshot({ name: 'idle', phase: 'Succeeded', current: 'v1' })] });
    await h.run(CommandId.retry);
    expect(h.texts()).toContain('info: No rollout has a failed bake to retry');
    await h.start(two());
    fake.answers.push(undefined);
    await h.run(CommandId.unpin);
    expect(h.texts()).toContain('info: No rollout is pinned');
    await h.run(CommandId.rollback);
    expect(h.cluster.actions.calls).toEqual([]);
  });
});
