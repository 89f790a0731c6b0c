// The wiring, through the fake `vscode`: commands as a user triggers them, what the user then sees,
// and what reached core's actions API.
import { KubeError } from '@kuberik/core/kube';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as vscode from 'vscode';

vi.mock('vscode', () => import('./test-support/fakeVscode.js'));

import { CommandId } from './commands/ids.js';
import { createExtension, type KuberikApi } from './extension.js';
import { entry, FakeCluster, gate, snapshot, type FakeClusterOptions } from './test-support/fakeCluster.js';
import { fake, resetFake } from './test-support/fakeVscode.js';
import type { PendingNode, RolloutNode, TreeNode } from './tree/nodes.js';

const now = new Date('2026-01-01T10:05:00Z');
const myApp = () =>
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

let cluster: FakeCluster;
let api: KuberikApi;
let subscriptions: { dispose(): unknown }[];

async function start(opts: FakeClusterOptions = { snapshots: [myApp()] }) {
  cluster = new FakeCluster(opts);
  subscriptions = [];
  api = createExtension({ subscriptions } as unknown as vscode.ExtensionContext, {
    access: cluster,
    now: () => now,
  });
  await api.ready();
}
const run = (id: string, ...args: unknown[]) => {
  const fn = fake.commands.get(id);
  if (!fn) throw new Error(`${id} not registered`);
  return fn(...args);
};
/** Walks the tree like VS Code does and returns the row with this id. */
function row(id: string): TreeNode {
  const walk = (nodes: TreeNode[]): TreeNode | undefined => {
    for (const n of nodes) {
      if (n.id === id) return n;
      const found = walk(api.tree.getChildren(n));
      if (found) return found;
    }
    return undefined;
  };
  const found = walk(api.tree.getChildren());
  if (!found) throw new Error(`no row ${id}`);
  return found;
}
const pendingRow = () => row('ro:team-a/my-app/pending') as PendingNode;
const texts = () => fake.messages.map((m) => `${m.level}: ${m.text}`);

beforeEach(() => resetFake());
afterEach(() => subscriptions.forEach((s) => s.dispose()));

describe('Approve / Deny', () => {
  it('approve on the pending version asks for a reason and approves every approval gate', async () => {
    await start();
    fake.answers.push('verified on staging');
    await run(CommandId.approve, pendingRow());
    expect(fake.prompts[0]).toMatchObject({ kind: 'input', title: 'Approve v1.3.0 of team-a/my-app' });
    expect(cluster.actions.calls).toEqual([
      {
        action: 'approve',
        key: { namespace: 'team-a', name: 'my-app' },
        args: [{ version: 'v1.3.0', gate: undefined, message: 'verified on staging' }],
      },
    ]);
    expect(texts()).toContain('info: v1.3.0 approved');
  });

  it('deny on one gate denies only that gate; an empty reason is no message', async () => {
    await start();
    fake.answers.push('');
    await run(CommandId.deny, row('ro:team-a/my-app/pending/gate/RolloutGate/team-a/qa'));
    expect(cluster.actions.calls[0]).toMatchObject({
      action: 'deny',
      args: [{ version: 'v1.3.0', gate: 'qa', message: undefined }],
    });
    expect(texts()).toContain('info: v1.3.0 denied on qa');
  });

  it('Escape in the reason box cancels: nothing is written', async () => {
    await start();
    fake.answers.push(undefined);
    await run(CommandId.approve, pendingRow());
    expect(cluster.actions.calls).toEqual([]);
  });

  it('RBAC denial: says why before prompting, and never calls the action', async () => {
    await start({
      snapshots: [myApp()],
      denied: {
        'team-a patch rolloutgates': 'you may not patch rolloutgates.kuberik.com in namespace team-a',
      },
    });
    await run(CommandId.approve, pendingRow());
    expect(fake.prompts).toEqual([]);
    expect(cluster.actions.calls).toEqual([]);
    expect(texts()).toEqual([
      'warning: Cannot approve v1.3.0 of team-a/my-app: you may not patch rolloutgates.kuberik.com in namespace team-a',
    ]);
  });

  it('an action that fails shows the KubeError line as an error notification', async () => {
    await start();
    cluster.actions.failWith = new KubeError(
      'Invalid',
      'gate production-approval is owned by schedule business-hours; change the schedule instead',
    );
    fake.answers.push('');
    await run(CommandId.approve, pendingRow());
    expect(texts()).toContain(
      'error: gate production-approval is owned by schedule business-hours; change the schedule instead',
    );
  });
});

