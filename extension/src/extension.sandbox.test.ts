// The whole extension (fake `vscode`, real connection) against core's sandbox API server: the tree
// as VS Code would read it, a command as a user runs it, and the kubeconfig setting arriving late.
import { Kinds } from '@kuberik/core/kube';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as vscode from 'vscode';

vi.mock('vscode', () => import('./test-support/fakeVscode.js'));

import { coreAccess } from './cluster/coreConnection.js';
import { CommandId } from './commands/ids.js';
import { createExtension, type KuberikApi } from './extension.js';
import { fake, resetFake, workspace } from './test-support/fakeVscode.js';
import { NEXT, startSandboxCluster, type SandboxCluster } from './test-support/sandboxCluster.js';
import type { TreeNode } from './tree/nodes.js';

let cluster: SandboxCluster;
let subscriptions: { dispose(): unknown }[] = [];
let api: KuberikApi;
const savedKubeconfig = process.env.KUBECONFIG;

beforeAll(async () => {
  cluster = await startSandboxCluster();
}, 60_000);
afterAll(() => cluster?.close());
beforeEach(() => {
  resetFake();
  // Nothing from the machine running the tests: only the setting may point at a cluster.
  process.env.KUBECONFIG = `${cluster.dir}/no-such-kubeconfig`;
});
afterEach(async () => {
  subscriptions.forEach((s) => s.dispose());
  subscriptions = [];
  await api?.session.disconnect();
  if (savedKubeconfig === undefined) delete process.env.KUBECONFIG;
  else process.env.KUBECONFIG = savedKubeconfig;
});

function activate(): KuberikApi {
  api = createExtension({ subscriptions } as unknown as vscode.ExtensionContext, { access: coreAccess });
  return api;
}
const ids = (nodes: TreeNode[]) => nodes.map((n) => n.id);
function children(...path: string[]): TreeNode[] {
  let nodes = api.tree.getChildren();
  for (const id of path) {
    const n = nodes.find((x) => x.id === id);
    if (!n) throw new Error(`no row ${id} among ${ids(nodes).join(', ')}`);
    nodes = api.tree.getChildren(n);
  }
  return nodes;
}
/** Waits for a condition the tree reaches through driver events (no fixed sleeps). */
async function eventually(what: string, check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the extension on the real connection', () => {
  it('lists the rollouts of the selected namespaces and approves through the tree', async () => {
    fake.settings.set('kuberik.kubeconfig', cluster.kubeconfigPath);
    fake.settings.set('kuberik.namespaces', ['team-a', 'team-b']);
    await activate().ready();
    const [ctx] = api.tree.getChildren();
    expect(ctx?.kind).toBe('context');
    expect(ids(children(ctx!.id))).toEqual(['ns:team-a', 'ns:team-b']);
    expect(ids(children(ctx!.id, 'ns:team-a'))).toEqual(['ro:team-a/checkout']);
    const pending = children(ctx!.id, 'ns:team-a', 'ro:team-a/checkout').find((n) => n.kind === 'pending');
    expect(pending).toMatchObject({ version: NEXT });

    await fake.commands.get(CommandId.approve)!(pending, { message: 'verified on staging' });
    expect(fake.messages).toContainEqual(
      expect.objectContaining({ level: 'info', text: `${NEXT} approved on checkout-approval` }),
    );
    const gate = await cluster.kube.get(Kinds.RolloutGate, 'team-a', 'checkout-approval');
    expect(gate.spec.allowedVersions).toContain(NEXT);
    await eventually(
      'the tree shows the approved version as current',
      () =>
        api.session.snapshot({ namespace: 'team-a', name: 'checkout' })?.rollout.status?.currentVersion ===
        NEXT,
    );
  });

  it('a kubeconfig setting that arrives after activation connects the tree', async () => {
    await activate().ready();
    expect(fake.contextKeys.get('kuberik.state')).toBe('noConfig');
    expect(api.tree.getChildren()).toEqual([]); // the welcome view shows

    await workspace.getConfiguration('kuberik').update('kubeconfig', cluster.kubeconfigPath);
    await api.ready();
    expect(fake.contextKeys.get('kuberik.state')).toBe('ok');
    expect(api.session.state.index.all().map((s) => s.key.name)).toContain('payments');
  });

  it('a kubeconfig setting naming a missing file: the welcome view for it, and the message names the file', async () => {
    const missing = `${cluster.dir}/gone.yaml`;
    fake.settings.set('kuberik.kubeconfig', missing);
    await activate().ready();
    expect(fake.contextKeys.get('kuberik.state')).toBe('missingConfig');
    expect(fake.treeViews[0]?.message).toBe(
      `kubeconfig file ${missing} does not exist (setting kuberik.kubeconfig)`,
    );
  });

  it('a setting that changes while the first connection is still under way wins', async () => {
    fake.settings.set('kuberik.kubeconfig', cluster.viewerKubeconfigPath);
    activate();
    // Let the first connect start (it reads the setting, then waits on the API server), then change it.
    await new Promise((r) => setTimeout(r, 0));
    expect(api.session.state.loading).toBe(true);
    await workspace.getConfiguration('kuberik').update('kubeconfig', cluster.kubeconfigPath);
    await api.ready();
    expect(fake.contextKeys.get('kuberik.state')).toBe('ok');
    expect(api.session.state.error).toBeUndefined();
    expect(api.session.state.index.all().length).toBeGreaterThan(0);
    // It is the admin connection (the last setting), not the viewer's.
    expect(
      await api.session.connection?.canI(
        { verb: 'patch', group: 'kuberik.com', resource: 'rollouts' },
        'team-a',
      ),
    ).toEqual({ allowed: true });
  });
});
