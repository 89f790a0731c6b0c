import { describe, expect, it } from 'vitest';
import type { DeploymentHistoryEntry, RolloutStatus } from '../model/index.js';
import { decideStable } from './test-support/expect.js';
import {
  clusterSchedule,
  gate,
  healthCheck,
  imagePolicy,
  observed,
  rollout,
  schedule,
} from './test-support/fixtures.js';

const T0 = Date.parse('2026-11-27T10:00:00Z'); // a Friday
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

const v1: DeploymentHistoryEntry = {
  id: 1,
  version: { tag: 'v1' },
  timestamp: '2026-11-27T09:00:00Z',
  message: 'Automatic deployment',
  triggeredBy: { kind: 'System', name: 'kuberik' },
  bakeStatus: 'Succeeded',
};
const onV1 = (tags = ['v1'], extra: Partial<RolloutStatus> = {}): RolloutStatus => ({
  availableReleases: tags.map((tag) => ({ tag })),
  history: [v1],
  currentVersion: 'v1',
  ...extra,
});
const world = (parts: Parameters<typeof observed>[0] = {}, labels?: Record<string, string>) =>
  observed({
    rollout: rollout({}, { status: onV1(), ...(labels ? { labels } : {}) }),
    imagePolicy: imagePolicy('v2'),
    ...parts,
  });
const gatesPassing = (s: RolloutStatus | undefined) => s?.conditions?.find((c) => c.type === 'GatesPassing');

describe('RolloutGates', () => {
  it('waits for a bare gate (manual approval), re-checking every 10 s', () => {
    const { plan } = decideStable(
      world({
        gates: [
          gate(
            'approval',
            {},
            {
              'gate.kuberik.com/pretty-name': 'Production approval',
              'gate.kuberik.com/description': 'SRE on call',
            },
          ),
        ],
      }),
      at(0),
    );
    expect(plan.patches).toEqual([]);
    expect(plan.status).toMatchObject({ phase: 'WaitingForGates', pendingVersion: 'v2' });
    expect(plan.status?.gates).toEqual([
      {
        name: 'approval',
        namespace: 'prod',
        kind: 'RolloutGate',
        prettyName: 'Production approval',
        description: 'SRE on call',
        decision: 'Pending',
        message: 'Waiting for approval of v2',
      },
    ]);
    expect(gatesPassing(plan.status)).toMatchObject({
      status: 'False',
      reason: 'SomeGatesBlocking',
      message: 'Some gates are blocking deployment',
    });
    expect(plan.wakeAt).toEqual(new Date(T0 + 10_000));
  });

  it('deploys once every gate approves the pending version', () => {
    const { plan } = decideStable(
      world({ gates: [gate('approval', { allowedVersions: ['v2'] }), gate('open', { passing: true })] }),
      at(0),
    );
    expect(plan.status?.currentVersion).toBe('v2');
    expect(plan.patches).toHaveLength(1);
  });

  it('ignores gates of other rollouts', () => {
    const { plan } = decideStable(
      world({ gates: [gate('theirs', { rolloutRef: { name: 'other' } })] }),
      at(0),
    );
    expect(plan.status?.currentVersion).toBe('v2');
    expect(plan.status?.gates).toEqual([]);
  });

  it('rejects a denied version once, with an event, and stops for it', () => {
    const { plan, world: after } = decideStable(
      world({ gates: [gate('approval', { deniedVersions: ['v2'] })] }),
      at(0),
    );
    expect(plan.status).toMatchObject({ phase: 'Rejected', rejectedVersions: ['v2'], currentVersion: 'v1' });
    expect(plan.status?.pendingVersion).toBeUndefined();
    expect(gatesPassing(plan.status)).toMatchObject({
      status: 'False',
      reason: 'VersionRejected',
      message: 'v2 was rejected',
    });
    expect(plan.events).toEqual([
      { type: 'Warning', reason: 'Rejected', message: 'v2 was rejected by approval' },
    ]);
    expect(plan.patches).toEqual([]);

    // A newer version starts its own lifecycle.
    const next = decideStable({ ...after, imagePolicy: imagePolicy('v3') }, at(1));
    expect(next.plan.status).toMatchObject({
      phase: 'WaitingForGates',
      pendingVersion: 'v3',
      rejectedVersions: ['v2'],
    });
  });

  it('falls back to the next candidate when the newest is rejected', () => {
    const w = world({
      rollout: rollout({}, { status: onV1(['v1', 'v2']) }),
      imagePolicy: imagePolicy('v3'),
      gates: [gate('g', { deniedVersions: ['v3'], passing: true })],
    });
    const { plan } = decideStable(w, at(0));
    expect(plan.status).toMatchObject({ currentVersion: 'v2', rejectedVersions: ['v3'] });
  });

  it('lets an approval after a denial bring the version back', () => {
    const w = world({
      rollout: rollout({}, { status: onV1(['v1', 'v2'], { rejectedVersions: ['v2'] }) }),
      gates: [gate('g', { allowedVersions: ['v2'] })],
    });
    const { plan } = decideStable(w, at(0));
    expect(plan.status?.currentVersion).toBe('v2');
    expect(plan.status?.rejectedVersions).toBeUndefined();
  });

  it('names who approved the deployed version, from the gate record, in the history entry', () => {
    const approval = gate('approval', { allowedVersions: ['v2'] });
    approval.status = {
      decisions: [
        { verdict: 'Approved', version: 'v2', user: 'alice', time: '2026-11-27T09:59:00Z', message: 'QA ok' },
        { verdict: 'Denied', version: 'v2', user: 'bob', time: '2026-11-27T09:58:00Z' },
      ],
    };
    const { plan } = decideStable(world({ gates: [approval, gate('open', { passing: true })] }), at(0));
    expect(plan.status?.history?.[0]?.approvedBy).toEqual([
      { gate: 'approval', user: 'alice', time: '2026-11-27T09:59:00Z', message: 'QA ok' },
    ]);
  });

  it('names who approved the pending version on the gate summary; a hand-edited list names nobody', () => {
    const approved = gate('approval', { allowedVersions: ['v2'] });
    approved.status = {
      decisions: [{ verdict: 'Approved', version: 'v2', user: 'bob', time: '2026-11-27T09:59:00Z' }],
    };
    const { plan } = decideStable(
      world({ gates: [approved, gate('by-hand', { allowedVersions: ['v2'] }), gate('waiting')] }),
      at(0),
    );
    expect(plan.status?.pendingVersion).toBe('v2');
    const byName = Object.fromEntries((plan.status?.gates ?? []).map((g) => [g.name, g]));
    expect(byName.approval?.decidedBy).toEqual({ user: 'bob', time: '2026-11-27T09:59:00Z' });
    expect(byName['by-hand']?.decision).toBe('Approved');
    expect(byName['by-hand']?.decidedBy).toBeUndefined();
  });

  it('reports "1/2" approved gates for the printer column', () => {
    const { plan } = decideStable(world({ gates: [gate('a', { passing: true }), gate('b')] }), at(0));
    expect((plan.status as Record<string, unknown>).gatesSummary).toBe('1/2');
  });
});

