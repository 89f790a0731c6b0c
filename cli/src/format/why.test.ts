import { leaseName, type RolloutGate } from '@kuberik/core/model';
import { describe, expect, it } from 'vitest';
import { bakingStory, entry, gate, healthCheck, HOUR, MIN, ago, NOW, story } from '../testing/fixtures.js';
import { explainWhy, gateDecisionFor, renderWhy, withoutRefusedDeploy } from './why.js';

describe('gateDecisionFor (spec §2.2)', () => {
  it.each([
    [{ deniedVersions: ['v1'], allowedVersions: ['v1'] }, 'Denied'],
    [{ passing: false, allowedVersions: ['v1'] }, 'Pending'],
    [{ allowedVersions: ['v1'] }, 'Approved'],
    [{ allowedVersions: ['v2'] }, 'Pending'],
    [{ passing: true }, 'Approved'],
    [{}, 'Pending'],
  ] as Array<[Partial<RolloutGate['spec']>, string]>)('%j → %s', (spec, want) =>
    expect(gateDecisionFor(gate('g', spec), 'v1')).toBe(want),
  );
});

describe('why', () => {
  it('names the approval gate and the exact approve command', () => {
    const a = explainWhy(story(), NOW);
    expect(a.state).toBe('gates');
    expect(a.chain.join('\n')).toContain('gate Production approval awaits approval of v1.3.0');
    expect(a.commands[0]).toBe('kubectl kuberik approve my-app v1.3.0 --gate production-approval');
    expect(renderWhy(a)).toContain('To unblock it, run one of:');
  });

  it('explains a closed schedule with its countdown', () => {
    const a = explainWhy(
      story({
        gates: [
          {
            name: 'business-hours',
            kind: 'RolloutSchedule',
            prettyName: 'Business hours',
            decision: 'Pending',
            message: 'outside the window',
            nextChange: new Date(NOW.getTime() + 3 * HOUR + 12 * MIN).toISOString(),
          },
        ],
      }),
      NOW,
    );
    expect(a.chain[1]).toContain('schedule Business hours is closed (opens in 3h12m)');
    expect(a.commands).toEqual(['kubectl kuberik deploy my-app v1.3.0']);
  });

  it('adds a note when the bake cannot see the workloads (issue 10 point 9)', () => {
    const blind = [
      {
        type: 'WorkloadHealthCovered',
        status: 'False' as const,
        reason: 'KustomizationReadyIgnoresWorkloads',
        message: 'Kustomization default/my-app has neither spec.wait: true nor spec.healthChecks',
        lastTransitionTime: NOW.toISOString(),
      },
    ];
    const a = explainWhy(story({ conditions: blind }), NOW);
    expect(a.state).toBe('gates');
    expect(a.notes).toEqual([
      'the bake cannot see the workloads: Kustomization default/my-app has neither spec.wait: true nor spec.healthChecks.',
    ]);
    expect(renderWhy(a)).toContain('  ! the bake cannot see the workloads: Kustomization default/my-app');
    expect(explainWhy(story(), NOW).notes).toEqual([]);
  });

  it('explains a newer version held back while an older allowed one is pending (spec §10.1)', () => {
    const a = explainWhy(
      story({
        pending: 'v1.3.0',
        releases: ['v1.1.9', 'v1.2.0', 'v1.3.0', 'v1.4.0'],
        gateObjects: [gate('promote', { allowedVersions: ['v1.3.0'] }, 'Promotion')],
      }),
      NOW,
      'v1.4.0',
    );
    expect(a.state).toBe('gates');
    expect(a.chain).toEqual([
      'v1.4.0 is not allowed by gate Promotion; v1.3.0, the newest version every gate allows, goes first.',
    ]);
    expect(a.commands).toEqual([
      'kubectl kuberik approve my-app v1.4.0 --gate promote',
      'kubectl kuberik deploy my-app v1.4.0 --bypass-gates',
    ]);
  });

  it('puts a pin before everything else', () => {
    const a = explainWhy(story({ wanted: 'v1.2.0' }), NOW);
    expect(a.state).toBe('pinned-elsewhere');
    expect(a.commands[0]).toBe('kubectl kuberik unpin my-app');
  });

  it('blames a running bake, then a failed one', () => {
    const baking = story({
      phase: 'Baking',
      history: bakingStory().rollout.status!.history!,
      pending: 'v1.4.0',
      releases: ['v1.2.0', 'v1.3.0', 'v1.4.0'],
    });
    expect(explainWhy(baking, NOW).chain[0]).toContain(
      'waits for v1.3.0 to finish its bake (7m48s of bake remaining)',
    );
    const failed = story({
      phase: 'Blocked',
      history: [
        entry({ id: 13, tag: 'v1.3.0', bakeStatus: 'Failed', bakeStatusMessage: 'payments-slo unhealthy' }),
      ],
      pending: 'v1.4.0',
      releases: ['v1.3.0', 'v1.4.0'],
    });
    const a = explainWhy(failed, NOW);
    expect(a.state).toBe('blocked-by-failure');
    expect(a.commands[0]).toBe('kubectl kuberik retry my-app');
  });

  it('handles unknown, older, rejected and skipped versions', () => {
    expect(explainWhy(story(), NOW, 'v9.9.9').state).toBe('unknown-version');
    expect(explainWhy(story(), NOW, 'v1.1.9').state).toBe('failed');
    const older = story({ releases: ['v1.0.0', 'v1.2.0', 'v1.3.0'] });
    expect(explainWhy(older, NOW, 'v1.0.0').commands[0]).toBe('kubectl kuberik rollback my-app --to v1.0.0');
    const rej = explainWhy(
      story({
        rejected: ['v1.3.0'],
        pending: undefined,
        gateObjects: [gate('production-approval', { deniedVersions: ['v1.3.0'] }, 'Production approval')],
      }),
      NOW,
      'v1.3.0',
    );
    expect(rej.chain[0]).toContain('rejected on gate Production approval');
    const skipped = story({ pending: 'v1.4.0', releases: ['v1.2.0', 'v1.3.0', 'v1.4.0'] });
    expect(explainWhy(skipped, NOW, 'v1.3.0').state).toBe('skipped');
  });

  it('a rejected version names who denied it, when and why, from the gate record', () => {
    const denied = gate('production-approval', { deniedVersions: ['v1.3.0'] }, 'Production approval');
    denied.status = {
      decisions: [
        {
          verdict: 'Denied',
          version: 'v1.3.0',
          user: 'bob',
          time: '2026-12-03T08:00:00Z',
          message: 'breaks checkout',
        },
      ],
    };
    const rej = explainWhy(
      story({ rejected: ['v1.3.0'], pending: undefined, gateObjects: [denied] }),
      NOW,
      'v1.3.0',
    );
    expect(rej.chain[0]).toContain(
      'rejected on gate Production approval by bob at 2026-12-03T08:00:00Z (breaks checkout)',
    );
  });

  it('blames an unhealthy environment', () => {
    const approved = [
      {
        name: 'production-approval',
        kind: 'RolloutGate' as const,
        decision: 'Approved' as const,
        message: '',
      },
    ];
    const sick = story({
      phase: 'Blocked',
      gates: approved,
      health: [healthCheck('payments-slo', 'Unhealthy', 'error rate 4%')],
    });
    expect(explainWhy(sick, NOW).chain[0]).toContain('payments-slo: error rate 4%');
  });

  it('puts a missing driver first, before what the stale status says', () => {
    // The demo without a watch: the ImagePolicy published, but nothing discovered it into status.
    const undriven = story({ driving: false, pending: undefined, releases: [], history: [] });
    const a = explainWhy(undriven, NOW);
    expect(a.state).toBe('undriven');
    expect(a.chain[0]).toMatch(/^nothing drives my-app: no watch or controller holds its lease/);
    expect(a.chain.slice(1).join('\n')).toContain('The ImagePolicy has published no version yet.');
    expect(a.commands[0]).toBe('kubectl kuberik watch my-app');
    expect(renderWhy(a)).toContain('Start a driver first:\n  kubectl kuberik watch my-app');
    // With gates holding the version, the gate's approve command still follows the watch.
    const gated = explainWhy(story({ driving: false }), NOW);
    expect(gated.commands[0]).toBe('kubectl kuberik watch my-app');
    expect(gated.commands[1]).toContain('approve my-app v1.3.0');
    // Someone else driving is no cause at all.
    expect(explainWhy(story({ driving: false, holder: 'controller' }), NOW).state).toBe('gates');
  });

  it('names the Lease a driver takes, hashed when the rollout name is long', () => {
    const long = 'a'.repeat(250);
    const s = story({ driving: false });
    const snap = {
      ...s,
      key: { ...s.key, name: long },
      rollout: { ...s.rollout, metadata: { ...s.rollout.metadata, name: long } },
    };
    const chain = explainWhy(snap, NOW).chain[0];
    expect(chain).toContain(`holds its lease (${leaseName(long)})`);
    expect(leaseName(long)).not.toBe(`kuberik-rollout-${long}`);
  });

  it('says recovery mode and offers a rollback to the last good version', () => {
    const recovering = story({
      phase: 'Deploying',
      pending: undefined,
      conditions: [
        {
          type: 'BakeFailureDisabled',
          status: 'True',
          reason: 'PreviousBakeFailed',
          message: '',
          lastTransitionTime: ago(MIN),
        },
      ],
      history: [
        entry({ id: 14, tag: 'v1.3.1', timestamp: ago(6 * MIN), bakeStatus: 'Deploying' }),
        entry({
          id: 13,
          tag: 'v1.3.0',
          bakeStatus: 'Cancelled',
          bakeStartTime: ago(20 * MIN),
          bakeEndTime: ago(6 * MIN),
        }),
        entry({ id: 12, tag: 'v1.2.0', bakeStartTime: ago(2 * HOUR), bakeEndTime: ago(2 * HOUR - 15 * MIN) }),
      ],
    });
    const a = explainWhy(recovering, NOW, 'v1.3.1');
    expect(a.chain[1]).toBe(
      "Recovery mode: health failures won't fail this deploy; the bake of v1.3.0 was cancelled.",
    );
    expect(a.chain.join(' ')).not.toContain('failed');
    expect(a.commands).toEqual(['kubectl kuberik rollback my-app --to v1.2.0']);
  });

  it('says a live version is live', () => {
    const a = explainWhy(bakingStory(), NOW, 'v1.3.0');
    expect(a.state).toBe('live');
    expect(a.chain[0]).toBe(`v1.3.0 is live: deployed 9m ago, baking (7m12s of 15m).`);
    void ago;
  });
});

