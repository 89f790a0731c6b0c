// Wiring only: settings → Session (cluster) → tree, commands, notifications, status bar.
// Everything with logic lives in small VS Code-free modules next to this file.
import * as vscode from 'vscode';
import type { ClusterAccess } from './cluster/connection.js';
import { lazyCoreAccess } from './cluster/lazyCore.js';
import { connectionOrWarn, keyOf, mayOrWarn, type CommandContext } from './commands/context.js';
import { copyVersion } from './commands/copyVersion.js';
import { decide, type DecideArgs } from './commands/decide.js';
import { CommandId } from './commands/ids.js';
import { pickRollout } from './commands/pick.js';
import { openYaml, RolloutYamlProvider, YAML_SCHEME } from './commands/rolloutYaml.js';
import { selectContext, selectNamespaces } from './commands/select.js';
import { rolloutAction, type ActionArgs } from './commands/versions.js';
import { errorMessage } from './errors.js';
import { showNotice } from './live/notifier.js';
import { WatchController } from './live/watchController.js';
import { RolloutPanels } from './panel/rolloutPanel.js';
import { Session } from './session.js';
import { CONNECTION_SETTINGS, readSettings } from './settings.js';
import { keyId, type TreeNode } from './tree/nodes.js';
import { RolloutTreeProvider } from './tree/rolloutTreeProvider.js';
import { viewState } from './welcome.js';

export interface ExtensionDeps {
  access: ClusterAccess;
  now?: () => Date;
}

/** What activate() returns: integration tests and the benchmark read the live state through it. */
export interface KuberikApi {
  session: Session;
  tree: RolloutTreeProvider;
  watch: WatchController;
  panels: RolloutPanels;
  /** Resolves when the current connection attempt finished (first list arrived, or the error is shown). */
  ready(): Promise<void>;
}

export function activate(context: vscode.ExtensionContext): KuberikApi {
  return createExtension(context, { access: lazyCoreAccess });
}

export function deactivate(): void {}

export function createExtension(context: vscode.ExtensionContext, deps: ExtensionDeps): KuberikApi {
  const now = deps.now ?? (() => new Date());
  const settings = () => readSettings((key) => vscode.workspace.getConfiguration('kuberik').get(key));
  const shownProblems = new Set<string>();

  const session: Session = new Session(deps.access, {
    changed: (c) => {
      tree.changed(c);
      if (c !== 'all' && c.type === 'rollout') {
        yaml.changed(c.key);
        panels.changed(c.key);
      } else panels.changed();
    },
    notice: (n) => void showNotice(n, settings(), session),
    problem: (message) => {
      if (shownProblems.has(message)) return; // a flapping watch must not flood the user
      shownProblems.add(message);
      void vscode.window.showWarningMessage(message);
    },
  });
  const watch = new WatchController((key) => tree.changed({ type: 'rollout', key }), now);
  const tree = new RolloutTreeProvider(session, () => ({
    now: now(),
    permissions: (ns) => session.permissions?.get(ns) ?? {},
    watched: watch.watchedId,
  }));
  const yaml = new RolloutYamlProvider(session);
  const panels = new RolloutPanels(session, () => ({
    now: now(),
    permissions: (ns) => session.permissions?.get(ns) ?? {},
  }));
  const treeView = vscode.window.createTreeView('kuberik.rollouts', {
    treeDataProvider: tree,
    showCollapseAll: true,
  });

  let connecting: Promise<void> = Promise.resolve();
  const connect = (): Promise<void> => {
    shownProblems.clear();
    // The watched rollout's driver uses the old connection: stop it (and release its lease) first.
    connecting = watch
      .stop()
      .then(() => session.connect(settings()))
      .then(async () => {
        const view = viewState(session.state, settings());
        treeView.message = view.message;
        await vscode.commands.executeCommand('setContext', 'kuberik.state', view.state);
      });
    return connecting;
  };

  const ctx: CommandContext = { session, access: deps.access, settings };
  const register = (id: string, fn: (node?: TreeNode, args?: DecideArgs & ActionArgs) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, fn));

  register(CommandId.refresh, () => connect());
  register(CommandId.selectContext, () => selectContext(ctx));
  register(CommandId.selectNamespaces, () => selectNamespaces(ctx));
  register(CommandId.approve, (node, args) => decide(ctx, 'approve', node, args));
  register(CommandId.deny, (node, args) => decide(ctx, 'deny', node, args));
  register(CommandId.deployVersion, (node, args) => rolloutAction(ctx, 'deploy', node, args));
  register(CommandId.bypassGates, (node, args) => rolloutAction(ctx, 'bypass', node, args));
  register(CommandId.pin, (node, args) => rolloutAction(ctx, 'pin', node, args));
  register(CommandId.rollback, (node, args) => rolloutAction(ctx, 'rollback', node, args));
  register(CommandId.unpin, (node, args) => rolloutAction(ctx, 'unpin', node, args));
  register(CommandId.retry, (node, args) => rolloutAction(ctx, 'retry', node, args));
  register(CommandId.unblock, (node, args) => rolloutAction(ctx, 'unblock', node, args));
  register(CommandId.openYaml, (node) => openYaml(ctx, node));
  register(CommandId.openDetails, async (node) => {
    const key = keyOf(
      node ?? (await pickRollout(ctx, 'details', 'Kuberik: show the details of which rollout?')),
    );
    if (key) panels.show(key);
  });
  register(CommandId.copyVersion, (node) => copyVersion(node));
  register(CommandId.stopWatching, () => watch.stop());
  register(CommandId.watchRollout, async (node) => {
    const connection = connectionOrWarn(ctx);
    if (!connection) return;
    let key = keyOf(node);
    if (!key) {
      const picked = await vscode.window.showQuickPick(
        session.state.index
          .all()
          .map((s) => ({ label: s.key.name, description: s.key.namespace, key: s.key })),
        { title: 'Kuberik: watch (drive) which rollout?' },
      );
      key = picked?.key;
    }
    if (!key || !(await mayOrWarn(ctx, 'lease', key.namespace, `watch ${keyId(key)}`))) return;
    try {
      await watch.start(connection, key);
    } catch (e) {
      void vscode.window.showErrorMessage(errorMessage(e));
    }
  });

  context.subscriptions.push(
    treeView,
    tree,
    yaml,
    panels,
    watch,
    vscode.workspace.registerTextDocumentContentProvider(YAML_SCHEME, yaml),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (CONNECTION_SETTINGS.some((s) => e.affectsConfiguration(s))) void connect();
    }),
    { dispose: () => void session.disconnect() },
  );
  void connect();
  return { session, tree, watch, panels, ready: () => connecting };
}
