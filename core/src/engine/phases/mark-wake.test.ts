// Mark: when the pass asks to be decided again (plan.wakeAt). Right away after a deploy that left a
// deployable candidate behind; never for a rollout that only waits for a person.
import { describe, expect, it } from 'vitest';
import { schedule } from '../test-support/fixtures.js';
import { before } from '../test-support/phases.js';
import { NOW, T0, entry, markWorld, selectChecks, sick } from '../test-support/mark-world.js';
import { applyPlan, decideOrFail } from '../test-support/world.js';
import { deploy } from './deploy.js';
import { mark } from './mark.js';

const BYPASS = 'rollout.kuberik.com/bypass-gates';
const SOON = new Date(T0 + 1000);

describe('mark: wake right away after a deploy that left a candidate behind', () => {
  // A bypass deploys v2 while v3 is newer: v3 is the next candidate, nothing holds it.
  const bypassed = (spec = {}) =>
    markWorld({ releases: ['v1', 'v2', 'v3'], annotations: { [BYPASS]: 'v2' }, spec });

  it('wakes a second later, and that pass deploys the candidate', () => {
    const w = bypassed();
    const plan = decideOrFail(w, NOW);
    expect(plan.status).toMatchObject({ currentVersion: 'v2', pendingVersion: 'v3', phase: 'Succeeded' });
    expect(plan.wakeAt).toEqual(SOON);
    const next = decideOrFail(applyPlan(w, plan), SOON);
    expect(next.status).toMatchObject({ currentVersion: 'v3' });
  });

  it('an earlier wake still wins: a schedule that closes within that second', () => {
    const closing = schedule('hours', {
      action: 'Allow',
      rules: [{ name: 'until-10:01', timeRange: { start: '09:00', end: '10:01' } }],
    });
    const w = markWorld({
      releases: ['v1', 'v2', 'v3'],
      annotations: { [BYPASS]: 'v2' },
      parts: { schedules: [closing] },
    });
    const plan = decideOrFail(w, new Date(T0 + 59_500));
    expect(plan.status).toMatchObject({ currentVersion: 'v2', pendingVersion: 'v3' });
    expect(plan.wakeAt).toEqual(new Date(T0 + 60_000));
  });

  it('does not wake right away while the deployed version bakes', () => {
    const plan = decideOrFail(bypassed({ bakeTime: '10m' }), NOW);
    expect(plan.status).toMatchObject({ currentVersion: 'v2', pendingVersion: 'v3' });
    expect(plan.status?.history?.[0]?.bakeStatus).toMatch(/Deploying|InProgress/);
    expect(plan.wakeAt).toBeDefined();
    expect(plan.wakeAt!.getTime()).toBeGreaterThan(SOON.getTime());
  });

  it('does not wake after a deploy that left nothing to deploy', () => {
    const plan = decideOrFail(markWorld(), NOW);
    expect(plan.status).toMatchObject({ currentVersion: 'v2', phase: 'Succeeded' });
    expect(plan.status).not.toHaveProperty('pendingVersion');
    expect(plan.wakeAt).toBeUndefined();
  });
});

describe('mark: no wake while only a person can move the rollout', () => {
  it('a failed bake with a newer release and open gates is Blocked without a wake', () => {
    const plan = decideOrFail(markWorld({ history: [entry('v1', { bakeStatus: 'Failed' })] }), NOW);
    expect(plan.status).toMatchObject({ phase: 'Blocked', pendingVersion: 'v2' });
    expect(plan.wakeAt).toBeUndefined();
  });

  it('an up-to-date rollout with an unhealthy check is not re-decided on the health safety net', () => {
    const plan = decideOrFail(
      markWorld({ releases: ['v1'], spec: selectChecks, parts: { healthChecks: [sick()] } }),
      NOW,
    );
    expect(plan.status?.phase).toBe('Succeeded');
    expect(plan.wakeAt).toBeUndefined();
  });

  it('an invalid spec with an unhealthy check is not re-decided on the health safety net', () => {
    const plan = decideOrFail(
      markWorld({ spec: { versionHistoryLimit: 0, ...selectChecks }, parts: { healthChecks: [sick()] } }),
      NOW,
    );
    expect(plan.status?.phase).toBe('Blocked');
    expect(plan.wakeAt).toBeUndefined();
  });
});

describe('mark: a wake due now', () => {
  it('is moved a second ahead, like one in the past', () => {
    const { ctx, state } = before(deploy, markWorld({ releases: ['v1'] }), NOW);
    const plan = mark(ctx, { ...deploy(ctx, state), wakeAt: T0 });
    expect(plan.wakeAt).toEqual(SOON);
  });
});