describe('schedules as gates', () => {
  const office = { name: 'office', timeRange: { start: '09:00', end: '17:00' } };

  it('an Allow schedule approves inside its window', () => {
    const { plan } = decideStable(
      world({ schedules: [schedule('hours', { action: 'Allow', rules: [office] })] }),
      at(0),
    );
    expect(plan.status?.currentVersion).toBe('v2');
  });

  it('an Allow schedule holds the version outside its window and says when it opens', () => {
    const { plan } = decideStable(
      world({ schedules: [schedule('hours', { action: 'Allow', rules: [office] })] }),
      at(8 * 60),
    );
    expect(plan.status?.phase).toBe('WaitingForGates');
    expect(plan.status?.gates).toEqual([
      {
        name: 'hours',
        namespace: 'prod',
        kind: 'RolloutSchedule',
        decision: 'Pending',
        message: 'Outside the allowed window',
        nextChange: '2026-11-28T09:00:00Z',
      },
    ]);
  });

  it('a Deny schedule (the default action) holds versions while active and wakes the engine when it ends', () => {
    const freeze = schedule('freeze', {
      rules: [{ name: 'lunch', timeRange: { start: '09:55', end: '10:05' } }],
    });
    const r = rollout({ bakeTime: '1h' }, { status: onV1() });
    const { plan } = decideStable(world({ schedules: [freeze], rollout: r, healthChecks: [] }), at(4.9));
    expect(plan.status?.gates?.[0]).toMatchObject({
      decision: 'Pending',
      message: 'Deployments are frozen (lunch)',
      nextChange: '2026-11-27T10:05:00Z',
    });
    expect(plan.wakeAt).toEqual(new Date(T0 + 5 * 60_000));
  });

  it('applies schedules by rolloutSelector, and only in the rollout namespace', () => {
    const deny = { rules: [{ name: 'always' }] };
    const { plan } = decideStable(
      world(
        {
          schedules: [
            schedule('mine', { ...deny, rolloutSelector: { matchLabels: { tier: 'web' } } }),
            schedule('not-me', { ...deny, rolloutSelector: { matchLabels: { tier: 'db' } } }),
            schedule('elsewhere', deny, 'staging'),
          ],
        },
        { tier: 'web' },
      ),
      at(0),
    );
    expect(plan.status?.gates?.map((g) => g.name)).toEqual(['mine']);
  });

  it('applies a ClusterRolloutSchedule without namespaceSelector everywhere, and one with a selector by namespace labels', () => {
    const deny = { rules: [{ name: 'always' }] };
    const { plan } = decideStable(
      world({
        namespaces: [{ name: 'prod', labels: { env: 'prod' } }],
        clusterSchedules: [
          clusterSchedule('global-freeze', deny),
          clusterSchedule('prod-only', { ...deny, namespaceSelector: { matchLabels: { env: 'prod' } } }),
          clusterSchedule('dev-only', { ...deny, namespaceSelector: { matchLabels: { env: 'dev' } } }),
          clusterSchedule('web-only', { ...deny, rolloutSelector: { matchLabels: { tier: 'web' } } }),
        ],
      }),
      at(0),
    );
    expect(plan.status?.gates?.map((g) => [g.name, g.kind, g.namespace])).toEqual([
      ['global-freeze', 'ClusterRolloutSchedule', undefined],
      ['prod-only', 'ClusterRolloutSchedule', undefined],
    ]);
    expect(plan.status?.phase).toBe('WaitingForGates');
  });

  it('holds deployments when a schedule cannot be evaluated, and says what to fix once', () => {
    const bad = schedule('freeze', { rules: [office], timezone: 'Europe/Berln' });
    const { plan } = decideStable(world({ schedules: [bad] }), at(0));
    expect(plan.status?.phase).toBe('WaitingForGates');
    expect(gatesPassing(plan.status)).toMatchObject({
      status: 'False',
      reason: 'InvalidSchedule',
      message:
        'RolloutSchedule prod/freeze: unknown timezone "Europe/Berln" (use an IANA name such as Europe/Berlin)',
    });
    expect(plan.events.map((e) => e.reason)).toEqual(['InvalidSchedule']);
  });

  it('holds deployments when a schedule selector is invalid', () => {
    const bad = schedule('freeze', {
      rules: [office],
      rolloutSelector: { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] },
    });
    const { plan } = decideStable(world({ schedules: [bad] }), at(0));
    expect(plan.status?.gates?.[0]).toMatchObject({
      decision: 'Pending',
      message: expect.stringMatching(/^Invalid selector: .*needs at least one value; fix the schedule$/),
    });
  });
});

