// Manual requests that history[0] seems to have carried out already: which are really consumed
// (removed silently), and which are still refused, or carried out, on their own terms.
import { describe, expect, it } from 'vitest';
import { kustomization } from '../test-support/fixtures.js';
import { NOW, conditionOf, entry, markWorld } from '../test-support/mark-world.js';
import { decideOrFail } from '../test-support/world.js';

const A = {
  force: 'rollout.kuberik.com/force-deploy',
  message: 'rollout.kuberik.com/deploy-message',
  unblock: 'rollout.kuberik.com/unblock-failed',
};
const INVALID = { versionHistoryLimit: 0 };
const byAlice = (tag: string, message = 'Manual deployment, with force deploy') =>
  entry(tag, { message, triggeredBy: { kind: 'User', name: 'alice' } });

describe('force-deploy of the version history[0] already runs', () => {
  it('is refused, not consumed, while the spec is invalid', () => {
    const plan = decideOrFail(
      markWorld({ history: [byAlice('v2'), entry('v1')], spec: INVALID, annotations: { [A.force]: 'v2' } }),
      NOW,
    );
    expect(conditionOf(plan.status, 'ManualRequest')).toMatchObject({
      status: 'False',
      reason: 'ForceDeployRefused',
      message: expect.stringContaining('the spec is invalid'),
    });
    expect(plan.clearAnnotations).toContain(A.force);
  });

  it('is refused, not consumed, while a pin stands', () => {
    const plan = decideOrFail(
      markWorld({
        history: [byAlice('v2'), entry('v1')],
        spec: { wantedVersion: 'v2' },
        annotations: { [A.force]: 'v2' },
      }),
      NOW,
    );
    expect(conditionOf(plan.status, 'ManualRequest')).toMatchObject({
      reason: 'ForceDeployRefused',
      message: expect.stringContaining('pinned to v2'),
    });
  });

  it('deploys it again by hand when automation deployed it', () => {
    const plan = decideOrFail(
      markWorld({ history: [entry('v2'), entry('v1')], annotations: { [A.force]: 'v2' } }),
      NOW,
    );
    expect(plan.status?.history?.[0]).toMatchObject({
      version: { tag: 'v2' },
      message: 'Manual deployment, with force deploy',
      triggeredBy: { kind: 'User' },
    });
    expect(plan.events.map((e) => e.reason)).toContain('Deployed');
  });
});

describe('force-deploy onto broken deploy targets', () => {
  it('is refused with every problem of the targets', () => {
    const bad = (name: string) =>
      kustomization(name, { annotations: { 'rollout.kuberik.com/substitute.9BAD.from': 'app' } });
    const plan = decideOrFail(
      markWorld({
        annotations: { [A.force]: 'v2' },
        parts: {
          kustomizations: [kustomization('app', { substitute: { APP_VERSION: 'v1' } }), bad('b1'), bad('b2')],
        },
      }),
      NOW,
    );
    const message = conditionOf(plan.status, 'ManualRequest')?.message ?? '';
    expect(conditionOf(plan.status, 'ManualRequest')?.reason).toBe('ForceDeployRefused');
    expect(message).toMatch(
      /Kustomization prod\/b1 has annotation .*; Kustomization prod\/b2 has annotation/,
    );
    expect(plan.status?.currentVersion).toBe('v1');
    expect(plan.patches).toEqual([]);
  });
});

describe('unblock-failed after history[0] used it', () => {
  const used = entry('v2', { message: 'Automatic deployment, with failed bake unblock' });
  const failed = entry('v1', { bakeStatus: 'Failed' });

  it('is removed once automation deployed with it', () => {
    const plan = decideOrFail(
      markWorld({ history: [used, failed], annotations: { [A.unblock]: 'true' } }),
      NOW,
    );
    expect(plan.clearAnnotations).toEqual([A.unblock]);
  });

  it('stays while the spec is invalid: nothing is decided', () => {
    const plan = decideOrFail(
      markWorld({ history: [used, failed], spec: INVALID, annotations: { [A.unblock]: 'true' } }),
      NOW,
    );
    expect(plan.clearAnnotations).not.toContain(A.unblock);
  });

  it('stays after a manual deploy whose message merely says the same words', () => {
    const manual = byAlice('v2', 'Automatic deployment, with failed bake unblock');
    const plan = decideOrFail(
      markWorld({ history: [manual, failed], annotations: { [A.unblock]: 'true' } }),
      NOW,
    );
    expect(plan.clearAnnotations).not.toContain(A.unblock);
  });
});

describe('a pin while the spec is invalid', () => {
  it('is not deployed', () => {
    const plan = decideOrFail(markWorld({ spec: { ...INVALID, wantedVersion: 'v2' } }), NOW);
    expect(plan.patches).toEqual([]);
    expect(plan.status?.currentVersion).toBe('v1');
    expect(plan.events.map((e) => e.reason)).not.toContain('Deployed');
  });
});