describe('version actions', () => {
  it('Deploy Version… offers availableReleases newest first with notes, and deploys the pick', async () => {
    await start();
    fake.answers.push('v1.1.0');
    await run(CommandId.deployVersion, row('ro:team-a/my-app'));
    expect(fake.prompts[0]?.items).toEqual(['v1.3.0', 'v1.2.0', 'v1.1.0']);
    expect(cluster.actions.calls[0]).toMatchObject({ action: 'deploy', args: ['v1.1.0', undefined] });
  });

  it('Bypass Gates for Version… offers the release candidates and bypasses the pick', async () => {
    const app = myApp();
    app.rollout.status = { ...app.rollout.status, releaseCandidates: [{ tag: 'v1.3.0' }] };
    await start({ snapshots: [app] });
    fake.answers.push('v1.3.0');
    await run(CommandId.bypassGates, row('ro:team-a/my-app'));
    expect(fake.prompts[0]?.items).toEqual(['v1.3.0']);
    expect(cluster.actions.calls[0]).toMatchObject({ action: 'bypassGates', args: ['v1.3.0', undefined] });
  });

  it('Bypass Gates for Version… says so when nothing waits for gates', async () => {
    await start();
    await run(CommandId.bypassGates, row('ro:team-a/my-app'));
    expect(cluster.actions.calls).toEqual([]);
    expect(fake.messages.map((m) => m.text)).toContain(
      'team-a/my-app has no release candidates: nothing waits for its gates',
    );
  });

  it('Rollback names its target in a modal and pins it only when confirmed', async () => {
    await start();
    fake.answers.push(undefined);
    await run(CommandId.rollback, row('ro:team-a/my-app'));
    expect(fake.prompts[0]).toMatchObject({ kind: 'modal', title: 'Roll back team-a/my-app to v1.1.0?' });
    expect(cluster.actions.calls).toEqual([]);
    fake.answers.push('Roll Back');
    await run(CommandId.rollback, row('ro:team-a/my-app'));
    expect(cluster.actions.calls[0]).toMatchObject({ action: 'rollback', args: [{ to: 'v1.1.0' }] });
  });

  it('Retry, Unpin and Copy Version act on the row they are invoked on', async () => {
    await start();
    const r = row('ro:team-a/my-app');
    await run(CommandId.retry, r);
    await run(CommandId.unpin, r);
    expect(cluster.actions.calls.map((c) => c.action)).toEqual(['retry', 'unpin']);
    await run(CommandId.copyVersion, pendingRow());
    expect(fake.clipboard).toBe('v1.3.0');
  });
});

