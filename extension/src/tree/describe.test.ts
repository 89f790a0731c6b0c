import { describe, expect, it } from 'vitest';
import type { NamespacePermissions } from '../cluster/permissions.js';
import { entry, gate, snapshot } from '../test-support/fakeCluster.js';
import { childrenOf, rolloutNode } from './children.js';
import { describeNode, type DescribeContext } from './describe.js';
import type { GateNode, PendingNode, TreeNode } from './nodes.js';
import { RolloutIndex } from './rolloutIndex.js';

const now = new Date('2026-01-01T10:05:00Z');
const ctx = (perms: NamespacePermissions = {}, watched?: string): DescribeContext => ({
  now,
  permissions: () => perms,
  watched,
});
const flags = (contextValue: string) => contextValue.split(' ');

const waiting = snapshot({
  phase: 'WaitingForGates',
  current: 'v1.2.0',
  pending: 'v1.3.0',
  releases: ['v1.1.0', 'v1.2.0', 'v1.3.0'],
  gates: [
    gate('production-approval', 'Pending', { prettyName: 'Production approval' }),
    gate('qa', 'Approved'),
  ],
  history: [
    entry(2, 'v1.2.0', {
      bakeStatus: 'Succeeded',
      triggeredBy: { kind: 'User', name: 'alice' },
      bakeEndTime: '2026-01-01T10:05:00Z',
    }),
    entry(1, 'v1.1.0', { bakeStatus: 'Succeeded', triggeredBy: { kind: 'System', name: 'kuberik' } }),
  ],
});

describe('rollout row', () => {
  it('shows phase icon and colour, and `current → pending`', () => {
    const v = describeNode(rolloutNode(waiting), ctx());
    expect(v.label).toBe('my-app');
    expect(v.description).toBe('v1.2.0 → v1.3.0 · awaiting approval · nothing drives it');
    // The tooltip names what holds the version in the words of `kubectl kuberik why` (core's whatBlocks).
    expect(v.tooltip).toContain(
      'Why: v1.3.0 is waiting for gates: gate Production approval awaits approval of v1.3.0.',
    );
    expect(v.icon).toEqual({ id: 'watch', color: 'charts.yellow' });
    expect(v.collapsible).toBe('collapsed');
    expect(flags(v.contextValue)).toEqual([
      'rollout',
      'has-releases',
      'can-rollback',
      'has-version',
      'unwatched',
    ]);
  });

  it('flags a failed bake as retryable and a pin as unpinnable', () => {
    const s = snapshot({
      phase: 'Failed',
      current: 'v2',
      wantedVersion: 'v2',
      history: [entry(3, 'v2', { bakeStatus: 'Failed' })],
    });
    const v = describeNode(rolloutNode(s), ctx());
    expect(v.icon).toEqual({ id: 'error', color: 'testing.iconFailed' });
    expect(v.description).toBe('v2 · failed · pinned · nothing drives it');
    expect(flags(v.contextValue)).toEqual(expect.arrayContaining(['pinned', 'retryable']));
    expect(v.tooltip).toContain('Pinned to v2: automation is off until unpinned');
  });

  it('marks the watched rollout and says who drives it', () => {
    const s = snapshot({ phase: 'Baking', holder: 'bob@laptop 42' });
    const v = describeNode(rolloutNode(s), ctx({}, 'team-a/my-app'));
    expect(flags(v.contextValue)).toContain('watched');
    expect(v.tooltip).toContain('Driven by bob@laptop 42');
  });

  it('RBAC: puts the denial reason in the tooltip and a no-* flag the menus disable on', () => {
    const perms: NamespacePermissions = {
      patch: { allowed: false, reason: 'you may not patch rollouts.kuberik.com in namespace team-a' },
      lease: { allowed: false, reason: 'you may not update leases.coordination.k8s.io in namespace team-a' },
    };
    const v = describeNode(rolloutNode(waiting), ctx(perms));
    expect(flags(v.contextValue)).toEqual(expect.arrayContaining(['no-patch', 'no-lease']));
    expect(v.tooltip).toContain(
      'Deploy, pin, rollback and retry are disabled: you may not patch rollouts.kuberik.com in namespace team-a',
    );
  });
});

