// One webview panel per rollout (clicking a rollout row, or "Kuberik: Open Rollout Details…"). It
// reads the same live index the tree does and redraws on that rollout's changes and once a second
// while anything in it counts time. Buttons post messages that run the tree's own commands.
import type { RolloutKey } from '@kuberik/core/driver';
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { NamespacePermissions } from '../cluster/permissions.js';
import { pendingOf } from '../commands/pick.js';
import { CommandId } from '../commands/ids.js';
import type { Session } from '../session.js';
import { rolloutNode } from '../tree/children.js';
import { keyId } from '../tree/nodes.js';
import {
  esc,
  isPanelMessage,
  panelTicks,
  renderPanelBody,
  renderPanelDocument,
  type PanelMessage,
} from './render.js';

const TICK_MS = 1000;

interface Open {
  key: RolloutKey;
  panel: vscode.WebviewPanel;
  body: string;
}

export class RolloutPanels implements vscode.Disposable {
  private readonly open = new Map<string, Open>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly session: Session,
    private readonly context: () => { now: Date; permissions(namespace: string): NamespacePermissions },
  ) {}

  /** Opens (or reveals) the panel of this rollout. */
  show(key: RolloutKey): vscode.WebviewPanel {
    const id = keyId(key);
    const existing = this.open.get(id);
    if (existing) {
      existing.panel.reveal();
      return existing.panel;
    }
    const panel = vscode.window.createWebviewPanel(
      'kuberik.rollout',
      `Rollout ${key.name}`,
      vscode.ViewColumn.Active,
      {
        enableScripts: true,
        localResourceRoots: [], // nothing from disk, nothing remote
      },
    );
    const entry: Open = { key, panel, body: this.body(key) };
    this.open.set(id, entry);
    panel.webview.html = renderPanelDocument(entry.body, {
      nonce: randomBytes(16).toString('base64'),
      cspSource: panel.webview.cspSource,
    });
    panel.webview.onDidReceiveMessage((m: unknown) => {
      if (isPanelMessage(m)) void this.act(key, m);
    });
    // A hidden panel's document is rebuilt from `html` when shown again: send the latest body.
    panel.onDidChangeViewState(() => {
      if (panel.visible) void panel.webview.postMessage({ type: 'render', html: entry.body });
    });
    panel.onDidDispose(() => {
      this.open.delete(id);
      this.schedule();
    });
    this.schedule();
    return panel;
  }

  /** The body shown for this rollout now (tests and the editor tier read it). */
  body(key: RolloutKey): string {
    const snapshot = this.session.snapshot(key);
    if (!snapshot)
      return `<p class="muted">Rollout ${esc(keyId(key))} is not in the Rollouts view (deleted, another context, or still connecting).</p>`;
    const ctx = this.context();
    return renderPanelBody(snapshot, { now: ctx.now, permissions: ctx.permissions(key.namespace) });
  }

  /** Called for every index change; only open panels of that rollout redraw, and only if they changed. */
  changed(key?: RolloutKey): void {
    for (const [id, o] of this.open) {
      if (key && id !== keyId(key)) continue;
      this.redraw(o);
    }
    this.schedule();
  }

  /** What a button does: the same command as the tree's, on the same kind of row. */
  async act(key: RolloutKey, m: PanelMessage): Promise<void> {
    const snapshot = this.session.snapshot(key);
    if (!snapshot) return;
    const row = rolloutNode(snapshot);
    if (m.action === 'deploy') await vscode.commands.executeCommand(CommandId.deployVersion, row);
    else
      await vscode.commands.executeCommand(
        m.action === 'approve' ? CommandId.approve : CommandId.deny,
        pendingOf(row),
      );
  }

  private redraw(o: Open): void {
    const body = this.body(o.key);
    if (body === o.body) return;
    o.body = body;
    void o.panel.webview.postMessage({ type: 'render', html: body });
  }

  /** Ticks only while an open panel shows something that counts time. */
  private schedule(): void {
    const needed = [...this.open.values()].some((o) => {
      const s = this.session.snapshot(o.key);
      return !!s && panelTicks(s);
    });
    if (needed && !this.timer) {
      this.timer = setInterval(() => this.open.forEach((o) => this.redraw(o)), TICK_MS);
    } else if (!needed && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    for (const o of [...this.open.values()]) o.panel.dispose();
    this.open.clear();
  }
}
