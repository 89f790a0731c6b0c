// whatBlocks: the one "what holds this version" every UI shows (the `why` chain, the TUI header,
// the extension's row and tooltip). One table over the spec's lifecycle order (§3).
import { describe, expect, it } from 'vitest';
import type { RolloutGate, RolloutGateSummary, RolloutStatus } from '../model/index.js';
import { rollout } from '../engine/test-support/fixtures.js';
import type { SnapshotLike } from './snapshot.js';
import { describeRollout, explainWhy, whatBlocks, whyOneLine } from './index.js';

const NOW = new Date('2026-01-01T12:00:00Z');
const approval = (decision: RolloutGateSummary['decision']): RolloutGateSummary => ({
  name: 'qa',
  kind: 'RolloutGate',
  decision,
  message: decision,
});
const closedGate: RolloutGate = {
  apiVersion: 'kuberik.com/v1alpha1',
  kind: 'RolloutGate',
  metadata: { name: 'qa', namespace: 'prod' },
  spec: { rolloutRef: { name: 'app' }, passing: false },
};

function snap(status: RolloutStatus, o: { gates?: RolloutGate[]; holder?: string } = {}): SnapshotLike {
  return {
    key: { namespace: 'prod', name: 'app' },
    rollout: rollout(
      { bakeTime: '10m' },
      {
        status: {
          currentVersion: 'v1',
          pendingVersion: 'v2',
          availableReleases: [{ tag: 'v1' }, { tag: 'v2' }],
          ...status,
        },
      },
    ),
    gates: o.gates ?? [],
    healthChecks: [],
    lease: { driving: false, holder: 'holder' in o ? o.holder : 'kuberik-controller' },
  };
}

const ok = {
  id: 1,
  version: { tag: 'v1' },
  timestamp: '2026-01-01T10:00:00Z',
  bakeStatus: 'Succeeded',
} as const;

describe('whatBlocks', () => {
  it.each<[string, SnapshotLike, string]>([
    [
      'an approval pending',
      snap({ phase: 'WaitingForGates', gates: [approval('Pending')] }),
      'awaiting approval',
    ],
    // A gate closed by passing: false is not "awaiting approval" (issue 11 point 6).
    [
      'a closed gate',
      snap({ phase: 'WaitingForGates', gates: [approval('Pending')] }, { gates: [closedGate] }),
      'waiting for gates',
    ],
    [
      'a schedule',
      snap({ phase: 'WaitingForGates', gates: [{ ...approval('Pending'), kind: 'RolloutSchedule' }] }),
      'waiting for gates',
    ],
    [
      'the live bake',
      snap({
        phase: 'Baking',
        history: [{ ...ok, bakeStatus: 'InProgress', bakeStartTime: '2026-01-01T11:55:00Z' }],
      }),
      'waiting for the current bake',
    ],
    [
      'a failed bake',
      snap({ phase: 'Blocked', history: [{ ...ok, bakeStatus: 'Failed' }] }),
      'blocked by a failed bake',
    ],
    [
      'an invalid spec',
      snap({
        phase: 'Blocked',
        conditions: [
          {
            type: 'Ready',
            status: 'False',
            reason: 'InvalidSpec',
            message: 'spec.bakeTime "1d" is not a duration',
            lastTransitionTime: '2026-01-01T11:00:00Z',
          },
        ],
      }),
      'blocked: invalid spec',
    ],
    ['nothing', snap({ phase: 'Idle', history: [ok] }), 'deploys next'],
    ['a version never published', snap({ availableReleases: [{ tag: 'v1' }] }), 'not published'],
  ])('%s: %s', (_, s, short) => {
    expect(whatBlocks(s, NOW).short).toBe(short);
    // The TUI header (describeRollout) says the same as `why` and the extension.
    expect(describeRollout(s, NOW).pendingReason).toBe(short);
  });

  it('names the recorded cause even when nothing drives the rollout; explainWhy puts the driver first', () => {
    const s = snap({ phase: 'WaitingForGates', gates: [approval('Pending')] }, { holder: undefined });
    expect(whatBlocks(s, NOW).short).toBe('awaiting approval');
    expect(whyOneLine(whatBlocks(s, NOW))).toBe('v2 is waiting for gates: gate qa awaits approval of v2.');
    expect(explainWhy(s, NOW).state).toBe('undriven');
    expect(explainWhy(s, NOW).recorded).toBe('gates');
  });

  it('gives no pending reason without a pending version', () => {
    expect(
      describeRollout(snap({ pendingVersion: undefined, history: [ok] }), NOW).pendingReason,
    ).toBeUndefined();
  });
});
