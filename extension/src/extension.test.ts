// The wiring, through the fake `vscode`: commands as a user triggers them, what the user then sees,
// and what reached core's actions API.
import { ActionRejected, type Rejection } from '@kuberik/core/actions';
import { KubeError } from '@kuberik/core/kube';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('vscode', () => import('./test-support/fakeVscode.js'));

import { CommandId } from './commands/ids.js';
import { ExtensionHarness, myApp, NOW } from './test-support/extensionHarness.js';
import { entry, snapshot } from './test-support/fakeCluster.js';
import { fake, resetFake } from './test-support/fakeVscode.js';
import type { RolloutNode } from './tree/nodes.js';

const h = new ExtensionHarness();

beforeEach(() => resetFake());
afterEach(() => h.dispose());

describe('Approve / Deny', () => {
  it('approve on the pending version asks for a reason and approves every approval gate', async () => {
    await h.start();
    fake.answers.push('verified on staging');
    await h.run(CommandId.approve, h.pendingRow());
    expect(fake.prompts[0]).toMatchObject({ kind: 'input', title: 'Approve v1.3.0 of team-a/my-app' });
    expect(h.cluster.actions.calls).toEqual([
      {
        action: 'approve',
        key: { namespace: 'team-a', name: 'my-app' },
        args: [{ version: 'v1.3.0', gate: undefined, message: 'verified on staging' }],
      },
    ]);
    expect(h.texts()).toContain('info: v1.3.0 approved');
  });

  it('deny on one gate denies only that gate; an empty reason is no message', async () => {
    await h.start();
    fake.answers.push('');
    await h.run(CommandId.deny, h.row('ro:team-a/my-app/pending/gate/RolloutGate/team-a/qa'));
    expect(h.cluster.actions.calls[0]).toMatchObject({
      action: 'deny',
      args: [{ version: 'v1.3.0', gate: 'qa', message: undefined }],
    });
    expect(h.texts()).toContain('info: v1.3.0 denied on qa');
  });

  it('Escape in the reason box cancels: nothing is written', async () => {
    await h.start();
    fake.answers.push(undefined);
    await h.run(CommandId.approve, h.pendingRow());
    expect(h.cluster.actions.calls).toEqual([]);
  });

  it('RBAC denial: says why before prompting, and never calls the action', async () => {
    await h.start({
      snapshots: [myApp()],
      denied: {
        'team-a patch rolloutgates': 'you may not patch rolloutgates.kuberik.com in namespace team-a',
      },
    });
    await h.run(CommandId.approve, h.pendingRow());
    expect(fake.prompts).toEqual([]);
    expect(h.cluster.actions.calls).toEqual([]);
    expect(h.texts()).toEqual([
      'warning: Cannot approve v1.3.0 of team-a/my-app: you may not patch rolloutgates.kuberik.com in namespace team-a',
    ]);
  });

  it.each([
    [
      'a state that does not fit: a warning',
      { kind: 'GateClosed', version: 'v1.3.0', gates: ['freeze'], hint: 'Invalid' },
      'warning: gate freeze is closed',
    ],
    ['RBAC: an error', { kind: 'Forbidden', hint: 'Forbidden' }, 'error: gate freeze is closed'],
  ] as const)("a refused action: %s, in core's words", async (_t, detail, shown) => {
    await h.start();
    h.cluster.actions.failWith = new ActionRejected({
      ...detail,
      action: 'approve',
      rollout: 'my-app',
      message: 'gate freeze is closed',
    } as Rejection);
    fake.answers.push('');
    await h.run(CommandId.approve, h.pendingRow());
    expect(h.texts()).toEqual([shown]);
  });

  it('an action that fails shows the KubeError line as an error notification', async () => {
    await h.start();
    h.cluster.actions.failWith = new KubeError(
      'Invalid',
      'gate production-approval is owned by schedule business-hours; change the schedule instead',
    );
    fake.answers.push('');
    await h.run(CommandId.approve, h.pendingRow());
    expect(h.texts()).toContain(
      'error: gate production-approval is owned by schedule business-hours; change the schedule instead',
    );
  });
});

