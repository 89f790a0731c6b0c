// Mark: the phase, pendingVersion and conditions a pass leaves, for the cases that hinge on one
// detail of the outcome (a pin, a deploy that could not be carried out, who deployed history[0]).
import { describe, expect, it } from 'vitest';
import { gate, kustomization, schedule } from '../test-support/fixtures.js';
import { NOW, conditionOf, entry, markWorld, selectChecks, sick } from '../test-support/mark-world.js';
import { decideOrFail } from '../test-support/world.js';

const UNBLOCK = 'rollout.kuberik.com/unblock-failed';

describe('mark: phase and pendingVersion', () => {
  it('a pin to the running version is Succeeded, not Rejected, although a newer release exists', () => {
    const plan = decideOrFail(markWorld({ spec: { wantedVersion: 'v1' } }), NOW);
    expect(plan.status).toMatchObject({ phase: 'Succeeded', currentVersion: 'v1' });
    expect(plan.status).not.toHaveProperty('pendingVersion');
    expect(conditionOf(plan.status, 'GatesPassing')).toMatchObject({ status: 'True', reason: 'Pinned' });
  });

  it('a pin that cannot be deployed (no Kustomization to patch) stays pending and Blocked', () => {
    const plan = decideOrFail(
      markWorld({
        spec: { wantedVersion: 'v2' },
        parts: { kustomizations: [kustomization('app', { annotations: {} })] },
      }),
      NOW,
    );
    expect(plan.status).toMatchObject({ phase: 'Blocked', pendingVersion: 'v2', currentVersion: 'v1' });
    expect(conditionOf(plan.status, 'Ready')).toMatchObject({ status: 'False', reason: 'RolloutFailed' });
  });

  it('an undeployable pin is still Pinned, not held by a broken schedule that does not apply to it', () => {
    const plan = decideOrFail(
      markWorld({
        spec: { wantedVersion: 'v2' },
        parts: {
          kustomizations: [kustomization('app', { annotations: {} })],
          schedules: [schedule('freeze', { timezone: 'Europe/Berln' })],
        },
      }),
      NOW,
    );
    expect(plan.status?.pendingVersion).toBe('v2');
    expect(conditionOf(plan.status, 'GatesPassing')).toMatchObject({ status: 'True', reason: 'Pinned' });
  });

  it('never deployed, releases known, gate closed: Ready says NotDeployed, not NoReleasesAvailable', () => {
    const plan = decideOrFail(
      markWorld({ history: [], parts: { gates: [gate('qa', { passing: false })] } }),
      NOW,
    );
    expect(plan.status?.phase).toBe('WaitingForGates');
    expect(conditionOf(plan.status, 'Ready')).toMatchObject({ status: 'False', reason: 'NotDeployed' });
  });

  it('a failed bake unblocked by the user waits for its gates instead of staying Blocked', () => {
    const w = markWorld({
      history: [entry('v1', { bakeStatus: 'Failed' })],
      annotations: { [UNBLOCK]: 'true' },
      parts: { gates: [gate('qa', { passing: false })] },
    });
    const plan = decideOrFail(w, NOW);
    expect(plan.status).toMatchObject({ phase: 'WaitingForGates', pendingVersion: 'v2' });
    // Without the annotation (or with another value) the failure blocks.
    const other = { ...w, rollout: { ...w.rollout, metadata: { ...w.rollout.metadata, annotations: {} } } };
    expect(decideOrFail(other, NOW).status?.phase).toBe('Blocked');
  });
});

describe('mark: DeploymentBlocked for manual deploys', () => {
  it('a pin stands over an unhealthy environment: ManualDeployment, not UnhealthyHealthChecks', () => {
    const plan = decideOrFail(
      markWorld({ spec: { wantedVersion: 'v1', ...selectChecks }, parts: { healthChecks: [sick()] } }),
      NOW,
    );
    expect(conditionOf(plan.status, 'DeploymentBlocked')).toMatchObject({
      status: 'False',
      reason: 'ManualDeployment',
    });
  });

  for (const kind of ['User', 'FieldManager'] as const) {
    it(`a completed manual deploy by a ${kind} meeting no unhealthy check is ManualDeployment`, () => {
      const h0 = entry('v1', { message: 'Roll back', triggeredBy: { kind, name: 'alice' } });
      const plan = decideOrFail(markWorld({ history: [h0], releases: ['v1'] }), NOW);
      expect(conditionOf(plan.status, 'DeploymentBlocked')).toMatchObject({
        status: 'False',
        reason: 'ManualDeployment',
      });
    });
  }

  it('an automatic deploy meeting no unhealthy check is HealthChecksHealthy', () => {
    const plan = decideOrFail(markWorld({ releases: ['v1'] }), NOW);
    expect(conditionOf(plan.status, 'DeploymentBlocked')).toMatchObject({
      status: 'False',
      reason: 'HealthChecksHealthy',
    });
  });

  it('a completed manual deploy that meets an unhealthy check is blocked by it', () => {
    const h0 = entry('v1', { message: 'Roll back', triggeredBy: { kind: 'User', name: 'alice' } });
    const plan = decideOrFail(
      markWorld({ history: [h0], spec: selectChecks, parts: { healthChecks: [sick()] } }),
      NOW,
    );
    expect(plan.status?.phase).toBe('Blocked');
    expect(conditionOf(plan.status, 'DeploymentBlocked')).toMatchObject({
      status: 'True',
      reason: 'UnhealthyHealthChecks',
    });
  });
});

describe('mark: an invalid spec', () => {
  it('sets neither DeploymentBlocked nor GatesPassing: nothing was decided', () => {
    const plan = decideOrFail(
      markWorld({ spec: { versionHistoryLimit: 0, ...selectChecks }, parts: { healthChecks: [sick()] } }),
      NOW,
    );
    expect(plan.status?.phase).toBe('Blocked');
    expect(conditionOf(plan.status, 'Ready')).toMatchObject({ reason: 'InvalidSpec' });
    expect(conditionOf(plan.status, 'DeploymentBlocked')).toBeUndefined();
    expect(conditionOf(plan.status, 'GatesPassing')).toBeUndefined();
  });
});
