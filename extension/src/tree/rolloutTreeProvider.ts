// The TreeDataProvider: copies describeNode() onto TreeItems and redraws only what changed.
import * as vscode from 'vscode';
import { CommandId } from '../commands/ids.js';
import type { Session } from '../session.js';
import { childrenOf, type TreeState } from './children.js';
import { describeNode, type DescribeContext, type NodeView } from './describe.js';
import { isRunning } from './format.js';
import { keyId, type RolloutNode, type TreeNode } from './nodes.js';
import type { IndexChange } from './rolloutIndex.js';

const COLLAPSIBLE: Record<NodeView['collapsible'], vscode.TreeItemCollapsibleState> = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
};

/**
 * Rows that count time while a bake runs (the Bake row, the rollout's `baking 43%`, the live history
 * entry's duration) are redrawn this often: a local redraw of the visible rows, never a cluster call.
 */
const BAKE_REDRAW_MS = 1000;

/** Does this row's text change with the clock alone? */
function ticks(node: TreeNode): boolean {
  switch (node.kind) {
    case 'bake':
      return isRunning(node.entry);
    case 'historyEntry':
      return node.live && isRunning(node.entry);
    case 'rollout':
      return isRunning(node.snapshot.rollout.status?.history?.[0]);
    default:
      return false;
  }
}

const markdown = (text: string): vscode.MarkdownString => {
  const md = new vscode.MarkdownString(text, true); // `$(warning)` icons in the text
  md.isTrusted = false;
  return md;
};

export function toTreeItem(view: NodeView, id: string, withTooltip = true): vscode.TreeItem {
  const item = new vscode.TreeItem(view.label, COLLAPSIBLE[view.collapsible]);
  item.id = id;
  item.description = view.description;
  item.contextValue = view.contextValue;
  if (withTooltip && view.tooltip) item.tooltip = markdown(view.tooltip);
  if (view.icon) {
    item.iconPath = new vscode.ThemeIcon(
      view.icon.id,
      view.icon.color ? new vscode.ThemeColor(view.icon.color) : undefined,
    );
  }
  return item;
}

export class RolloutTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  /** The node objects last handed to VS Code, by id: VS Code finds elements to refresh by identity. */
  private readonly shown = new Map<string, TreeNode>();
  private readonly dirty = new Set<TreeNode>();
  private dirtyAll = false;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly runningBakes = new Map<string, TreeNode>();
  private bakeTimer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly session: Session,
    private readonly describeContext: () => DescribeContext,
  ) {}

  get state(): TreeState {
    return this.session.state;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    // Tooltips say "deployed 5m ago": leave them to resolveTreeItem, which VS Code calls on hover,
    // so the relative times are those of the hover, not of the last redraw (and a redraw does not
    // pay for them: a rollout's tooltip is only worded when read).
    const item = toTreeItem(describeNode(node, this.describeContext()), node.id, false);
    // Clicking a rollout opens its detail panel (the twistie still expands it).
    if (node.kind === 'rollout')
      item.command = { command: CommandId.openDetails, title: 'Open Rollout Details', arguments: [node] };
    return item;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    const children = childrenOf(node, this.state);
    for (const c of children) {
      this.shown.set(c.id, c);
      if (ticks(c)) this.runningBakes.set(c.id, c);
      else this.runningBakes.delete(c.id);
    }
    this.tickBakes();
    return children;
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    const { tooltip } = describeNode(node, this.describeContext());
    if (tooltip) item.tooltip = markdown(tooltip);
    return item;
  }

  getParent(node: TreeNode): TreeNode | undefined {
    switch (node.kind) {
      case 'context':
      case 'message':
        return undefined;
      case 'namespace':
        return this.state.context ? this.shown.get(`ctx:${this.state.context}`) : undefined;
      case 'rollout':
        return this.shown.get(`ns:${node.key.namespace}`);
      case 'gate':
        return this.shown.get(`ro:${keyId(node.key)}/pending`);
      case 'healthCheck':
        return this.shown.get(`ro:${keyId(node.key)}/health`);
      case 'historyEntry':
        return this.shown.get(`ro:${keyId(node.key)}/history`);
      default:
        return this.shown.get(`ro:${keyId(node.key)}`);
    }
  }

  /** The rollout row as shown (for reveal and commands), refreshed to the latest snapshot. */
  rolloutNode(key: { namespace: string; name: string }): RolloutNode | undefined {
    const node = this.shown.get(`ro:${keyId(key)}`);
    return node?.kind === 'rollout' ? node : undefined;
  }

  /** Marks what a change touches; one redraw per event-loop turn however many changes arrive. */
  changed(change: IndexChange | 'all'): void {
    if (change === 'all') {
      this.dirtyAll = true;
      this.shown.clear();
    } else if (change.type === 'rollout') {
      const node = this.shown.get(`ro:${keyId(change.key)}`);
      const snapshot = this.state.index.get(change.key);
      if (node?.kind === 'rollout' && snapshot) {
        node.snapshot = snapshot; // same object, new data: VS Code redraws it and asks for its children
        this.dirty.add(node);
      }
      // Not shown yet (namespace collapsed): nothing to redraw; it is read fresh when expanded.
    } else {
      const ns = this.shown.get(`ns:${change.namespace}`);
      const ctx = this.state.context ? this.shown.get(`ctx:${this.state.context}`) : undefined;
      if (change.namespaceAddedOrRemoved || !ns) {
        if (ctx) this.dirty.add(ctx);
        else this.dirtyAll = true;
      } else {
        if (ns.kind === 'namespace') ns.rollouts = this.state.index.count(change.namespace);
        this.dirty.add(ns);
      }
    }
    this.flushTimer ??= setTimeout(() => this.flush(), 0);
  }

  /** Redraws now (also what the benchmark measures). */
  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.dirtyAll) {
      this.dirtyAll = false;
      this.dirty.clear();
      this.runningBakes.clear();
      this.emitter.fire(undefined);
      return;
    }
    for (const node of this.dirty) this.emitter.fire(node);
    this.dirty.clear();
  }

  private tickBakes(): void {
    if (this.runningBakes.size > 0 && !this.bakeTimer) {
      this.bakeTimer = setInterval(() => {
        for (const [id, n] of this.runningBakes) {
          if (ticks(n)) this.emitter.fire(n);
          else this.runningBakes.delete(id); // the bake ended since it was drawn
        }
        this.tickBakes();
      }, BAKE_REDRAW_MS);
    } else if (this.runningBakes.size === 0 && this.bakeTimer) {
      clearInterval(this.bakeTimer);
      this.bakeTimer = undefined;
    }
  }

  dispose(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.bakeTimer) clearInterval(this.bakeTimer);
    this.emitter.dispose();
  }
}
