import { describe, expect, it } from 'vitest';
import type { DeploymentHistoryEntry } from '../model/index.js';
import { rollout } from '../engine/test-support/fixtures.js';
import {
  bakeDurationMs,
  bakeProgress,
  driverView,
  entryBakeView,
  formatCountdown,
  formatDuration,
  gateDecisionWord,
  noDriverHint,
  parseFlagDuration,
  parseSpecDuration,
  recoveryView,
  relativeTime,
  rollbackTarget,
} from './index.js';

const T0 = Date.parse('2026-01-01T10:00:00Z');
const at = (ms: number) => new Date(T0 + ms);
const iso = (ms: number) => at(ms).toISOString();

const entry = (id: number, tag: string, e: Partial<DeploymentHistoryEntry>): DeploymentHistoryEntry => ({
  id,
  version: { tag },
  timestamp: iso(0),
  ...e,
});

describe('durations', () => {
  it.each([
    [0, '0s'],
    [45_000, '45s'],
    [566_000, '9m26s'],
    [8_640_000, '2h24m'],
    [273_600_000, '3d4h'],
    [3_600_000, '1h'],
  ])('%d ms prints kubectl-style as %s', (v, want) => expect(formatDuration(v)).toBe(want));

  it.each([
    ['90s', 90_000],
    [' 1h30m ', 5_400_000],
    ['0.5h', 1_800_000],
    ['250ms', 250],
    ['0', 0],
    ['-5m', undefined],
    ['2 minutes', undefined],
    ['1d', undefined],
    [`${'9'.repeat(400)}h`, undefined],
    [undefined, undefined],
  ])('a flag %j reads as %j ms (Go form, never negative)', (text, want) =>
    expect(parseFlagDuration(text)).toBe(want),
  );

  it.each([
    [0, 'just now'],
    [-999, 'just now'],
    [130_000, '2m10s ago'],
    [-3_900_000, 'in 1h5m'],
  ])('%d ms before now is %s', (ago, want) => expect(relativeTime(iso(0), at(ago))).toBe(want));

  it('relativeTime and a countdown', () => {
    expect(relativeTime('not a date', at(0))).toBeUndefined();
    expect(formatCountdown(245_000)).toBe('4:05');
    expect(formatCountdown(244_001)).toBe('4:05');
    expect(formatCountdown(3_723_000)).toBe('1:02:03');
    expect(formatCountdown(-5)).toBe('0:00');
  });

  it('reads spec durations the way the controller does (Go), so 1d is no duration', () => {
    expect(parseSpecDuration('1h30m')).toBe(5_400_000);
    expect(parseSpecDuration('1d')).toBeUndefined();
  });
});

describe('bakeProgress', () => {
  it('elapsed and remaining add up to the bake time at every sub-second instant', () => {
    for (const ms of [0, 400, 999, 1_001, 61_500, 299_999]) {
      const p = bakeProgress(iso(0), '5m', at(ms));
      expect(p.elapsedMs + p.remainingMs!).toBe(300_000);
    }
  });

  it('stops at the bake time and has no remaining without a bake time', () => {
    expect(bakeProgress(iso(0), '1m', at(90_000))).toMatchObject({ elapsedMs: 60_000, remainingMs: 0 });
    expect(bakeProgress(iso(0), undefined, at(90_500))).toEqual({ elapsedMs: 90_000, totalMs: undefined });
  });
});

describe('entryBakeView (the bake every UI draws)', () => {
  const baking = entry(3, 'v3', { bakeStatus: 'InProgress', timestamp: iso(0), bakeStartTime: iso(10_000) });
  const now = at(100_500); // 90.5 s into the bake

  it.each([
    // bakeTime, elapsed, total, remaining, fraction, invalid
    ['90s', 90_000, 90_000, 0, 1, undefined],
    ['1h30m', 90_000, 5_400_000, 5_310_000, 90_500 / 5_400_000, undefined],
    ['1d', 90_000, undefined, undefined, undefined, '1d'],
    ['soon', 90_000, undefined, undefined, undefined, 'soon'],
    [undefined, 90_000, undefined, undefined, undefined, undefined],
  ])(
    'bakeTime %j: elapsed %d of %j, remaining %j',
    (bakeTime, elapsed, total, remaining, fraction, invalid) => {
      const v = entryBakeView(baking, { bakeTime }, now);
      expect(v.state).toBe('baking');
      expect(v.elapsedMs).toBe(elapsed);
      expect(v.totalMs).toBe(total);
      expect(v.remainingMs).toBe(remaining);
      expect(v.fraction).toBe(fraction);
      expect(v.invalidBakeTime).toBe(invalid);
    },
  );

  it('counts the deploy timeout while deploying, and the share of an ended bake', () => {
    const deploying = entry(3, 'v3', { bakeStatus: 'Deploying', timestamp: iso(0) });
    expect(entryBakeView(deploying, { bakeTime: '5m', deployTimeout: '10m' }, at(30_400))).toMatchObject({
      state: 'deploying',
      elapsedMs: 30_000,
      totalMs: 300_000,
      deployTimeoutMs: 600_000,
      deployRemainingMs: 570_000,
    });
    const failed = entry(2, 'v2', {
      bakeStatus: 'Failed',
      bakeStartTime: iso(0),
      bakeEndTime: iso(60_000),
    });
    expect(entryBakeView(failed, { bakeTime: '4m' }, at(999_000))).toMatchObject({
      state: 'failed',
      elapsedMs: 60_000,
      fraction: 0.25,
    });
    const done = entry(1, 'v1', { bakeStatus: 'Succeeded' });
    expect(entryBakeView(done, { bakeTime: '4m' }, at(0))).toMatchObject({ state: 'succeeded', fraction: 1 });
    expect(entryBakeView(undefined, { bakeTime: '1d' }, at(0))).toEqual({
      state: 'none',
      elapsedMs: 0,
      invalidBakeTime: '1d',
    });
  });
});

