// The extension wired to the fake `vscode` and a fake cluster, for tests that act as a user: start it,
// run commands, walk the tree like VS Code. Test files must `vi.mock('vscode', …)` before importing it.
import type * as vscode from 'vscode';
import { createExtension, type KuberikApi } from '../extension.js';
import type { PendingNode, TreeNode } from '../tree/nodes.js';
import { entry, FakeCluster, gate, snapshot, type FakeClusterOptions } from './fakeCluster.js';
import { fake } from './fakeVscode.js';

export const NOW = new Date('2026-01-01T10:05:00Z');

/** team-a/my-app: v1.2.0 live, v1.3.0 waiting for production-approval. */
export const myApp = () =>
  snapshot({
    phase: 'WaitingForGates',
    current: 'v1.2.0',
    pending: 'v1.3.0',
    releases: ['v1.1.0', 'v1.2.0', 'v1.3.0'],
    gates: [gate('production-approval', 'Pending'), gate('qa', 'Approved')],
    history: [
      entry(2, 'v1.2.0', { bakeStatus: 'Succeeded' }),
      entry(1, 'v1.1.0', { bakeStatus: 'Succeeded' }),
    ],
  });

export class ExtensionHarness {
  cluster!: FakeCluster;
  api!: KuberikApi;
  /** The extension's clock; tests may move it. */
  now = NOW;
  private subscriptions: { dispose(): unknown }[] = [];

  async start(opts: FakeClusterOptions = { snapshots: [myApp()] }): Promise<void> {
    this.dispose();
    this.now = NOW;
    this.cluster = new FakeCluster(opts);
    this.api = createExtension({ subscriptions: this.subscriptions } as unknown as vscode.ExtensionContext, {
      access: this.cluster,
      now: () => this.now,
    });
    await this.api.ready();
  }

  run(id: string, ...args: unknown[]): unknown {
    const fn = fake.commands.get(id);
    if (!fn) throw new Error(`${id} not registered`);
    return fn(...args);
  }

  /** Walks the tree like VS Code does and returns the row with this id. */
  row(id: string): TreeNode {
    const walk = (nodes: TreeNode[]): TreeNode | undefined => {
      for (const n of nodes) {
        if (n.id === id) return n;
        const found = walk(this.api.tree.getChildren(n));
        if (found) return found;
      }
      return undefined;
    };
    const found = walk(this.api.tree.getChildren());
    if (!found) throw new Error(`no row ${id}`);
    return found;
  }

  pendingRow(): PendingNode {
    return this.row('ro:team-a/my-app/pending') as PendingNode;
  }

  /** What the user was told, as `level: text`. */
  texts(): string[] {
    return fake.messages.map((m) => `${m.level}: ${m.text}`);
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.subscriptions = [];
  }
}