describe('blocks before deploying', () => {
  const failed: DeploymentHistoryEntry = {
    ...v1,
    bakeStatus: 'Failed',
    bakeStatusMessage: 'A HealthCheck reported an error after bake started.',
  };

  it('a failed bake: phase Failed while nothing waits, Blocked once a candidate waits', () => {
    const idle = decideStable(
      world({
        rollout: rollout({}, { status: { ...onV1(), history: [failed] } }),
        imagePolicy: imagePolicy('v1'),
      }),
      at(0),
    );
    expect(idle.plan.status?.phase).toBe('Failed');
    const waiting = decideStable({ ...idle.world, imagePolicy: imagePolicy('v2') }, at(1));
    expect(waiting.plan.status).toMatchObject({ phase: 'Blocked', pendingVersion: 'v2' });
    expect(waiting.plan.patches).toEqual([]);
  });

  it('unblock-failed lets the next automatic deploy through, once', () => {
    const r = rollout(
      {},
      {
        status: { ...onV1(), history: [failed] },
        annotations: { 'rollout.kuberik.com/unblock-failed': 'true' },
      },
    );
    const { plan } = decideStable(world({ rollout: r }), at(0));
    expect(plan.status?.history?.[0]).toMatchObject({
      version: { tag: 'v2' },
      message: 'Automatic deployment, with failed bake unblock',
    });
    expect(plan.clearAnnotations).toEqual(['rollout.kuberik.com/unblock-failed']);
    expect(plan.status?.conditions?.find((c) => c.type === 'BakeFailureDisabled')).toMatchObject({
      status: 'False',
      reason: 'Normal',
    });
  });

  it('ignores unblock-failed values other than "true"', () => {
    const r = rollout(
      {},
      {
        status: { ...onV1(), history: [failed] },
        annotations: { 'rollout.kuberik.com/unblock-failed': 'yes' },
      },
    );
    expect(decideStable(world({ rollout: r }), at(0)).plan.status?.phase).toBe('Blocked');
  });

  it('an unhealthy environment blocks automatic deploys until it recovers', () => {
    const sick = healthCheck('db', {
      class: 'external',
      status: { status: 'Unhealthy', message: 'replication lag' },
    });
    const r = rollout(
      { healthCheckSelector: { selector: { matchLabels: { app: 'app' } } } },
      { status: onV1() },
    );
    const blocked = decideStable(world({ rollout: r, healthChecks: [sick] }), at(0));
    expect(blocked.plan.patches).toEqual([]);
    expect(blocked.plan.status?.phase).toBe('Blocked');
    const message =
      "HealthCheck 'db' in namespace 'prod' is not healthy (status: Unhealthy): replication lag";
    expect(blocked.plan.status?.conditions?.find((c) => c.type === 'DeploymentBlocked')).toMatchObject({
      status: 'True',
      reason: 'UnhealthyHealthChecks',
      message,
    });
    expect(blocked.plan.events).toEqual([{ type: 'Warning', reason: 'HealthCheckBlocking', message }]);
    expect(blocked.plan.wakeAt).toEqual(new Date(T0 + 30_000));

    const healed = { ...blocked.world, healthChecks: [{ ...sick, status: { status: 'Healthy' as const } }] };
    const after = decideStable(healed, at(1));
    expect(after.plan.status?.currentVersion).toBe('v2');
  });
});