describe('version actions', () => {
  it('Deploy Version… offers availableReleases newest first, then asks to confirm with an optional reason', async () => {
    await h.start();
    fake.answers.push('v1.1.0', 'hotfix for checkout');
    await h.run(CommandId.deployVersion, h.row('ro:team-a/my-app'));
    expect(fake.prompts[0]?.items).toEqual(['v1.3.0', 'v1.2.0', 'v1.1.0']);
    expect(fake.prompts[1]).toEqual({
      kind: 'input',
      title: 'Deploy v1.1.0 to team-a/my-app now? It skips gates, once.',
    });
    expect(h.cluster.actions.calls[0]).toMatchObject({
      action: 'deploy',
      args: ['v1.1.0', { message: 'hotfix for checkout' }],
    });
  });

  it('Bypass Gates for Version… offers the release candidates, asks to confirm with a reason, and bypasses the pick', async () => {
    const app = myApp();
    app.rollout.status = { ...app.rollout.status, releaseCandidates: [{ tag: 'v1.3.0' }] };
    await h.start({ snapshots: [app] });
    fake.answers.push('v1.3.0', 'payment outage fix');
    await h.run(CommandId.bypassGates, h.row('ro:team-a/my-app'));
    expect(fake.prompts[0]?.items).toEqual(['v1.3.0']);
    expect(fake.prompts[1]).toEqual({
      kind: 'input',
      title: 'Bypass every gate of team-a/my-app for v1.3.0? Health checks still apply.',
    });
    expect(h.cluster.actions.calls[0]).toMatchObject({
      action: 'bypassGates',
      args: ['v1.3.0', { message: 'payment outage fix' }],
    });
  });

  it('Bypass Gates for Version… says so when nothing waits for gates', async () => {
    await h.start();
    await h.run(CommandId.bypassGates, h.row('ro:team-a/my-app'));
    expect(h.cluster.actions.calls).toEqual([]);
    expect(fake.messages.map((m) => m.text)).toContain(
      'team-a/my-app has no release candidates: nothing waits for its gates',
    );
  });

  it('Escape at the confirmation deploys nothing; an empty reason deploys without one', async () => {
    await h.start();
    fake.answers.push('v1.1.0', undefined);
    await h.run(CommandId.deployVersion, h.row('ro:team-a/my-app'));
    expect(h.cluster.actions.calls).toEqual([]);
    fake.answers.push('v1.2.0', '  ');
    await h.run(CommandId.pin, h.row('ro:team-a/my-app'));
    expect(fake.prompts.at(-1)?.title).toBe(
      'Pin team-a/my-app to v1.2.0? Automatic deploys stay off until you unpin.',
    );
    expect(h.cluster.actions.calls).toEqual([
      {
        action: 'pin',
        key: { namespace: 'team-a', name: 'my-app' },
        args: ['v1.2.0', { message: undefined }],
      },
    ]);
  });

  it('Rollback names its target, asks to confirm with a reason, and pins it only when confirmed', async () => {
    await h.start();
    fake.answers.push(undefined);
    await h.run(CommandId.rollback, h.row('ro:team-a/my-app'));
    expect(fake.prompts[0]).toMatchObject({
      kind: 'input',
      title: 'Roll back team-a/my-app to v1.1.0? This pins it: automatic deploys stay off until you unpin.',
    });
    expect(h.cluster.actions.calls).toEqual([]);
    fake.answers.push('v1.2.0 leaks memory');
    await h.run(CommandId.rollback, h.row('ro:team-a/my-app'));
    expect(h.cluster.actions.calls[0]).toMatchObject({
      action: 'rollback',
      args: [{ to: 'v1.1.0', message: 'v1.2.0 leaks memory' }],
    });
  });

  it('Retry is refused by core before any question when nothing failed (a warning)', async () => {
    await h.start();
    await h.run(CommandId.retry, h.row('ro:team-a/my-app'));
    expect(fake.prompts).toEqual([]);
    expect(h.cluster.actions.calls).toEqual([]);
    expect(h.texts()).toEqual([
      'warning: nothing to retry: the latest deployment of my-app (v1.2.0) is Succeeded, not Failed',
    ]);
  });

  it('Retry asks to confirm in a modal; Unpin and Copy Version act on their row', async () => {
    const app = myApp();
    app.rollout.status!.history![0]!.bakeStatus = 'Failed';
    await h.start({ snapshots: [app] });
    const r = h.row('ro:team-a/my-app');
    fake.answers.push(undefined);
    await h.run(CommandId.retry, r);
    expect(fake.prompts[0]).toMatchObject({ kind: 'modal', title: 'Retry v1.2.0 on team-a/my-app?' });
    expect(h.cluster.actions.calls).toEqual([]);
    fake.answers.push('Retry');
    await h.run(CommandId.retry, r);
    await h.run(CommandId.unpin, r);
    expect(h.cluster.actions.calls.map((c) => c.action)).toEqual(['retry', 'unpin']);
    await h.run(CommandId.copyVersion, h.pendingRow());
    expect(fake.clipboard).toBe('v1.3.0');
  });

  it('a preset (keybinding, another extension) asks nothing', async () => {
    await h.start();
    await h.run(CommandId.deployVersion, h.row('ro:team-a/my-app'), {
      version: 'v1.2.0',
      message: 'scripted',
    });
    expect(fake.prompts).toEqual([]);
    expect(h.cluster.actions.calls[0]).toMatchObject({
      action: 'deploy',
      args: ['v1.2.0', { message: 'scripted' }],
    });
  });
});

