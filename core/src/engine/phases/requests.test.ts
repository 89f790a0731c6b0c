// Manual requests: force-deploy, pin, unblock-failed and bypass-gates, each refused, consumed or standing.
import { describe, expect, it } from 'vitest';
import type { DeploymentHistoryEntry } from '../../model/index.js';
import { getCondition } from '../conditions.js';
import { kustomization, observed, rollout } from '../test-support/fixtures.js';
import { before, frozen } from '../test-support/phases.js';
import { manualRequests } from './requests.js';

const now = new Date('2026-11-27T10:00:00Z');
const releases = [{ tag: 'v1' }, { tag: 'v2' }, { tag: 'v3' }];
const h = (tag: string, extra: Partial<DeploymentHistoryEntry> = {}): DeploymentHistoryEntry => ({
  id: 1,
  version: { tag },
  timestamp: '2026-11-27T09:00:00Z',
  bakeStatus: 'Succeeded',
  triggeredBy: { kind: 'System', name: 'kuberik' },
  ...extra,
});
const world = (annotations: Record<string, string>, history = [h('v1')], wantedVersion?: string) =>
  observed({
    rollout: rollout(wantedVersion ? { wantedVersion } : {}, {
      status: { availableReleases: releases, history },
      annotations,
    }),
    kustomizations: [kustomization('app', { substitute: { APP_VERSION: history[0]?.version.tag ?? 'v1' } })],
  });
const run = (w: ReturnType<typeof world>) => {
  const { ctx, state } = before(manualRequests, w, now);
  return { state, out: manualRequests(ctx, frozen(state)) };
};

describe('manualRequests phase', () => {
  it('a known force-deploy stands and becomes a manual deployment', () => {
    const { out } = run(world({ 'rollout.kuberik.com/force-deploy': 'v2' }));
    expect(out.forceTag).toBe('v2');
    expect(out.deployment).toEqual({ tag: 'v2', manual: true, force: true, pin: false, skipped: [] });
    expect(out.manualPending).toBe('v2');
    expect(out.clearAnnotations).toEqual([]);
  });

  it('an unknown force-deploy is refused and removed, and nothing is deployed', () => {
    const { out } = run(world({ 'rollout.kuberik.com/force-deploy': 'v9' }));
    expect(out.forceTag).toBeUndefined();
    expect(out.deployment).toBeUndefined();
    expect(out.clearAnnotations).toEqual(['rollout.kuberik.com/force-deploy']);
    expect(getCondition(out.conditions, 'ManualRequest')).toMatchObject({
      status: 'False',
      reason: 'ForceDeployRefused',
    });
    expect(out.events.map((e) => e.type)).toEqual(['Warning']);
  });

  it('a force-deploy history[0] already records is consumed with its message and user, not deployed again', () => {
    const recorded = h('v2', { triggeredBy: { kind: 'User', name: 'alice' } });
    const { out } = run(
      world({ 'rollout.kuberik.com/force-deploy': 'v2', 'rollout.kuberik.com/deploy-user': 'alice' }, [
        recorded,
        h('v1'),
      ]),
    );
    expect(out.deployment).toBeUndefined();
    expect(out.forceTag).toBeUndefined();
    expect(out.clearAnnotations).toEqual([
      'rollout.kuberik.com/force-deploy',
      'rollout.kuberik.com/deploy-message',
      'rollout.kuberik.com/deploy-user',
    ]);
    expect(out.events).toEqual([]);
  });

  it('a pin not yet running is deployed; a running pin is not', () => {
    expect(run(world({}, [h('v1')], 'v3')).out.deployment).toEqual({
      tag: 'v3',
      manual: true,
      force: false,
      pin: true,
      skipped: [],
    });
    const { state, out } = run(world({}, [h('v3')], 'v3'));
    expect(out).toEqual(state);
  });

  it('an unblock-failed that history[0] already used is consumed', () => {
    const used = h('v2', {
      message: 'Automatic deployment, with failed bake unblock',
      bakeStatus: 'InProgress',
    });
    const { out } = run(world({ 'rollout.kuberik.com/unblock-failed': 'true' }, [used, h('v1')]));
    expect(out.clearAnnotations).toEqual(['rollout.kuberik.com/unblock-failed']);
    const waiting = run(
      world({ 'rollout.kuberik.com/unblock-failed': 'true' }, [h('v1', { bakeStatus: 'Failed' })]),
    );
    expect(waiting.out.clearAnnotations).toEqual([]);
  });

  it('a bypass naming a candidate stands; one naming no candidate is refused', () => {
    expect(run(world({ 'rollout.kuberik.com/bypass-gates': 'v2' })).out.bypassTag).toBe('v2');
    const { out } = run(world({ 'rollout.kuberik.com/bypass-gates': 'v9' }));
    expect(out.bypassTag).toBeUndefined();
    expect(out.clearAnnotations).toEqual(['rollout.kuberik.com/bypass-gates']);
    expect(getCondition(out.conditions, 'ManualRequest')).toMatchObject({
      status: 'False',
      reason: 'BypassRefused',
    });
  });
});
