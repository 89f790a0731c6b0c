// Select Context… and Select Namespaces…: they write the settings; the settings listener reconnects.
import * as vscode from 'vscode';
import { errorMessage } from '../errors.js';
import type { CommandContext } from './context.js';

export async function selectContext(ctx: CommandContext): Promise<void> {
  const settings = ctx.settings();
  let contexts: { names: string[]; current: string };
  try {
    contexts = await ctx.access.contexts({ kubeconfig: settings.kubeconfig, context: settings.context });
  } catch (e) {
    void vscode.window.showErrorMessage(errorMessage(e));
    return;
  }
  const active = ctx.session.state.context ?? contexts.current;
  const picked = await vscode.window.showQuickPick(
    contexts.names.map((name) => ({
      label: name,
      description: [name === active && 'active', name === contexts.current && 'kubeconfig current-context']
        .filter(Boolean)
        .join(', '),
    })),
    { title: 'Kuberik: kubeconfig context', placeHolder: 'Context whose rollouts the tree shows' },
  );
  if (!picked) return;
  // Choosing the kubeconfig's own current-context clears the override, so kubectl and Kuberik stay in step.
  const value = picked.label === contexts.current ? undefined : picked.label;
  await vscode.workspace
    .getConfiguration('kuberik')
    .update('context', value, vscode.ConfigurationTarget.Global);
}

export async function selectNamespaces(ctx: CommandContext): Promise<void> {
  const chosen = new Set(ctx.settings().namespaces);
  const known = new Set<string>([...chosen, ...ctx.session.state.index.namespaces()]);
  try {
    for (const ns of (await ctx.session.connection?.listNamespaces()) ?? []) known.add(ns);
  } catch {
    // Listing namespaces is often forbidden; fall back to typing them.
    const typed = await vscode.window.showInputBox({
      title: 'Kuberik: namespaces',
      prompt: 'You may not list namespaces here. Type them, separated by commas (empty: all namespaces).',
      value: [...chosen].join(', '),
    });
    if (typed === undefined) return;
    await save(
      typed
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
    return;
  }
  const items = [...known].sort().map((label) => ({ label, picked: chosen.has(label) }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Kuberik: namespaces to show (none picked: all namespaces)',
    canPickMany: true,
  });
  if (!picked) return;
  await save(picked.map((p) => p.label));
}

const save = (namespaces: string[]): Thenable<void> =>
  vscode.workspace
    .getConfiguration('kuberik')
    .update('namespaces', namespaces.length ? namespaces : undefined, vscode.ConfigurationTarget.Global);
