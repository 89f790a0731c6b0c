// Copy Version: the tag a row is about (current version of a rollout, the pending version, a history entry).
import * as vscode from 'vscode';
import type { TreeNode } from '../tree/nodes.js';

export function versionOf(node: TreeNode | undefined): string | undefined {
  switch (node?.kind) {
    case 'rollout':
      return node.snapshot.rollout.status?.currentVersion;
    case 'pending':
    case 'gate':
      return node.version;
    case 'historyEntry':
    case 'bake':
      return node.entry.version.tag;
    default:
      return undefined;
  }
}

export async function copyVersion(node: TreeNode | undefined): Promise<void> {
  const version = versionOf(node);
  if (!version) {
    void vscode.window.showWarningMessage('This row has no version to copy');
    return;
  }
  await vscode.env.clipboard.writeText(version);
  vscode.window.setStatusBarMessage(`Copied ${version}`, 3000);
}
