// Deploy Version…, Bypass Gates for Version…, Pin Version…, Rollback, Unpin, Retry, Unblock: the
// rollout-level actions. Like the CLI, the ones that change what runs ask first: Deploy, Bypass, Pin and
// Rollback ask for confirmation with an
// optional reason (recorded in history); Retry asks for confirmation (core's retry takes no reason).
import type { RolloutActions } from '@kuberik/core/actions';
import type { RolloutKey } from '@kuberik/core/driver';
import type { Rollout } from '@kuberik/core/model';
import * as vscode from 'vscode';
import { keyId, type TreeNode } from '../tree/nodes.js';
import { releaseChoices } from '../tree/versions.js';
import {
  checkOrWarn,
  connectionOrWarn,
  keyOf,
  mayOrWarn,
  runAction,
  runChecked,
  snapshotOrWarn,
  type CommandContext,
} from './context.js';
import { pickRollout } from './pick.js';

export type RolloutAction = 'deploy' | 'bypass' | 'pin' | 'rollback' | 'unpin' | 'retry' | 'unblock';

/**
 * Preset answers for keybindings, other extensions and tests: with a preset the command asks nothing
 * (a programmatic call is its own confirmation). `version` for Deploy/Pin, `to` for Rollback.
 */
export interface ActionArgs {
  message?: string;
  version?: string;
  to?: string;
}

const PALETTE_TITLE: Record<RolloutAction, string> = {
  deploy: 'Kuberik: deploy a version of which rollout?',
  bypass: 'Kuberik: bypass the gates of which rollout?',
  pin: 'Kuberik: pin which rollout?',
  rollback: 'Kuberik: roll back which rollout?',
  unpin: 'Kuberik: unpin which rollout?',
  retry: 'Kuberik: retry the failed bake of which rollout?',
  unblock: 'Kuberik: unblock which rollout?',
};

/** The optional reason; its box is also the confirmation (Enter goes ahead, Escape cancels). */
async function reasonOrCancel(title: string, go: string): Promise<string | undefined | null> {
  const reason = await vscode.window.showInputBox({
    title,
    prompt: `Reason (optional): recorded in the rollout's history. Enter to ${go}, Escape to cancel.`,
    placeHolder: 'e.g. hotfix for the checkout outage',
    ignoreFocusOut: true,
  });
  if (reason === undefined) return null; // Escape
  return reason.trim() || undefined;
}

interface Target {
  key: RolloutKey;
  name: string;
  rollout: Rollout;
  actions: RolloutActions;
}

export async function rolloutAction(
  ctx: CommandContext,
  action: RolloutAction,
  node: TreeNode | undefined,
  preset?: ActionArgs,
): Promise<void> {
  const row = node ?? (await pickRollout(ctx, action, PALETTE_TITLE[action]));
  const key = keyOf(row);
  if (!key) {
    if (node) void vscode.window.showErrorMessage('Choose a rollout in the Rollouts view first');
    return;
  }
  const connection = connectionOrWarn(ctx);
  const snapshot = connection && snapshotOrWarn(ctx, key);
  if (!connection || !snapshot) return;
  const name = keyId(key);
  if (!(await mayOrWarn(ctx, 'patch', key.namespace, `${action} ${name}`))) return;
  const t: Target = { key, name, rollout: snapshot.rollout, actions: connection.actions };
  switch (action) {
    case 'deploy':
    case 'pin':
      return deployOrPin(t, action, preset);
    case 'bypass':
      return bypass(t, preset);
    case 'rollback':
      return rollback(t, preset);
    case 'retry':
      return retry(t, preset);
    case 'unpin':
      await runAction(`Unpinning ${name}…`, () => t.actions.unpin(key));
      return;
    case 'unblock':
      await runAction(`Unblocking ${name}…`, () => t.actions.unblock(key));
      return;
  }
}

async function deployOrPin(t: Target, action: 'deploy' | 'pin', preset?: ActionArgs): Promise<void> {
  const choices = releaseChoices(t.rollout);
  if (choices.length === 0) {
    void vscode.window.showWarningMessage(`${t.name} has no available releases yet`);
    return;
  }
  const version =
    preset?.version ??
    (
      await vscode.window.showQuickPick(
        choices.map((c) => ({ label: c.version, description: c.notes.join(', ') })),
        {
          title:
            action === 'deploy'
              ? `Deploy a version of ${t.name} now (skips gates, once)`
              : `Pin ${t.name} to a version (automation off until Unpin)`,
          placeHolder: 'Available releases, newest first',
        },
      )
    )?.label;
  if (!version) return;
  const message = preset
    ? preset.message
    : await reasonOrCancel(
        action === 'deploy'
          ? `Deploy ${version} to ${t.name} now? It skips gates, once.`
          : `Pin ${t.name} to ${version}? Automatic deploys stay off until you unpin.`,
        action,
      );
  if (message === null) return;
  await runAction(`${action === 'deploy' ? 'Deploying' : 'Pinning'} ${version} on ${t.name}…`, () =>
    action === 'deploy'
      ? t.actions.deploy(t.key, version, { message })
      : t.actions.pin(t.key, version, { message }),
  );
}

async function bypass(t: Target, preset?: ActionArgs): Promise<void> {
  // Only candidates can be bypassed (spec §10.4); older releases are a manual deploy.
  const candidates = (t.rollout.status?.releaseCandidates ?? []).map((v) => v.tag);
  if (candidates.length === 0) {
    void vscode.window.showWarningMessage(`${t.name} has no release candidates: nothing waits for its gates`);
    return;
  }
  const version =
    preset?.version ??
    (
      await vscode.window.showQuickPick(
        candidates.map((tag) => ({
          label: tag,
          description: tag === t.rollout.status?.pendingVersion ? 'pending' : '',
        })),
        {
          title: `Bypass every gate of ${t.name} for a version (still waits for healthy checks)`,
          placeHolder: 'Release candidates, newest first',
        },
      )
    )?.label;
  if (!version) return;
  const message = preset
    ? preset.message
    : await reasonOrCancel(
        `Bypass every gate of ${t.name} for ${version}? Health checks still apply.`,
        'bypass the gates',
      );
  if (message === null) return;
  await runAction(`Bypassing gates of ${t.name} for ${version}…`, () =>
    t.actions.bypassGates(t.key, version, { message }),
  );
}

async function rollback(t: Target, preset?: ActionArgs): Promise<void> {
  // Core picks the target (the previous succeeded version) or says why there is none.
  const checked = await checkOrWarn(t, { action: 'rollback', to: preset?.to });
  const to = checked?.version;
  if (!to) return;
  const message = preset
    ? preset.message
    : await reasonOrCancel(
        `Roll back ${t.name} to ${to}? This pins it: automatic deploys stay off until you unpin.`,
        'roll back',
      );
  if (message === null) return;
  await runChecked(`Rolling back ${t.name} to ${to}…`, t, { action: 'rollback', to, message });
}

async function retry(t: Target, preset?: ActionArgs): Promise<void> {
  // Core names the failed version, or says there is nothing to retry, before the question.
  const failed = (await checkOrWarn(t, { action: 'retry' }))?.version;
  if (!failed) return;
  if (!preset) {
    const ok = await vscode.window.showWarningMessage(
      `Retry ${failed} on ${t.name}?`,
      { modal: true, detail: 'Its bake starts again; earlier health failures no longer count.' },
      'Retry',
    );
    if (ok !== 'Retry') return;
  }
  await runChecked(`Retrying ${t.name}…`, t, { action: 'retry' });
}
