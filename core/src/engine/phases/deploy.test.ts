// Deploy: the patches, the new history[0] (the intent record), and what is looked at again after it.
import { describe, expect, it } from 'vitest';
import type { DeploymentHistoryEntry } from '../../model/index.js';
import { getCondition } from '../conditions.js';
import { gate as rolloutGate, kustomization, observed, rollout } from '../test-support/fixtures.js';
import { before, frozen } from '../test-support/phases.js';
import { deploy } from './deploy.js';

const now = new Date('2026-11-27T10:00:00Z');
const releases = [{ tag: 'v1' }, { tag: 'v2' }, { tag: 'v3' }];
const entry = (tag: string, extra: Partial<DeploymentHistoryEntry> = {}): DeploymentHistoryEntry => ({
  id: 4,
  version: { tag },
  timestamp: '2026-11-27T09:00:00Z',
  bakeStatus: 'Succeeded',
  ...extra,
});
const world = (
  spec: Parameters<typeof rollout>[0],
  history: DeploymentHistoryEntry[],
  annotations: Record<string, string> = {},
  parts: Parameters<typeof observed>[0] = {},
) =>
  observed({
    rollout: rollout(spec, { status: { availableReleases: releases, history }, annotations }),
    imagePolicy: undefined,
    ...parts,
  });
const run = (w: ReturnType<typeof world>) => {
  const { ctx, state } = before(deploy, w, now);
  return { state, out: deploy(ctx, frozen(state)) };
};

describe('deploy phase', () => {
  it('records the new history[0] before the patch lands, and consumes the deploy annotations', () => {
    const { out } = run(
      world({}, [entry('v1')], { 'rollout.kuberik.com/deploy-message': 'ignored for automatic' }),
    );
    expect(out.patches.map((p) => p.patch)).toEqual([
      { spec: { postBuild: { substitute: { APP_VERSION: 'v3' } } } },
    ]);
    expect(out.history.map((e) => [e.id, e.version.tag, e.triggeredBy?.kind])).toEqual([
      [5, 'v3', 'System'],
      [4, 'v1', undefined],
    ]);
    expect(out.clearAnnotations).toContain('rollout.kuberik.com/deploy-message');
    expect(out.events.map((e) => e.reason)).toEqual(['Deployed']);
    expect(getCondition(out.conditions, 'BakeFailureDisabled')).toMatchObject({ status: 'False' });
  });

  it('cancels the bake it preempts', () => {
    const baking = entry('v1', { bakeStatus: 'InProgress', bakeStartTime: '2026-11-27T09:55:00Z' });
    const { out } = run(world({ bakeTime: '1h' }, [baking], { 'rollout.kuberik.com/force-deploy': 'v2' }));
    expect(out.history.map((e) => e.version.tag)).toEqual(['v2', 'v1']);
    expect(out.history[1]).toMatchObject({ bakeStatus: 'Cancelled', bakeEndTime: '2026-11-27T10:00:00Z' });
    expect(out.events.map((e) => e.reason).slice(0, 2)).toEqual(['Cancelled', 'Deployed']);
    expect(out.clearAnnotations).toContain('rollout.kuberik.com/force-deploy');
  });

  it('a forced release moves to the end of availableReleases, so only later ones follow it (§10.9)', () => {
    const { out } = run(world({}, [entry('v1')], { 'rollout.kuberik.com/force-deploy': 'v2' }));
    expect(out.availableReleases.map((v) => v.tag)).toEqual(['v1', 'v3', 'v2']);
    expect(out.releaseCandidates).toEqual([]);
    expect(out.manualPending).toBeUndefined();
  });

  it('a pinned tag the policy never reported is recorded, and nothing is worked towards after it', () => {
    const w = world(
      { wantedVersion: 'v9' },
      [entry('v1')],
      {},
      { gates: [rolloutGate('a', { passing: false })] },
    );
    const { out } = run(w);
    expect(out.availableReleases.map((v) => v.tag)).toEqual(['v1', 'v2', 'v3', 'v9']);
    expect(out.history[0]?.version.tag).toBe('v9');
    expect(out.target).toEqual({ skipped: [], bypassed: false });
    expect(out.releaseCandidates).toEqual([]);
  });

  it('keeps at most versionHistoryLimit entries', () => {
    const { out } = run(world({ versionHistoryLimit: 2 }, [entry('v2', { id: 2 }), entry('v1', { id: 1 })]));
    expect(out.history.map((e) => e.id)).toEqual([3, 2]);
  });

  it('without a target, nothing is patched or recorded and the problem is kept for the conditions', () => {
    const { state, out } = run(
      world({}, [entry('v1')], {}, { kustomizations: [kustomization('app', { annotations: {} })] }),
    );
    expect(state.deployment?.tag).toBe('v3');
    expect(out.deployProblem).toMatch(/substitut/i);
    expect(out.patches).toEqual([]);
    expect(out.history).toEqual(state.history);
  });
});