describe('bakeDurationMs (DURATION everywhere)', () => {
  it('is start→end of the bake, start→now while baking, none before the bake starts', () => {
    const done = entry(2, 'v2', {
      bakeStatus: 'Succeeded',
      bakeStartTime: iso(10_000),
      bakeEndTime: iso(310_000),
    });
    expect(bakeDurationMs(done, at(999_999))).toBe(300_000);
    const baking = entry(3, 'v3', { bakeStatus: 'InProgress', bakeStartTime: iso(10_000) });
    expect(bakeDurationMs(baking, at(70_500))).toBe(60_000);
    expect(bakeDurationMs(entry(4, 'v4', { bakeStatus: 'Deploying' }), at(1))).toBeUndefined();
  });
});

describe('driverView', () => {
  it('names who drives, or says nothing does', () => {
    expect(driverView({ driving: true, holder: 'me' }).kind).toBe('self');
    expect(driverView({ driving: false, holder: 'kuberik-controller' })).toMatchObject({
      kind: 'other',
      label: 'kuberik-controller',
    });
    expect(driverView({ driving: false }).kind).toBe('none');
    // One wording in every UI; only the name the UI gives itself differs.
    expect(driverView({ driving: true, holder: 'me' }).text).toBe('driven by this watch');
    expect(driverView({ driving: true, holder: 'me' }, 'this window').text).toBe('driven by this window');
    expect(driverView({ driving: false, holder: 'bob@ci 7' }).text).toBe('driven by bob@ci 7');
    expect(driverView({ driving: false }).text).toBe('nothing drives it');
    expect(noDriverHint('my-app')).toBe(
      'nothing drives my-app: run `kubectl kuberik watch my-app` or install the controller',
    );
    expect(noDriverHint('my-app', 'shop')).toContain('`kubectl kuberik watch my-app -n shop`');
  });
});

describe('recoveryView', () => {
  const recovering = (before: DeploymentHistoryEntry['bakeStatus'], reason = 'PreviousBakeFailed') =>
    rollout(
      {},
      {
        status: {
          conditions: [
            {
              type: 'BakeFailureDisabled',
              status: 'True',
              reason,
              message: 'Previous deployment failed. Health check failures will not fail this deployment.',
              lastTransitionTime: iso(0),
            },
          ],
          history: [
            entry(3, 'v3', { bakeStatus: 'Deploying' }),
            entry(2, 'v2', { bakeStatus: before }),
            entry(1, 'v1', { bakeStatus: 'Succeeded' }),
          ],
        },
      },
    );

  it('says recovery mode, names a failed bake, and offers the last good version', () => {
    expect(recoveryView(recovering('Failed'))).toEqual({
      text: "recovery mode: health failures won't fail this deploy; the bake of v2 failed",
      cause: 'failed',
      rollbackTo: 'v1',
    });
  });

  it('never says "failed" of a cancelled bake', () => {
    const v = recoveryView(recovering('Cancelled'))!;
    expect(v.text).toBe(
      "recovery mode: health failures won't fail this deploy; the bake of v2 was cancelled",
    );
    expect(v.text).not.toMatch(/fail(ed)?\b(?! this)/);
  });

  it('explains a deploy onto an incident, and is gone once the bake ends', () => {
    expect(recoveryView(recovering('Succeeded', 'DeployedWithUnhealthyHealthChecks'))?.text).toContain(
      'deployed during an active incident',
    );
    const ended = recovering('Failed');
    ended.status!.history![0]!.bakeStatus = 'Succeeded';
    expect(recoveryView(ended)).toBeUndefined();
  });
});

describe('gateDecisionWord (every UI)', () => {
  it.each([
    [{ kind: 'RolloutGate', decision: 'Pending' }, 'awaiting approval'],
    [{ kind: 'RolloutGate', decision: 'Pending', closed: true }, 'closed'],
    [{ kind: 'RolloutGate', decision: 'Approved', by: 'alice' }, 'approved by alice'],
    [{ kind: 'RolloutGate', decision: 'Denied', closed: true }, 'denied'],
    [{ kind: 'RolloutSchedule', decision: 'Pending' }, 'closed'],
    [{ kind: 'ClusterRolloutSchedule', decision: 'Approved' }, 'open'],
  ] as const)('%j reads %s', (g, want) => expect(gateDecisionWord(g)).toBe(want));
});

describe('rollbackTarget (what `rollback` pins without --to)', () => {
  const h = (id: number, tag: string, bakeStatus: DeploymentHistoryEntry['bakeStatus']) =>
    entry(id, tag, { bakeStatus });
  it.each([
    ['the previous good one', 'v3', [h(3, 'v3', 'Succeeded'), h(2, 'v2', 'Succeeded')], 'v2'],
    [
      'skipping failed and cancelled',
      'v3',
      [h(3, 'v3', 'InProgress'), h(2, 'v2', 'Failed'), h(1, 'v1', 'Succeeded')],
      'v1',
    ],
    ['never the current version again', 'v2', [h(3, 'v2', 'Succeeded'), h(2, 'v2', 'Succeeded')], undefined],
    ['none without history', 'v1', [], undefined],
  ])('%s', (_, current, history, want) => {
    expect(rollbackTarget(rollout({}, { status: { currentVersion: current, history } }))).toBe(want);
  });
});
