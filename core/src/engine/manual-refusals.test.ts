// Manual requests do not linger (spec §10.10): the refusal a user reads for a force-deploy or a retry
// that cannot take effect, and the annotations removed with it.
import { describe, expect, it } from 'vitest';
import type { DeploymentHistoryEntry } from '../model/index.js';
import { forceDeployRefusal, refusalOutcome, retryRefusal } from './requests.js';

const FORCE = [
  'rollout.kuberik.com/force-deploy',
  'rollout.kuberik.com/deploy-message',
  'rollout.kuberik.com/deploy-user',
];
const known = ['v1', 'v2', 'v3', 'v4', 'v5', 'v6'];

describe('forceDeployRefusal', () => {
  it('refuses, in order: invalid spec, pin, unknown tag, no target', () => {
    expect(
      forceDeployRefusal('v9', { specProblems: ['a', 'b'], pin: 'v1', known: [], targetProblem: 'x' }),
    ).toEqual({
      reason: 'ForceDeployRefused',
      message:
        'Force deploy of v9 refused: the spec is invalid (a; b); fix it, then request the deploy again',
      clear: FORCE,
    });
    expect(
      forceDeployRefusal('v9', { specProblems: [], pin: 'v1', known: [], targetProblem: 'x' })?.message,
    ).toBe(
      'Force deploy of v9 refused: the rollout is pinned to v1 by spec.wantedVersion; unpin it first, or pin v9',
    );
    expect(forceDeployRefusal('v9', { specProblems: [], known, targetProblem: 'x' })?.message).toBe(
      'Force deploy of v9 refused: it is not in available releases (newest: v6, v5, v4, v3, v2); request one of them',
    );
    expect(forceDeployRefusal('v9', { specProblems: [], known: [] })?.message).toBe(
      'Force deploy of v9 refused: it is not in available releases (none discovered yet); request one of them',
    );
    expect(
      forceDeployRefusal('v2', { specProblems: [], known, targetProblem: 'No Kustomization is annotated' }),
    ).toEqual({
      reason: 'ForceDeployRefused',
      message: 'Force deploy of v2 refused: No Kustomization is annotated; then request the deploy again',
      clear: FORCE,
    });
  });

  it('accepts a known tag with a target', () => {
    expect(forceDeployRefusal('v1', { specProblems: [], known })).toBeUndefined();
  });
});

describe('retryRefusal', () => {
  const h0 = (bakeStatus?: DeploymentHistoryEntry['bakeStatus']): DeploymentHistoryEntry => ({
    id: 1,
    version: { tag: 'v3' },
    timestamp: '2026-12-03T10:00:00Z',
    ...(bakeStatus ? { bakeStatus } : {}),
  });
  it('refuses without a failed bake to retry, and with an invalid spec', () => {
    const refused = (message: string) => ({
      reason: 'RetryRefused',
      message,
      clear: ['rollout.kuberik.com/retry'],
    });
    expect(retryRefusal(['a', 'b'], h0('Failed'))).toEqual(
      refused('Retry refused: the spec is invalid (a; b); fix it, then retry again'),
    );
    expect(retryRefusal([], undefined)).toEqual(refused('Retry refused: nothing is deployed yet'));
    expect(retryRefusal([], h0('InProgress'))).toEqual(
      refused('Retry refused: v3 is InProgress, not Failed'),
    );
    expect(retryRefusal([], h0())).toEqual(refused('Retry refused: v3 is not baking, not Failed'));
    expect(retryRefusal([], h0('Failed'))).toBeUndefined();
  });
});

describe('refusalOutcome', () => {
  it('carries the same words in the Warning and the ManualRequest condition', () => {
    expect(refusalOutcome({ reason: 'RetryRefused', message: 'no', clear: [] })).toEqual({
      event: { type: 'Warning', reason: 'RetryRefused', message: 'no' },
      condition: { status: 'False', reason: 'RetryRefused', message: 'no' },
    });
  });
});
