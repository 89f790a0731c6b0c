// Shows notices as notifications (each kind can be turned off in settings) with the obvious next step.
import { readGateSummaries } from '@kuberik/core/model';
import * as vscode from 'vscode';
import { CommandId } from '../commands/ids.js';
import type { Settings } from '../settings.js';
import type { PendingNode, RolloutNode } from '../tree/nodes.js';
import { keyId } from '../tree/nodes.js';
import type { Session } from '../session.js';
import { noticeText, type Notice } from './notices.js';

export async function showNotice(n: Notice, settings: Settings, session: Session): Promise<void> {
  if (!settings.notify[n.kind]) return;
  const text = noticeText(n);
  if (n.kind === 'awaitingApproval') {
    const choice = await vscode.window.showInformationMessage(text, 'Approve', 'Deny');
    if (!choice) return;
    const snapshot = session.snapshot(n.key);
    const gates = readGateSummaries(snapshot?.rollout.status?.gates);
    const pending: PendingNode = {
      kind: 'pending',
      id: `ro:${keyId(n.key)}/pending`,
      key: n.key,
      version: n.version,
      gates,
      closed: (snapshot?.gates ?? []).filter((g) => g.spec?.passing === false).map((g) => g.metadata.name),
    };
    await vscode.commands.executeCommand(choice === 'Approve' ? CommandId.approve : CommandId.deny, pending);
  } else if (n.kind === 'bakeFailed') {
    const choice = await vscode.window.showErrorMessage(text, 'Retry');
    const snapshot = session.snapshot(n.key);
    if (choice === 'Retry' && snapshot) {
      const node: RolloutNode = { kind: 'rollout', id: `ro:${keyId(n.key)}`, key: n.key, snapshot };
      await vscode.commands.executeCommand(CommandId.retry, node, {}); // the button was the confirmation
    }
  } else {
    await vscode.window.showInformationMessage(text);
  }
}
