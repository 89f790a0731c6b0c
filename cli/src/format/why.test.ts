import type { RolloutGate } from '@kuberik/core/model';
import { describe, expect, it } from 'vitest';
import { bakingStory, entry, gate, healthCheck, HOUR, MIN, ago, NOW, story } from '../testing/fixtures.js';
import { explainWhy, gateDecisionFor, renderWhy } from './why.js';

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
    expect(a.chain[1]).toContain('schedule Business hours is closed (opens in 3h 12m)');
    expect(a.commands).toEqual(['kubectl kuberik deploy my-app v1.3.0']);
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
      'waits for v1.3.0 to finish its bake (7m 48s of bake remaining)',
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

  it('blames an unhealthy environment, then a missing driver', () => {
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
    const undriven = story({ gates: approved, driving: false });
    const a = explainWhy(undriven, NOW);
    expect(a.state).toBe('undriven');
    expect(a.commands).toEqual(['kubectl kuberik watch my-app']);
  });

  it('says a live version is live', () => {
    const a = explainWhy(bakingStory(), NOW, 'v1.3.0');
    expect(a.state).toBe('live');
    expect(a.chain[0]).toBe(`v1.3.0 is live: deployed 9m ago, baking (7m 12s of 15m).`);
    void ago;
  });
});
