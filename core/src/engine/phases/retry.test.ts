// Retry: a Failed history[0] bakes again; anything else is refused, and the request is consumed.
import { describe, expect, it } from 'vitest';
import type { DeploymentHistoryEntry } from '../../model/index.js';
import { getCondition } from '../conditions.js';
import { observed, rollout } from '../test-support/fixtures.js';
import { before, frozen } from '../test-support/phases.js';
import { retry } from './retry.js';

const now = new Date('2026-11-27T10:00:00Z');
const RETRY = { 'rollout.kuberik.com/retry': 'now' };
const failed: DeploymentHistoryEntry = {
  id: 1,
  version: { tag: 'v1' },
  timestamp: '2026-11-27T09:00:00Z',
  bakeStatus: 'Failed',
  bakeStartTime: '2026-11-27T09:01:00Z',
  bakeEndTime: '2026-11-27T09:05:00Z',
  failedHealthChecks: [{ name: 'ext', namespace: 'prod' }],
};
const refusedBefore = {
  type: 'ManualRequest',
  status: 'False' as const,
  reason: 'RetryRefused',
  message: 'x',
  lastTransitionTime: '2026-11-27T09:00:00Z',
};

describe('retry phase', () => {
  it('puts a Failed history[0] back to Deploying, with its bake reset, and consumes the request', () => {
    const r = rollout({}, { status: { history: [failed], conditions: [refusedBefore] }, annotations: RETRY });
    const { ctx, state } = before(retry, observed({ rollout: r }), now);
    const out = retry(ctx, frozen(state));
    const h0 = out.history[0];
    expect(h0).toMatchObject({ bakeStatus: 'Deploying', lastRetryTimestamp: '2026-11-27T10:00:00Z' });
    expect(h0).not.toHaveProperty('bakeStartTime');
    expect(h0).not.toHaveProperty('bakeEndTime');
    expect(h0).not.toHaveProperty('failedHealthChecks');
    expect(out.clearAnnotations).toEqual(['rollout.kuberik.com/retry']);
    expect(out.events.map((e) => e.reason)).toEqual(['RetryRequested']);
    expect(getCondition(out.conditions, 'ManualRequest')).toMatchObject({
      status: 'True',
      reason: 'Accepted',
    });
  });

  it('refuses a retry of a version that has not failed, with a Warning and ManualRequest=False', () => {
    const r = rollout(
      {},
      { status: { history: [{ ...failed, bakeStatus: 'Succeeded' }] }, annotations: RETRY },
    );
    const { ctx, state } = before(retry, observed({ rollout: r }), now);
    const out = retry(ctx, frozen(state));
    expect(out.history).toEqual(state.history);
    expect(out.clearAnnotations).toEqual(['rollout.kuberik.com/retry']);
    expect(out.events).toEqual([
      { type: 'Warning', reason: 'RetryRefused', message: 'Retry refused: v1 is Succeeded, not Failed' },
    ]);
    expect(getCondition(out.conditions, 'ManualRequest')).toMatchObject({
      status: 'False',
      reason: 'RetryRefused',
    });
  });

  it('does nothing without the annotation', () => {
    const { ctx, state } = before(
      retry,
      observed({ rollout: rollout({}, { status: { history: [failed] } }) }),
      now,
    );
    expect(retry(ctx, state)).toBe(state);
  });
});