describe('live tree', () => {
  it('one rollout change redraws that rollout row only', async () => {
    await h.start({ snapshots: [myApp(), snapshot({ name: 'other', phase: 'Succeeded' })] });
    h.api.tree.flush(); // the initial full redraw
    const before = h.row('ro:team-a/my-app') as RolloutNode;
    const emitter = (h.api.tree as unknown as { emitter: { fired: unknown[] } }).emitter;
    emitter.fired.length = 0;
    const next = myApp();
    next.rollout.status = {
      ...next.rollout.status,
      phase: 'Deploying',
      currentVersion: 'v1.3.0',
      pendingVersion: undefined,
    };
    h.cluster.driver.emit({ type: 'snapshot', snapshot: next });
    h.api.tree.flush();
    expect(emitter.fired).toEqual([before]);
    const item = h.api.tree.getTreeItem(before);
    expect(item.description).toBe('v1.3.0 · deploying · nothing drives it');
    expect(h.api.tree.getChildren(before).map((n) => n.kind)).toEqual(['bake', 'history']);
  });

  it('tooltips are filled on hover, so their relative times are those of the hover', async () => {
    await h.start();
    const entryRow = h.row('ro:team-a/my-app/history/2');
    const item = h.api.tree.getTreeItem(entryRow);
    expect(item.tooltip).toBeUndefined();
    const tip = () => (h.api.tree.resolveTreeItem(item, entryRow).tooltip as { value: string }).value;
    expect(tip()).toContain('Deployed 5m ago');
    h.now = new Date(NOW.getTime() + 3600_000);
    expect(tip()).toContain('Deployed 1h5m ago');
  });

  it('a running bake redraws its rows every second, and stops when the bake ends', async () => {
    const baking = snapshot({
      phase: 'Baking',
      current: 'v2',
      bakeTime: '10m',
      history: [entry(2, 'v2', { bakeStatus: 'InProgress', bakeStartTime: '2026-01-01T10:00:00Z' })],
    });
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      await h.start({ snapshots: [baking] });
      const rollout = h.row('ro:team-a/my-app');
      const bake = h.api.tree.getChildren(rollout).find((n) => n.kind === 'bake');
      const emitter = (h.api.tree as unknown as { emitter: { fired: unknown[] } }).emitter;
      emitter.fired.length = 0;
      vi.advanceTimersByTime(1000);
      expect(emitter.fired).toEqual(expect.arrayContaining([rollout, bake]));
      // The bake ends: the rows stop ticking.
      const done = snapshot({
        phase: 'Succeeded',
        current: 'v2',
        bakeTime: '10m',
        history: [entry(2, 'v2', { bakeStatus: 'Succeeded', bakeEndTime: '2026-01-01T10:10:00Z' })],
      });
      h.cluster.driver.emit({ type: 'snapshot', snapshot: done });
      h.api.tree.flush();
      h.api.tree.getChildren(rollout);
      vi.advanceTimersByTime(1000);
      emitter.fired.length = 0;
      vi.advanceTimersByTime(3000);
      expect(emitter.fired).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('notifies when a version starts waiting for approval, unless turned off', async () => {
    await h.start({ snapshots: [snapshot({ phase: 'Succeeded', current: 'v1.2.0' })] });
    h.cluster.driver.emit({ type: 'snapshot', snapshot: myApp() });
    expect(h.texts()).toContain('info: team-a/my-app: v1.3.0 is waiting for approval (production-approval)');
    expect(fake.messages.at(-1)?.items).toEqual(['Approve', 'Deny']);

    resetFake();
    await h.start({ snapshots: [snapshot({ phase: 'Succeeded', current: 'v1.2.0' })] });
    fake.settings.set('kuberik.notifications.awaitingApproval', false);
    h.cluster.driver.emit({ type: 'snapshot', snapshot: myApp() });
    expect(h.texts()).toEqual([]);
  });

  it('a failed bake notifies with the failed checks, and its Retry button retries', async () => {
    const baking = snapshot({
      phase: 'Baking',
      current: 'v2',
      history: [entry(3, 'v2', { bakeStatus: 'InProgress' })],
    });
    await h.start({ snapshots: [baking] });
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
    h.cluster.driver.emit({ type: 'snapshot', snapshot: failed });
    await vi.waitFor(() => expect(h.cluster.actions.calls.map((c) => c.action)).toEqual(['retry']));
    expect(fake.messages[0]).toEqual({
      level: 'error',
      text: 'team-a/my-app: the bake of v2 failed — api-errors: 5xx rate 4%',
      items: ['Retry'],
    });
  });

  it('a kubeconfig setting naming a missing file: the welcome view says so and the message names the file', async () => {
    fake.settings.set('kuberik.kubeconfig', '/home/me/.kube/gone.yaml');
    await h.start({
      connectError: new KubeError(
        'NoConfig',
        'kubeconfig file /home/me/.kube/gone.yaml does not exist (--kubeconfig)',
      ),
    });
    expect(h.api.tree.getChildren()).toEqual([]);
    expect(fake.contextKeys.get('kuberik.state')).toBe('missingConfig');
    expect(fake.treeViews[0]?.message).toBe(
      'kubeconfig file /home/me/.kube/gone.yaml does not exist (setting kuberik.kubeconfig)',
    );
  });

  it('without a kubeconfig the tree is empty and the welcome view (Select Context) shows', async () => {
    await h.start({ connectError: new KubeError('NoConfig', 'no kubeconfig found') });
    expect(h.api.tree.getChildren()).toEqual([]);
    expect(fake.contextKeys.get('kuberik.state')).toBe('noConfig');
  });

  it('an unreachable cluster is one error row with the KubeError line', async () => {
    await h.start({
      connectError: new KubeError('Unreachable', 'cannot reach https://127.0.0.1:6443 (connection refused)'),
    });
    expect(h.api.tree.getChildren().map((n) => h.api.tree.getTreeItem(n).label)).toEqual([
      'cannot reach https://127.0.0.1:6443 (connection refused)',
    ]);
  });
});

describe('settings and views', () => {
  it('Select Namespaces writes the setting and the tree reconnects scoped to those namespaces', async () => {
    await h.start();
    fake.answers.push(['team-b']);
    await h.run(CommandId.selectNamespaces);
    await h.api.ready();
    expect(fake.settings.get('kuberik.namespaces')).toEqual(['team-b']);
    expect(h.cluster.observedScopes).toEqual([[], ['team-b']]);
  });

  it('Select Context picks from the kubeconfig contexts', async () => {
    await h.start();
    fake.answers.push('prod');
    await h.run(CommandId.selectContext);
    expect(fake.prompts[0]?.items).toEqual(['kind-dev', 'prod']);
    expect(fake.settings.get('kuberik.context')).toBe('prod');
    await h.api.ready();
    expect(h.cluster.connects).toBe(2);
  });

  it('Open YAML shows the rollout as YAML in a read-only virtual document', async () => {
    await h.start();
    await h.run(CommandId.openYaml, h.row('ro:team-a/my-app'));
    const doc = fake.openedDocuments[0];
    expect(doc?.uri.toString()).toBe('kuberik-rollout:/team-a/my-app.yaml');
    expect(doc?.text).toContain('pendingVersion: v1.3.0');
    expect(doc?.text).toMatch(/^apiVersion: kuberik.com\/v1alpha1\nkind: Rollout/);
  });

  it('Watch Rollout drives it (a driving driver), shows the status bar, and Stop releases it', async () => {
    await h.start();
    await h.run(CommandId.watchRollout, h.row('ro:team-a/my-app'));
    const [driven] = h.cluster.driven;
    expect(driven?.started).toBe(true);
    const item = fake.statusItems.find((i) => i.id === 'kuberik.watch');
    expect(item?.visible).toBe(true);
    expect(item?.text).toBe('$(watch) my-app: awaiting approval v1.3.0 (observing)');
    expect(fake.contextKeys.get('kuberik.watching')).toBe(true);
    expect(h.api.tree.getTreeItem(h.row('ro:team-a/my-app')).contextValue).toContain('watched');
    await h.run(CommandId.stopWatching);
    expect(driven?.stopped).toBe(true);
    expect(item?.visible).toBe(false);
  });
});
