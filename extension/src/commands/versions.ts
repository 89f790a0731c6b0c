// Deploy Version…, Bypass Gates for Version…, Pin Version…, Rollback, Unpin, Retry, Unblock:
// the rollout-level actions.
import * as vscode from 'vscode';
import { keyId, type TreeNode } from '../tree/nodes.js';
import { releaseChoices, rollbackTarget } from '../tree/versions.js';
import {
  connectionOrWarn,
  keyOf,
  mayOrWarn,
  runAction,
  snapshotOrWarn,
  type CommandContext,
} from './context.js';

export type RolloutAction = 'deploy' | 'bypass' | 'pin' | 'rollback' | 'unpin' | 'retry' | 'unblock';

export async function rolloutAction(
  ctx: CommandContext,
  action: RolloutAction,
  node: TreeNode | undefined,
): Promise<void> {
  const key = keyOf(node);
  if (!key) {
    void vscode.window.showErrorMessage('Choose a rollout in the Rollouts view first');
    return;
  }
  const connection = connectionOrWarn(ctx);
  const snapshot = connection && snapshotOrWarn(ctx, key);
  if (!connection || !snapshot) return;
  const name = keyId(key);
  const { rollout } = snapshot;
  if (!(await mayOrWarn(ctx, 'patch', key.namespace, `${action} ${name}`))) return;
  const a = connection.actions;

  switch (action) {
    case 'deploy':
    case 'pin': {
      const choices = releaseChoices(rollout);
      if (choices.length === 0) {
        void vscode.window.showWarningMessage(`${name} has no available releases yet`);
        return;
      }
      const picked = await vscode.window.showQuickPick(
        choices.map((c) => ({ label: c.version, description: c.notes.join(', ') })),
        {
          title:
            action === 'deploy'
              ? `Deploy a version of ${name} now (skips gates, once)`
              : `Pin ${name} to a version (automation off until Unpin)`,
          placeHolder: 'Available releases, newest first',
        },
      );
      if (!picked) return;
      await runAction(`${action === 'deploy' ? 'Deploying' : 'Pinning'} ${picked.label} on ${name}…`, () =>
        action === 'deploy' ? a.deploy(key, picked.label) : a.pin(key, picked.label),
      );
      return;
    }
    case 'bypass': {
      // Only candidates can be bypassed (spec §10.4); older releases are a manual deploy.
      const candidates = (rollout.status?.releaseCandidates ?? []).map((v) => v.tag);
      if (candidates.length === 0) {
        void vscode.window.showWarningMessage(
          `${name} has no release candidates: nothing waits for its gates`,
        );
        return;
      }
      const picked = await vscode.window.showQuickPick(
        candidates.map((tag) => ({
          label: tag,
          description: tag === rollout.status?.pendingVersion ? 'pending' : '',
        })),
        {
          title: `Bypass every gate of ${name} for a version (still waits for healthy checks)`,
          placeHolder: 'Release candidates, newest first',
        },
      );
      if (!picked) return;
      await runAction(`Bypassing gates of ${name} for ${picked.label}…`, () =>
        a.bypassGates(key, picked.label),
      );
      return;
    }
    case 'rollback': {
      const to = rollbackTarget(rollout);
      if (!to) {
        void vscode.window.showWarningMessage(`${name} has no earlier succeeded version to roll back to`);
        return;
      }
      const ok = await vscode.window.showWarningMessage(
        `Roll back ${name} to ${to}?`,
        { modal: true, detail: `This pins ${name} to ${to}: automatic deploys stay off until you unpin it.` },
        'Roll Back',
      );
      if (ok !== 'Roll Back') return;
      await runAction(`Rolling back ${name} to ${to}…`, () => a.rollback(key, { to }));
      return;
    }
    case 'unpin':
      await runAction(`Unpinning ${name}…`, () => a.unpin(key));
      return;
    case 'retry':
      await runAction(`Retrying ${name}…`, () => a.retry(key));
      return;
    case 'unblock':
      await runAction(`Unblocking ${name}…`, () => a.unblock(key));
      return;
  }
}
