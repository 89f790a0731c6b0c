// Open YAML: the rollout as the cluster has it, in a read-only virtual document that follows changes.
import type { RolloutKey } from '@kuberik/core/driver';
import * as vscode from 'vscode';
import type { Session } from '../session.js';
import { keyOf, type CommandContext } from './context.js';
import { pickRollout } from './pick.js';
import type { TreeNode } from '../tree/nodes.js';

export const YAML_SCHEME = 'kuberik-rollout';

export const yamlUri = (key: RolloutKey): vscode.Uri =>
  vscode.Uri.from({ scheme: YAML_SCHEME, path: `/${key.namespace}/${key.name}.yaml` });

export function keyOfYamlUri(uri: vscode.Uri): RolloutKey | undefined {
  const m = /^\/([^/]+)\/([^/]+)\.yaml$/.exec(uri.path);
  return m ? { namespace: m[1] as string, name: m[2] as string } : undefined;
}

export class RolloutYamlProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;
  constructor(private readonly session: Session) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const key = keyOfYamlUri(uri);
    const snapshot = key && this.session.snapshot(key);
    if (!snapshot)
      return `# rollout ${uri.path.slice(1, -5)} is not in the Rollouts view (deleted, or another context)\n`;
    const { managedFields: _managed, ...metadata } = snapshot.rollout
      .metadata as typeof snapshot.rollout.metadata & {
      managedFields?: unknown;
    };
    // Loaded on first use: the YAML library is a large share of activation time otherwise.
    const { stringify } = await import('yaml');
    return stringify({ ...snapshot.rollout, metadata }, { lineWidth: 0 });
  }

  /** Called for every rollout change; only documents that are open get redrawn. */
  changed(key: RolloutKey): void {
    const uri = yamlUri(key).toString();
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.uri.scheme === YAML_SCHEME && doc.uri.toString() === uri) this.emitter.fire(doc.uri);
    }
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

export async function openYaml(ctx: CommandContext, node: TreeNode | undefined): Promise<void> {
  const key = keyOf(node ?? (await pickRollout(ctx, 'openYaml', 'Kuberik: open the YAML of which rollout?')));
  if (!key) return;
  const doc = await vscode.workspace.openTextDocument(yamlUri(key));
  await vscode.window.showTextDocument(doc, { preview: true });
}
