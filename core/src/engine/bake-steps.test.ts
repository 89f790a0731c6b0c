// The bake state machine step by step (advanceBake, exported): boundaries of the error cutoff and
// the deploy deadline, what a failure lists, and when the driver is woken again.
import { describe, expect, it } from 'vitest';
import type { DeploymentHistoryEntry, HealthCheckStatus } from '../model/index.js';
import { advanceBake, BakeMessages, errorCutoff, HEALTH_SAFETY_NET_MS, type BakeContext } from './bake.js';
import { healthCheck } from './test-support/fixtures.js';

const T0 = Date.parse('2026-11-27T10:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const iso = (seconds: number) => at(seconds).toISOString().replace('.000Z', 'Z');

const entry = (e: Partial<DeploymentHistoryEntry> = {}): DeploymentHistoryEntry => ({
  id: 2,
  version: { tag: 'v2' },
  timestamp: iso(0),
  bakeStatus: 'Deploying',
  bakeStatusMessage: BakeMessages.waiting,
  ...e,
});
const checks = (...statuses: (HealthCheckStatus | undefined)[]) =>
  statuses.map((status, i) => healthCheck(`hc${i}`, { class: 'external', ...(status ? { status } : {}) }));
const ctx = (c: Partial<BakeContext>): BakeContext => ({
  healthChecks: [],
  recovery: false,
  now: at(60),
  ...c,
});
const healthy = (s: number): HealthCheckStatus => ({ status: 'Healthy', lastChangeTime: iso(s) });

describe('errorCutoff', () => {
  it('is the later of deploy and retry time, ignoring what is not a timestamp', () => {
    expect(errorCutoff(entry())).toBe(T0);
    expect(errorCutoff(entry({ lastRetryTimestamp: iso(30) }))).toBe(T0 + 30_000);
    expect(errorCutoff(entry({ timestamp: iso(30), lastRetryTimestamp: iso(10) }))).toBe(T0 + 30_000);
    expect(errorCutoff(entry({ timestamp: 'soon' }))).toBe(0);
  });
});

describe('Deploying', () => {
  it('fails on an error reported at the deploy instant, listing the check and its message', () => {
    const step = advanceBake(
      entry(),
      ctx({
        healthChecks: checks({ ...healthy(5), lastErrorTime: iso(0), message: 'HTTP 500' }, healthy(5)),
      }),
    );
    expect(step.entry).toMatchObject({
      bakeStatus: 'Failed',
      bakeStatusMessage: BakeMessages.errorBeforeBake,
      bakeEndTime: iso(60),
      failedHealthChecks: [{ name: 'hc0', namespace: 'prod', message: 'HTTP 500' }],
    });
    expect(step.events).toEqual([
      { type: 'Warning', reason: 'Failed', message: `Bake of v2 failed: ${BakeMessages.errorBeforeBake}` },
    ]);
    expect(step.wakeAt).toBeUndefined();
  });

  it('ignores an error from a second before the deploy, and an Unhealthy check only waits', () => {
    const step = advanceBake(
      entry(),
      ctx({ healthChecks: checks({ status: 'Unhealthy', lastErrorTime: iso(-1), lastChangeTime: iso(5) }) }),
    );
    expect(step.entry.bakeStatus).toBe('Deploying');
    expect(step.events).toEqual([]);
    expect(step.wakeAt).toBe(T0 + 60_000 + HEALTH_SAFETY_NET_MS);
  });

  it('says why each check is not ready yet, and fails with that list at the deadline', () => {
    const hcs = checks(
      { status: 'Unhealthy', message: 'pods crashing' },
      { status: 'Pending' },
      undefined,
      { status: 'Healthy' },
      healthy(-1),
      healthy(0),
    );
    const waiting = advanceBake(entry(), ctx({ healthChecks: hcs, deployTimeoutMs: 300_000, now: at(299) }));
    expect(waiting.entry.bakeStatus).toBe('Deploying');
    expect(waiting.wakeAt).toBe(T0 + 300_000);
    const late = advanceBake(entry(), ctx({ healthChecks: hcs, deployTimeoutMs: 300_000, now: at(300) }));
    expect(late.entry).toMatchObject({ bakeStatus: 'Failed', bakeStatusMessage: BakeMessages.timeout });
    expect(late.entry.failedHealthChecks).toEqual([
      { name: 'hc0', namespace: 'prod', message: 'pods crashing' },
      { name: 'hc1', namespace: 'prod', message: 'Status: Pending' },
      { name: 'hc2', namespace: 'prod', message: 'Status: unknown' },
      { name: 'hc3', namespace: 'prod', message: 'LastChangeTime is not set' },
      {
        name: 'hc4',
        namespace: 'prod',
        message: `LastChangeTime (${iso(-1)}) is not newer than deployment time`,
      },
    ]);
  });

  it('wakes at the deadline when it comes before the safety net, and not at all without checks or deadline', () => {
    const hcs = checks({ status: 'Pending' });
    expect(advanceBake(entry(), ctx({ healthChecks: hcs, deployTimeoutMs: 70_000 })).wakeAt).toBe(
      T0 + 70_000,
    );
    expect(advanceBake(entry(), ctx({ healthChecks: hcs, deployTimeoutMs: 700_000 })).wakeAt).toBe(
      T0 + 60_000 + HEALTH_SAFETY_NET_MS,
    );
    // Nothing to wait for and no bake time: done at once, whatever the deadline.
    const noChecks = advanceBake(entry(), ctx({ healthChecks: [], deployTimeoutMs: 30_000 }));
    expect(noChecks.entry).toMatchObject({
      bakeStatus: 'Succeeded',
      bakeStatusMessage: BakeMessages.passedNoBakeTime,
    });
    expect(noChecks.wakeAt).toBeUndefined();
  });

  it('starts the bake when health turned good exactly at the deadline, even noticed later', () => {
    const step = advanceBake(
      entry(),
      ctx({
        healthChecks: checks(healthy(300), healthy(10)),
        deployTimeoutMs: 300_000,
        bakeTimeMs: 600_000,
        now: at(400),
      }),
    );
    expect(step.entry).toMatchObject({
      bakeStatus: 'InProgress',
      bakeStatusMessage: BakeMessages.started,
      bakeStartTime: iso(400),
    });
    expect(step.entry.bakeEndTime).toBeUndefined();
    expect(step.events).toEqual([{ type: 'Normal', reason: 'BakeStarted', message: 'Bake of v2 started' }]);
    const tooLate = advanceBake(
      entry(),
      ctx({ healthChecks: checks(healthy(301)), deployTimeoutMs: 300_000, now: at(400) }),
    );
    expect(tooLate.entry.bakeStatus).toBe('Failed');
    expect(tooLate.entry.failedHealthChecks).toBeUndefined();
  });

  it('in recovery mode lists errors on the entry, ignores the deadline, and keeps waiting', () => {
    const hcs = checks({ status: 'Unhealthy', lastErrorTime: iso(10), message: 'down' });
    const step = advanceBake(entry(), ctx({ healthChecks: hcs, deployTimeoutMs: 30_000, recovery: true }));
    expect(step.entry).toMatchObject({
      bakeStatus: 'Deploying',
      failedHealthChecks: [{ name: 'hc0', namespace: 'prod', message: 'down' }],
    });
    expect(step.wakeAt).toBe(T0 + 60_000 + HEALTH_SAFETY_NET_MS);
    const cleared = advanceBake(
      { ...step.entry },
      ctx({ healthChecks: checks({ status: 'Pending' }), recovery: true }),
    );
    expect(cleared.entry.failedHealthChecks).toBeUndefined();
  });
});

describe('InProgress', () => {
  const baking = (e: Partial<DeploymentHistoryEntry> = {}) =>
    entry({
      bakeStatus: 'InProgress',
      bakeStatusMessage: BakeMessages.started,
      bakeStartTime: iso(10),
      ...e,
    });

  it('succeeds exactly when bakeTime has passed since the bake started', () => {
    const before = advanceBake(baking(), ctx({ bakeTimeMs: 50_000, now: at(59) }));
    expect(before.entry.bakeStatus).toBe('InProgress');
    expect(before.wakeAt).toBe(T0 + 60_000);
    const done = advanceBake(baking(), ctx({ bakeTimeMs: 50_000, now: at(60) }));
    expect(done.entry).toMatchObject({
      bakeStatus: 'Succeeded',
      bakeStatusMessage: BakeMessages.passed,
      bakeEndTime: iso(60),
    });
    expect(done.events).toEqual([
      { type: 'Normal', reason: 'Succeeded', message: `Bake of v2 succeeded: ${BakeMessages.passed}` },
    ]);
    expect(done.wakeAt).toBeUndefined();
  });

  it('wakes at the sooner of the bake end and the health safety net when checks are selected', () => {
    const hcs = checks(healthy(5));
    expect(advanceBake(baking(), ctx({ healthChecks: hcs, bakeTimeMs: 600_000 })).wakeAt).toBe(
      T0 + 60_000 + HEALTH_SAFETY_NET_MS,
    );
    expect(advanceBake(baking(), ctx({ healthChecks: hcs, bakeTimeMs: 60_000 })).wakeAt).toBe(T0 + 70_000);
  });

  it('restarts the clock from now when the start time is missing or garbled', () => {
    const step = advanceBake(baking({ bakeStartTime: 'earlier' }), ctx({ bakeTimeMs: 60_000 }));
    expect(step.entry).toMatchObject({ bakeStatus: 'InProgress', bakeStartTime: iso(60) });
    expect(step.wakeAt).toBe(T0 + 120_000);
  });

  it('fails on an Unhealthy check even without a new error, and on an error at the cutoff', () => {
    const unhealthy = advanceBake(
      baking(),
      ctx({ healthChecks: checks({ status: 'Unhealthy' }), bakeTimeMs: 600_000 }),
    );
    expect(unhealthy.entry).toMatchObject({
      bakeStatus: 'Failed',
      bakeStatusMessage: BakeMessages.errorDuringBake,
      failedHealthChecks: [{ name: 'hc0', namespace: 'prod' }],
    });
    expect(unhealthy.entry.failedHealthChecks?.[0]).not.toHaveProperty('message');
    const atCutoff = advanceBake(
      baking({ lastRetryTimestamp: iso(20) }),
      ctx({ healthChecks: checks({ ...healthy(30), lastErrorTime: iso(20) }), bakeTimeMs: 600_000 }),
    );
    expect(atCutoff.entry.bakeStatus).toBe('Failed');
    const beforeRetry = advanceBake(
      baking({ lastRetryTimestamp: iso(20) }),
      ctx({ healthChecks: checks({ ...healthy(30), lastErrorTime: iso(19) }), bakeTimeMs: 600_000 }),
    );
    expect(beforeRetry.entry.bakeStatus).toBe('InProgress');
  });

  it('in recovery mode shows the failures and still succeeds on time', () => {
    const step = advanceBake(
      baking({ failedHealthChecks: [{ name: 'old', namespace: 'prod' }] }),
      ctx({
        healthChecks: checks({ status: 'Unhealthy', message: 'down' }),
        bakeTimeMs: 50_000,
        recovery: true,
      }),
    );
    expect(step.entry).toMatchObject({
      bakeStatus: 'Succeeded',
      failedHealthChecks: [{ name: 'hc0', namespace: 'prod', message: 'down' }],
    });
  });

  it('a failure replaces failed checks listed earlier', () => {
    const failed = advanceBake(
      baking({ failedHealthChecks: [{ name: 'old', namespace: 'prod' }] }),
      ctx({ healthChecks: checks({ status: 'Unhealthy' }), bakeTimeMs: 50_000 }),
    );
    expect(failed.entry.failedHealthChecks).toEqual([{ name: 'hc0', namespace: 'prod' }]);
  });
});