describe('children of a rollout', () => {
  const kids = childrenOf(rolloutNode(waiting), {
    index: new RolloutIndex(),
    namespaces: [],
    loading: false,
  });
  it('are Pending, Bake and History (no Health checks without selected checks)', () => {
    expect(kids.map((k) => k.kind)).toEqual(['pending', 'bake', 'history']);
  });

  it('Pending shows the version, how many gates approved, and is approvable and deniable', () => {
    const v = describeNode(kids[0] as PendingNode, ctx());
    expect(v.label).toBe('v1.3.0');
    expect(v.description).toBe('pending · 1/2 approved');
    expect(v.tooltip).toContain('Waiting for: Production approval');
    expect(flags(v.contextValue)).toEqual(['pending', 'has-version', 'approvable', 'deniable']);
    expect(v.collapsible).toBe('expanded');
  });

  it('each gate shows its decision; an approved gate can only be denied', () => {
    const gates = childrenOf(kids[0], {
      index: new RolloutIndex(),
      namespaces: [],
      loading: false,
    }) as GateNode[];
    const [pending, approved] = gates.map((g) => describeNode(g, ctx()));
    expect(pending?.label).toBe('Production approval');
    expect(pending?.description).toBe('awaiting approval');
    expect(flags(pending?.contextValue ?? '')).toEqual(['gate', 'has-version', 'approvable', 'deniable']);
    expect(approved?.description).toBe('approved');
    expect(flags(approved?.contextValue ?? '')).toEqual(['gate', 'has-version', 'deniable']);
  });

  it('a gate names who approved, when and why, from the recorded decision', () => {
    const node: TreeNode = {
      kind: 'gate',
      id: 'g',
      key: waiting.key,
      version: 'v1.3.0',
      closed: false,
      gate: gate('production-approval', 'Approved', {
        decidedBy: { user: 'alice', time: '2026-12-03T08:30:15Z', message: 'QA signed off' },
      }),
    };
    const v = describeNode(node, ctx());
    expect(v.description).toBe('approved by alice');
    expect(v.tooltip).toContain('Approved by alice at 2026-12-03T08:30:15Z: QA signed off');
  });

  it('a RolloutGate set to passing: false reads closed, not awaiting approval (issue 11 point 6)', () => {
    const snap = {
      ...waiting,
      gates: [
        {
          apiVersion: 'kuberik.com/v1alpha1',
          kind: 'RolloutGate',
          metadata: { name: 'production-approval', namespace: 'team-a' },
          spec: { rolloutRef: { name: 'my-app' }, passing: false },
        } as const,
      ],
    };
    const state = { index: new RolloutIndex(), namespaces: [], loading: false };
    const pending = childrenOf(rolloutNode(snap), state).find((k) => k.kind === 'pending');
    const words = childrenOf(pending, state).map((g) => describeNode(g, ctx()).description);
    expect(words[0]).toBe('closed');
    expect(words.join(' ')).not.toContain('awaiting approval');
  });

  it('a schedule gate shows when it opens and offers no approve/deny', () => {
    const node: TreeNode = {
      kind: 'gate',
      id: 'g',
      key: waiting.key,
      version: 'v1.3.0',
      closed: false,
      gate: gate('business-hours', 'Pending', {
        kind: 'RolloutSchedule',
        nextChange: '2026-01-01T12:17:00Z',
      }),
    };
    const v = describeNode(node, ctx());
    expect(v.description).toBe('closed · opens in 2h12m');
    expect(v.icon?.id).toBe('calendar');
    expect(flags(v.contextValue)).toEqual(['gate', 'has-version', 'schedule']);
  });

  it('RBAC denial on gates adds no-approve (the command disables) and the reason', () => {
    const perms: NamespacePermissions = {
      approve: { allowed: false, reason: 'you may not patch rolloutgates.kuberik.com in namespace team-a' },
    };
    const v = describeNode(kids[0] as PendingNode, ctx(perms));
    expect(flags(v.contextValue)).toContain('no-approve');
    expect(v.tooltip).toContain(
      'Approve and Deny are disabled: you may not patch rolloutgates.kuberik.com in namespace team-a',
    );
  });

  it('History entries show result, duration and who; tooltip has message and failed checks', () => {
    const s = snapshot({
      history: [
        entry(5, 'v1.4.0', {
          bakeStatus: 'Failed',
          timestamp: '2026-01-01T09:59:00Z',
          bakeStartTime: '2026-01-01T10:00:00Z',
          bakeEndTime: '2026-01-01T10:03:20Z',
          triggeredBy: { kind: 'User', name: 'alice' },
          message: 'Approved by alice',
          failedHealthChecks: [{ name: 'api-errors', namespace: 'team-a', message: '5xx rate 4%' }],
        }),
      ],
    });
    const history = childrenOf(rolloutNode(s), {
      index: new RolloutIndex(),
      namespaces: [],
      loading: false,
    }).find((k) => k.kind === 'history');
    const [e] = childrenOf(history, { index: new RolloutIndex(), namespaces: [], loading: false });
    const v = describeNode(e as TreeNode, ctx());
    expect(v.label).toBe('v1.4.0');
    expect(v.description).toBe('Failed · 3m20s · alice');
    expect(v.tooltip).toBe(
      [
        '**v1.4.0** (live) · Failed in 3m20s',
        'Deployed 6m ago by alice',
        'Why: Approved by alice',
        'Failed health checks:\n- team-a/api-errors: 5xx rate 4%',
      ].join('\n\n'),
    );
  });

  it('Bake shows progress in the description', () => {
    const s = snapshot({
      bakeTime: '10m',
      history: [entry(1, 'v2', { bakeStatus: 'InProgress', bakeStartTime: '2026-01-01T10:00:00Z' })],
    });
    const bake = childrenOf(rolloutNode(s), {
      index: new RolloutIndex(),
      namespaces: [],
      loading: false,
    }).find((k) => k.kind === 'bake');
    expect(describeNode(bake as TreeNode, ctx()).description).toBe('v2 · Baking 5m / 10m (50%)');
  });

  it('Health checks summarise and list each check with its status', () => {
    const s = snapshot({
      healthChecks: [
        {
          apiVersion: 'kuberik.com/v1alpha1',
          kind: 'HealthCheck',
          metadata: { name: 'kustomization', namespace: 'team-a' },
          status: { status: 'Healthy' },
        },
        {
          apiVersion: 'kuberik.com/v1alpha1',
          kind: 'HealthCheck',
          metadata: { name: 'errors', namespace: 'team-a' },
          status: { status: 'Unhealthy', message: '5xx rate 4%' },
        },
      ],
    });
    const state = { index: new RolloutIndex(), namespaces: [], loading: false };
    const hc = childrenOf(rolloutNode(s), state).find((k) => k.kind === 'healthChecks');
    const v = describeNode(hc as TreeNode, ctx());
    expect(v.description).toBe('1/2 healthy');
    expect(v.icon?.id).toBe('error');
    const rows = childrenOf(hc, state).map((n) => describeNode(n, ctx()));
    expect(rows.map((r) => [r.label, r.description])).toEqual([
      ['kustomization', 'Healthy'],
      ['errors', 'Unhealthy'],
    ]);
    expect(rows[1]?.tooltip).toContain('5xx rate 4%');
  });
});

