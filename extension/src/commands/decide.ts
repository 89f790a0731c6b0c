// Approve / Deny: on the Pending row (every approval gate holding the version) or on one gate.
import * as vscode from 'vscode';
import { keyId, type GateNode, type PendingNode, type TreeNode } from '../tree/nodes.js';
import { connectionOrWarn, mayOrWarn, runAction, type CommandContext } from './context.js';
import { pendingOf, pickRollout } from './pick.js';

export type Decision = 'approve' | 'deny';

const isDecidable = (n: TreeNode | undefined): n is PendingNode | GateNode =>
  n?.kind === 'pending' || n?.kind === 'gate';

/** `preset.message` skips the reason prompt (keybindings, other extensions, tests). */
export interface DecideArgs {
  message?: string;
}

export async function decide(
  ctx: CommandContext,
  decision: Decision,
  node: TreeNode | undefined,
  preset?: DecideArgs,
): Promise<void> {
  if (!node) {
    // From the palette: which rollout's pending version?
    const picked = await pickRollout(
      ctx,
      decision,
      `Kuberik: ${decision === 'approve' ? 'approve' : 'deny'} the pending version of which rollout?`,
    );
    if (!picked) return;
    node = pendingOf(picked);
  }
  if (!isDecidable(node)) {
    void vscode.window.showErrorMessage(
      `${decision === 'approve' ? 'Approve' : 'Deny'}: choose a pending version or a gate in the Rollouts view`,
    );
    return;
  }
  if (node.kind === 'gate' && node.gate.kind !== 'RolloutGate') {
    void vscode.window.showWarningMessage(
      `${node.gate.name} is a schedule: it decides by time and cannot be ${decision === 'approve' ? 'approved' : 'denied'} by hand`,
    );
    return;
  }
  const connection = connectionOrWarn(ctx);
  if (!connection) return;
  const verb = decision === 'approve' ? 'Approve' : 'Deny';
  const gate = node.kind === 'gate' ? node.gate.name : undefined;
  const target = `${node.version} of ${keyId(node.key)}${gate ? ` on ${gate}` : ''}`;
  if (!(await mayOrWarn(ctx, 'approve', node.key.namespace, `${decision} ${target}`))) return;
  const reason =
    preset?.message ??
    (await vscode.window.showInputBox({
      title: `${verb} ${target}`,
      prompt: "Reason (optional): recorded in the rollout's Event. Enter to confirm, Escape to cancel.",
      placeHolder: decision === 'approve' ? 'e.g. verified on staging' : 'e.g. breaks the checkout flow',
      ignoreFocusOut: true,
    }));
  if (reason === undefined) return; // Escape: nothing happens
  const opts = { version: node.version, gate, message: reason.trim() || undefined };
  await runAction(`${verb === 'Approve' ? 'Approving' : 'Denying'} ${target}…`, () =>
    decision === 'approve'
      ? connection.actions.approve(node.key, opts)
      : connection.actions.deny(node.key, opts),
  );
}