describe('live tree', () => {
  it('one rollout change redraws that rollout row only', async () => {
    await start({ snapshots: [myApp(), snapshot({ name: 'other', phase: 'Succeeded' })] });
    api.tree.flush(); // the initial full redraw
    const before = row('ro:team-a/my-app') as RolloutNode;
    const emitter = (api.tree as unknown as { emitter: { fired: unknown[] } }).emitter;
    emitter.fired.length = 0;
    const next = myApp();
    next.rollout.status = {
      ...next.rollout.status,
      phase: 'Deploying',
      currentVersion: 'v1.3.0',
      pendingVersion: undefined,
    };
    cluster.driver.emit({ type: 'snapshot', snapshot: next });
    api.tree.flush();
    expect(emitter.fired).toEqual([before]);
    const item = api.tree.getTreeItem(before);
    expect(item.description).toBe('v1.3.0');
    expect(api.tree.getChildren(before).map((n) => n.kind)).toEqual(['bake', 'history']);
  });

  it('notifies when a version starts waiting for approval, unless turned off', async () => {
    await start({ snapshots: [snapshot({ phase: 'Succeeded', current: 'v1.2.0' })] });
    cluster.driver.emit({ type: 'snapshot', snapshot: myApp() });
    expect(texts()).toContain('info: team-a/my-app: v1.3.0 is waiting for approval (production-approval)');
    expect(fake.messages.at(-1)?.items).toEqual(['Approve', 'Deny']);

    resetFake();
    await start({ snapshots: [snapshot({ phase: 'Succeeded', current: 'v1.2.0' })] });
    fake.settings.set('kuberik.notifications.awaitingApproval', false);
    cluster.driver.emit({ type: 'snapshot', snapshot: myApp() });
    expect(texts()).toEqual([]);
  });

  it('a failed bake notifies with the failed checks, and its Retry button retries', async () => {
    const baking = snapshot({
      phase: 'Baking',
      current: 'v2',
      history: [entry(3, 'v2', { bakeStatus: 'InProgress' })],
    });
    await start({ snapshots: [baking] });
    fake.answers.push('Retry');
    const failed = snapshot({
      phase: 'Failed',
      current: 'v2',
      history: [
        entry(3, 'v2', {
          bakeStatus: 'Failed',
          failedHealthChecks: [{ name: 'api-errors', namespace: 'team-a', message: '5xx rate 4%' }],
        }),
      ],
    });
    cluster.driver.emit({ type: 'snapshot', snapshot: failed });
    await vi.waitFor(() => expect(cluster.actions.calls.map((c) => c.action)).toEqual(['retry']));
    expect(fake.messages[0]).toEqual({
      level: 'error',
      text: 'team-a/my-app: the bake of v2 failed — api-errors: 5xx rate 4%',
      items: ['Retry'],
    });
  });

  it('without a kubeconfig the tree is empty and the welcome view (Select Context) shows', async () => {
    await start({ connectError: new KubeError('NoConfig', 'no kubeconfig found') });
    expect(api.tree.getChildren()).toEqual([]);
    expect(fake.contextKeys.get('kuberik.state')).toBe('noConfig');
  });

  it('an unreachable cluster is one error row with the KubeError line', async () => {
    await start({
      connectError: new KubeError('Unreachable', 'cannot reach https://127.0.0.1:6443 (connection refused)'),
    });
    expect(api.tree.getChildren().map((n) => api.tree.getTreeItem(n).label)).toEqual([
      'cannot reach https://127.0.0.1:6443 (connection refused)',
    ]);
  });
});

describe('settings and views', () => {
  it('Select Namespaces writes the setting and the tree reconnects scoped to those namespaces', async () => {
    await start();
    fake.answers.push(['team-b']);
    await run(CommandId.selectNamespaces);
    await api.ready();
    expect(fake.settings.get('kuberik.namespaces')).toEqual(['team-b']);
    expect(cluster.observedScopes).toEqual([[], ['team-b']]);
  });

  it('Select Context picks from the kubeconfig contexts', async () => {
    await start();
    fake.answers.push('prod');
    await run(CommandId.selectContext);
    expect(fake.prompts[0]?.items).toEqual(['kind-dev', 'prod']);
    expect(fake.settings.get('kuberik.context')).toBe('prod');
    await api.ready();
    expect(cluster.connects).toBe(2);
  });

  it('Open YAML shows the rollout as YAML in a read-only virtual document', async () => {
    await start();
    await run(CommandId.openYaml, row('ro:team-a/my-app'));
    const doc = fake.openedDocuments[0];
    expect(doc?.uri.toString()).toBe('kuberik-rollout:/team-a/my-app.yaml');
    expect(doc?.text).toContain('pendingVersion: v1.3.0');
    expect(doc?.text).toMatch(/^apiVersion: kuberik.com\/v1alpha1\nkind: Rollout/);
  });

  it('Watch Rollout drives it (a driving driver), shows the status bar, and Stop releases it', async () => {
    await start();
    await run(CommandId.watchRollout, row('ro:team-a/my-app'));
    const [driven] = cluster.driven;
    expect(driven?.started).toBe(true);
    const item = fake.statusItems.find((i) => i.id === 'kuberik.watch');
    expect(item?.visible).toBe(true);
    expect(item?.text).toBe('$(watch) my-app: WaitingForGates v1.3.0 (observing)');
    expect(fake.contextKeys.get('kuberik.watching')).toBe(true);
    expect(api.tree.getTreeItem(row('ro:team-a/my-app')).contextValue).toContain('watched');
    await run(CommandId.stopWatching);
    expect(driven?.stopped).toBe(true);
    expect(item?.visible).toBe(false);
  });
});