// Issue 11 point 7: why names the real cause, for every phase and condition reason the engine sets.
describe('why over every phase and condition reason', () => {
  const cond = (type: string, status: 'True' | 'False', reason: string, message: string) => ({
    type,
    status,
    reason,
    message,
    lastTransitionTime: ago(MIN),
  });
  const approved = [
    { name: 'production-approval', kind: 'RolloutGate' as const, decision: 'Approved' as const, message: '' },
  ];
  const healthy = [healthCheck('my-app-kustomization', 'Healthy')];
  const failedV13 = [entry({ id: 13, tag: 'v1.3.0', bakeStatus: 'Failed', bakeStatusMessage: 'slo down' })];
  const rows: Array<{
    name: string;
    snap: ReturnType<typeof story>;
    version?: string;
    state: string;
    says: string;
    never?: RegExp;
  }> = [
    {
      name: 'Blocked / Ready=InvalidSpec',
      snap: story({
        phase: 'Blocked',
        conditions: [cond('Ready', 'False', 'InvalidSpec', 'spec.bakeTime "soon" is not a duration')],
      }),
      state: 'invalid-spec',
      says: "the rollout's spec is invalid",
      never: /unhealthy|incident|awaits approval/,
    },
    {
      name: 'ReleasesUpdated=ImagePolicyNotFound, nothing discovered',
      snap: story({
        phase: 'Idle',
        pending: undefined,
        releases: [],
        history: [],
        conditions: [
          cond('ReleasesUpdated', 'False', 'ImagePolicyNotFound', 'ImagePolicy default/my-app not found'),
        ],
      }),
      state: 'no-releases',
      says: 'ImagePolicy default/my-app not found',
      never: /published no version yet/,
    },
    {
      name: 'ReleasesUpdated=InvalidTag with a live version',
      snap: story({
        phase: 'Succeeded',
        pending: undefined,
        conditions: [cond('ReleasesUpdated', 'False', 'InvalidTag', 'ImagePolicy reports "x y"')],
      }),
      state: 'live',
      says: 'releases cannot be read: ImagePolicy reports "x y"',
    },
    {
      name: 'Ready=NoReleasesAvailable',
      snap: story({
        phase: 'Idle',
        pending: undefined,
        releases: [],
        history: [],
        conditions: [cond('Ready', 'False', 'NoReleasesAvailable', 'No releases available')],
      }),
      state: 'unknown-version',
      says: 'The ImagePolicy has published no version yet.',
    },
    {
      name: 'Failed / Ready=BakeTimeFailed with nothing newer',
      snap: story({
        phase: 'Failed',
        pending: undefined,
        history: failedV13,
        conditions: [cond('Ready', 'False', 'BakeTimeFailed', 'slo down')],
      }),
      state: 'failed',
      says: 'v1.3.0 failed its bake (slo down)',
      never: /no newer version is waiting/,
    },
    {
      name: 'Rejected / GatesPassing=VersionRejected',
      snap: story({
        phase: 'Rejected',
        pending: undefined,
        rejected: ['v1.3.0'],
        conditions: [cond('GatesPassing', 'False', 'VersionRejected', 'v1.3.0 was rejected')],
      }),
      state: 'rejected',
      says: 'v1.3.0, the newest release, was rejected',
      never: /no newer version is waiting/,
    },
    {
      name: 'Blocked / Ready=RolloutFailed (no deploy target), environment healthy',
      snap: story({
        phase: 'Blocked',
        gates: approved,
        health: healthy,
        conditions: [cond('Ready', 'False', 'RolloutFailed', 'No Kustomization is annotated')],
      }),
      state: 'cannot-deploy',
      says: 'v1.3.0 cannot be deployed: No Kustomization is annotated',
      never: /unhealthy|incident/,
    },
    {
      name: 'Blocked / DeploymentBlocked=UnhealthyHealthChecks',
      snap: story({
        phase: 'Blocked',
        gates: approved,
        health: [healthCheck('payments-slo', 'Unhealthy', 'error rate 4%')],
        conditions: [cond('DeploymentBlocked', 'True', 'UnhealthyHealthChecks', 'payments-slo')],
      }),
      state: 'unhealthy',
      says: 'the environment is unhealthy (payments-slo: error rate 4%)',
    },
    {
      name: 'WaitingForGates / a closed gate (passing: false)',
      snap: story({ gateObjects: [gate('production-approval', { passing: false }, 'Production approval')] }),
      state: 'gates',
      says: 'gate Production approval is closed (spec.passing: false); an approval cannot open it',
      never: /awaits approval|kuberik approve/,
    },
    {
      name: 'WaitingForGates / GatesPassing=SomeGatesBlocking',
      snap: story({ conditions: [cond('GatesPassing', 'False', 'SomeGatesBlocking', 'Some gates')] }),
      state: 'gates',
      says: 'gate Production approval awaits approval of v1.3.0',
    },
    {
      name: 'Deploying',
      snap: story({
        phase: 'Deploying',
        pending: 'v1.4.0',
        releases: ['v1.3.0', 'v1.4.0'],
        history: [entry({ id: 13, tag: 'v1.3.0', bakeStatus: 'Deploying', timestamp: ago(MIN) })],
      }),
      state: 'waiting-for-bake',
      says: 'v1.4.0 waits for v1.3.0 to finish its deploy',
    },
    {
      name: 'Succeeded with nothing pending',
      snap: story({ phase: 'Succeeded', pending: undefined }),
      state: 'live',
      says: 'v1.2.0 is live and no newer version is waiting',
    },
    {
      name: 'Idle, gates open, nobody driving',
      snap: story({ gates: approved, health: healthy, driving: false }),
      state: 'undriven',
      says: 'nothing drives my-app: no watch or controller holds its lease',
    },
  ];
  it.each(rows)('$name → $state', (row) => {
    const a = explainWhy(row.snap, NOW, row.version);
    const text = renderWhy(a);
    expect(a.state).toBe(row.state);
    expect(text).toContain(row.says);
    if (row.never) expect(text).not.toMatch(row.never);
  });

  it('drops a deploy suggestion the engine would refuse, and says why', () => {
    const a = withoutRefusedDeploy(
      explainWhy(story(), NOW),
      'Force deploy of v1.3.0 refused: No Kustomization is annotated x; then request the deploy again',
    );
    expect(a.commands).toEqual(['kubectl kuberik approve my-app v1.3.0 --gate production-approval']);
    expect(a.chain.at(-1)).toBe(
      'A deploy of v1.3.0 now would be refused: No Kustomization is annotated x; then request the deploy again.',
    );
  });
});
