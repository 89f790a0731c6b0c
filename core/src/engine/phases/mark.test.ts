// Mark: the plan a pass leaves, built from the final state.
import { describe, expect, it } from 'vitest';
import type { DeploymentHistoryEntry } from '../../model/index.js';
import { gate as rolloutGate, kustomization, observed, rollout } from '../test-support/fixtures.js';
import { before, frozen } from '../test-support/phases.js';
import { deploy } from './deploy.js';
import { GATE_SAFETY_NET_MS, mark } from './mark.js';
import type { PassContext, PassState } from './pass.js';

const now = new Date('2026-11-27T10:00:00Z');
const h0: DeploymentHistoryEntry = {
  id: 1,
  version: { tag: 'v1' },
  timestamp: '2026-11-27T09:00:00Z',
  bakeStatus: 'Succeeded',
};
const world = (parts: Parameters<typeof observed>[0] = {}) =>
  observed({
    rollout: rollout({}, { status: { availableReleases: [{ tag: 'v1' }, { tag: 'v2' }], history: [h0] } }),
    imagePolicy: undefined,
    kustomizations: [kustomization('app', { substitute: { APP_VERSION: 'v1' } })],
    ...parts,
  });
/** The state mark() receives: every phase has run. */
function final(w: ReturnType<typeof world>): { ctx: PassContext; state: PassState } {
  const { ctx, state } = before(deploy, w, now);
  return { ctx, state: deploy(ctx, state) };
}

describe('mark phase', () => {
  it('a version waiting for a gate is WaitingForGates, pending, and re-decided within the safety net', () => {
    const { ctx, state } = final(world({ gates: [rolloutGate('a', { passing: false })] }));
    const plan = mark(ctx, frozen(state));
    expect(plan.status).toMatchObject({
      phase: 'WaitingForGates',
      pendingVersion: 'v2',
      currentVersion: 'v1',
    });
    expect(plan.wakeAt).toEqual(new Date(now.getTime() + GATE_SAFETY_NET_MS));
  });

  it('writes no status when nothing changed, and drops fields that are no longer known', () => {
    const { ctx, state } = final(world());
    const plan = mark(ctx, state);
    expect(plan.status).toBeDefined();
    const settled = world({
      rollout: rollout({}, { status: { ...plan.status, pendingVersion: 'stale' } }),
      kustomizations: [kustomization('app', { substitute: { APP_VERSION: 'v2' } })],
    });
    const again = final(settled);
    const next = mark(again.ctx, again.state);
    expect(next.status).toBeDefined();
    expect(next.status).not.toHaveProperty('pendingVersion');
    const third = final(
      world({ rollout: rollout({}, { status: next.status }), kustomizations: settled.kustomizations }),
    );
    expect(mark(third.ctx, third.state).status).toBeUndefined();
  });

  it('never asks to be woken in the past', () => {
    const { ctx, state } = final(world());
    const plan = mark(ctx, { ...state, wakeAt: now.getTime() - 60_000 });
    expect(plan.wakeAt).toEqual(new Date(now.getTime() + 1000));
  });

  it('only annotations that exist are cleared', () => {
    const { ctx, state } = final(world());
    const plan = mark(ctx, { ...state, clearAnnotations: ['rollout.kuberik.com/retry'] });
    expect(plan.clearAnnotations).toEqual([]);
  });
});