describe('rollout row reads at a glance (issue 13)', () => {
  const baking = (extra: Parameters<typeof snapshot>[0] = {}) =>
    snapshot({
      phase: 'Baking',
      current: 'v2',
      bakeTime: '10m',
      holder: 'kuberik-controller',
      history: [
        entry(2, 'v2', {
          bakeStatus: 'InProgress',
          timestamp: '2026-01-01T09:59:00Z',
          bakeStartTime: '2026-01-01T10:00:00Z',
        }),
        entry(1, 'v1', { bakeStatus: 'Succeeded' }),
      ],
      ...extra,
    });

  it('shows the phase and the bake percentage, and ticks with the clock', () => {
    const v = describeNode(rolloutNode(baking()), ctx());
    expect(v.description).toBe('v2 · baking 50%');
    const later = describeNode(rolloutNode(baking()), { ...ctx(), now: new Date('2026-01-01T10:07:30Z') });
    expect(later.description).toBe('v2 · baking 75%');
  });

  it('the tooltip is Markdown with relative times, no ISO stamps and no raw condition', () => {
    const s = baking({
      status: {
        conditions: [
          {
            type: 'Ready',
            status: 'False',
            reason: 'Baking',
            message: 'Baking v2: 5m of 10m',
            lastTransitionTime: '2026-01-01T10:00:00Z',
          },
        ],
      },
    });
    const tip = describeNode(rolloutNode(s), ctx()).tooltip ?? '';
    expect(tip).toContain('**team-a/my-app** · baking 50%');
    expect(tip).toContain('Current **v2** (deployed 6m ago)');
    expect(tip).toContain('Baking 5m / 10m \\(50%\\)');
    expect(tip).toContain('Baking v2: 5m of 10m');
    expect(tip).not.toMatch(/Ready=|\d{4}-\d\d-\d\dT/);
  });

  it('says when nothing drives the rollout, in the row and the tooltip', () => {
    const v = describeNode(rolloutNode(baking({ holder: undefined })), ctx());
    expect(v.description).toBe('v2 · baking 50% · nothing drives it');
    expect(v.tooltip).toContain('Nothing drives this rollout');
    expect(v.tooltip).toContain('Use Watch Rollout here, or install the controller.');
    const driven = describeNode(rolloutNode(baking()), ctx());
    expect(driven.tooltip).toContain('Driven by kuberik-controller.');
    expect(driven.tooltip).not.toContain('Nothing drives');
  });

  const recovering = (before: 'Failed' | 'Cancelled') =>
    snapshot({
      phase: 'Deploying',
      current: 'v3',
      holder: 'kuberik-controller',
      releases: ['v1', 'v2', 'v3'],
      status: {
        conditions: [
          {
            type: 'BakeFailureDisabled',
            status: 'True',
            reason: 'PreviousBakeFailed',
            message: 'Previous deployment failed. Health check failures will not fail this deployment.',
            lastTransitionTime: '2026-01-01T10:00:00Z',
          },
        ],
      },
      history: [
        entry(3, 'v3', { bakeStatus: 'Deploying', triggeredBy: { kind: 'User', name: 'alice' } }),
        entry(2, 'v2', { bakeStatus: before }),
        entry(1, 'v1', { bakeStatus: 'Succeeded' }),
      ],
    });

  it('shows recovery mode and offers rollback; a cancelled bake is not called failed', () => {
    const v = describeNode(rolloutNode(recovering('Cancelled')), ctx());
    expect(v.description).toBe('v3 · deploying · recovery mode');
    expect(v.tooltip).toContain(
      // core's recoveryView words it, as the CLI's watch screen and `get` do
      "Recovery mode: health failures won't fail this deploy; the bake of v2 was cancelled. If it does not recover, roll back to v1.",
    );
    expect(v.tooltip).not.toContain('failed');
    expect(flags(v.contextValue)).toContain('can-rollback');
    const failed = describeNode(rolloutNode(recovering('Failed')), ctx());
    expect(failed.tooltip).toContain('the bake of v2 failed');
  });

  it('history rows and the bake say Baking, not InProgress', () => {
    const s = baking();
    const state = { index: new RolloutIndex(), namespaces: [], loading: false };
    const kids = childrenOf(rolloutNode(s), state);
    const history = kids.find((k) => k.kind === 'history');
    const [live] = childrenOf(history, state);
    const v = describeNode(live as TreeNode, ctx());
    // DURATION is the bake's own (bakeStartTime → now), as in `kubectl kuberik history`.
    expect(v.description).toBe('Baking · 5m');
    expect(v.tooltip).not.toContain('InProgress');
    const bake = describeNode(kids.find((k) => k.kind === 'bake') as TreeNode, ctx());
    expect(bake.tooltip).toContain('Started 5m ago');
    expect(bake.tooltip).toContain('5m to go');
  });

  it('escapes Markdown in text that comes from the cluster', () => {
    const s = snapshot({
      phase: 'Blocked',
      holder: 'c',
      status: {
        conditions: [
          {
            type: 'DeploymentBlocked',
            status: 'True',
            reason: 'X',
            message: 'see [here](command:evil) *now*',
            lastTransitionTime: '2026-01-01T10:00:00Z',
          },
        ],
      },
    });
    expect(describeNode(rolloutNode(s), ctx()).tooltip).toContain(
      'Blocked: see \\[here\\]\\(command:evil\\) \\*now\\*',
    );
  });
});
