import { describe, expect, it } from 'vitest';
import type { DeploymentHistoryEntry, HealthCheckStatus, RolloutSpec } from '../model/index.js';
import { decide } from './decide.js';
import { decideStable } from './test-support/expect.js';
import { healthCheck, imagePolicy, kustomization, observed, rollout } from './test-support/fixtures.js';

const T0 = Date.parse('2026-11-27T10:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const iso = (minutes: number) => at(minutes).toISOString().replace('.000Z', 'Z');
const selector = { selector: { matchLabels: { app: 'app' } } };

/** v2 deployed at T0, in the given bake state; the rollout bakes 10m with a 5m deploy timeout. */
function baking(
  entry: Partial<DeploymentHistoryEntry>,
  checks: HealthCheckStatus[],
  spec: Partial<RolloutSpec> = { bakeTime: '10m', deployTimeout: '5m', healthCheckSelector: selector },
  recovery = false,
) {
  const history: DeploymentHistoryEntry[] = [
    {
      id: 2,
      version: { tag: 'v2' },
      timestamp: iso(0),
      message: 'Automatic deployment',
      triggeredBy: { kind: 'System', name: 'kuberik' },
      bakeStatus: 'Deploying',
      bakeStatusMessage: 'Waiting for health checks to become healthy before starting bake.',
      ...entry,
    },
    { id: 1, version: { tag: 'v1' }, timestamp: iso(-60), bakeStatus: 'Succeeded' },
  ];
  const conditions = recovery
    ? [
        {
          type: 'BakeFailureDisabled',
          status: 'True' as const,
          reason: 'PreviousBakeFailed',
          message: 'x',
          lastTransitionTime: iso(0),
        },
      ]
    : [];
  return observed({
    rollout: rollout(spec, {
      status: {
        availableReleases: [{ tag: 'v1' }, { tag: 'v2' }],
        history,
        currentVersion: 'v2',
        conditions,
      },
    }),
    imagePolicy: imagePolicy('v2'),
    healthChecks: checks.map((status, i) => healthCheck(`hc${i}`, { class: 'external', status })),
  });
}
const healthyAt = (m: number): HealthCheckStatus => ({ status: 'Healthy', lastChangeTime: iso(m) });
const h0 = (plan: ReturnType<typeof decide>) => plan.status?.history?.[0];

describe('Deploying → InProgress', () => {
  it('starts the bake once every check is Healthy after the deploy', () => {
    const { plan } = decideStable(baking({}, [healthyAt(1), healthyAt(0)]), at(2));
    expect(h0(plan)).toMatchObject({
      bakeStatus: 'InProgress',
      bakeStartTime: iso(2),
      bakeStatusMessage: 'Bake started, monitoring for errors.',
    });
    expect(plan.status?.phase).toBe('Baking');
    expect(plan.events).toEqual([{ type: 'Normal', reason: 'BakeStarted', message: 'Bake of v2 started' }]);
    expect(plan.wakeAt).toEqual(new Date(at(2).getTime() + 30_000));
  });

  it('does not count health reported before the deploy', () => {
    const { plan } = decideStable(baking({}, [healthyAt(1), healthyAt(-1)]), at(2));
    expect(plan.status?.phase).toBe('Deploying');
    expect(plan.events).toEqual([]);
  });

  it('counts health after a retry only when newer than the retry', () => {
    const { plan } = decideStable(baking({ lastRetryTimestamp: iso(3) }, [healthyAt(2)]), at(4));
    expect(h0(plan)?.bakeStatus).toBe('Deploying');
  });

  it('fails on an error reported after the deploy, before the bake started', () => {
    const { plan } = decideStable(
      baking({}, [{ status: 'Pending', message: 'flapping', lastChangeTime: iso(1), lastErrorTime: iso(1) }]),
      at(2),
    );
    expect(h0(plan)).toMatchObject({
      bakeStatus: 'Failed',
      bakeStatusMessage: 'A HealthCheck reported an error after deployment.',
      bakeEndTime: iso(2),
      failedHealthChecks: [{ name: 'hc0', namespace: 'prod', message: 'flapping' }],
    });
    expect(plan.events).toEqual([
      {
        type: 'Warning',
        reason: 'Failed',
        message: 'Bake of v2 failed: A HealthCheck reported an error after deployment.',
      },
    ]);
    expect(plan.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'BakeTimeFailed',
    });
  });

  it('ignores an old Unhealthy with an error from before the deploy (it blocks new deploys only)', () => {
    const { plan } = decideStable(
      baking({}, [{ status: 'Unhealthy', lastChangeTime: iso(-5), lastErrorTime: iso(-5) }]),
      at(2),
    );
    expect(h0(plan)?.bakeStatus).toBe('Deploying');
  });

  it('fails when deployTimeout passes before the bake starts, listing what was not ready', () => {
    const w = baking({}, [
      { status: 'Pending', message: 'waiting for rollout', lastChangeTime: iso(1) },
      healthyAt(-1),
    ]);
    const early = decideStable(w, at(4));
    expect(h0(early.plan)?.bakeStatus).toBe('Deploying');
    expect(early.plan.wakeAt).toEqual(new Date(at(4).getTime() + 30_000));
    expect(decide(w, at(4.8)).wakeAt).toEqual(at(5));
    const { plan } = decideStable(w, at(5));
    expect(h0(plan)).toMatchObject({
      bakeStatus: 'Failed',
      bakeStatusMessage:
        'Deploy timeout reached before bake could start (health checks did not become healthy in time).',
      failedHealthChecks: [
        { name: 'hc0', namespace: 'prod', message: 'waiting for rollout' },
        // Healthy before the deploy: reset at the deploy (spec §10.2), and its provider never spoke again.
        { name: 'hc1', namespace: 'prod', message: 'Health check reset due to new deployment' },
      ],
    });
  });

  it('a health change that came in time still starts the bake when noticed after the deadline', () => {
    const { plan } = decideStable(baking({}, [healthyAt(4)]), at(6));
    expect(h0(plan)?.bakeStatus).toBe('InProgress');
  });
});

describe('InProgress → Succeeded | Failed', () => {
  const inProgress = {
    bakeStatus: 'InProgress' as const,
    bakeStartTime: iso(1),
    bakeStatusMessage: 'Bake started, monitoring for errors.',
  };

  it('succeeds when bakeTime has passed without errors, waking exactly then', () => {
    const w = baking(inProgress, [healthyAt(1)]);
    expect(decide(w, at(10.9)).wakeAt).toEqual(at(11));
    const { plan } = decideStable(w, at(11));
    expect(h0(plan)).toMatchObject({
      bakeStatus: 'Succeeded',
      bakeEndTime: iso(11),
      bakeStatusMessage: 'Bake time completed successfully (no errors within bake time).',
    });
    expect(plan.status?.phase).toBe('Succeeded');
    expect(plan.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'True',
      reason: 'BakeTimePassed',
      message: 'Bake time completed successfully (no errors within bake time).',
    });
  });

  it('continues from bakeStartTime after a restart (the bake is not restarted)', () => {
    const { plan } = decideStable(baking(inProgress, [healthyAt(1)]), at(8));
    expect(h0(plan)).toEqual(baking(inProgress, []).rollout.status?.history?.[0]);
    expect(plan.events).toEqual([]);
    expect(plan.wakeAt).toEqual(new Date(at(8).getTime() + 30_000));
  });

  it('fails as soon as a check turns Unhealthy', () => {
    const { plan } = decideStable(
      baking(inProgress, [
        healthyAt(1),
        { status: 'Unhealthy', message: '5xx rate 12%', lastChangeTime: iso(3) },
      ]),
      at(3),
    );
    expect(h0(plan)).toMatchObject({
      bakeStatus: 'Failed',
      bakeStatusMessage: 'A HealthCheck reported an error after bake started.',
      failedHealthChecks: [{ name: 'hc1', namespace: 'prod', message: '5xx rate 12%' }],
    });
    expect(plan.status?.phase).toBe('Failed');
  });

  it('fails on an error witnessed during the bake even if the check recovered since', () => {
    const { plan } = decideStable(
      baking(inProgress, [{ status: 'Healthy', lastChangeTime: iso(4), lastErrorTime: iso(3) }]),
      at(5),
    );
    expect(h0(plan)?.bakeStatus).toBe('Failed');
  });

  it('without bakeTime a started bake completes at once', () => {
    const { plan } = decideStable(baking({}, [healthyAt(1)], { healthCheckSelector: selector }), at(2));
    expect(h0(plan)).toMatchObject({
      bakeStatus: 'Succeeded',
      bakeStatusMessage: 'Bake completed (no bake time configured).',
    });
    expect(plan.events.map((e) => e.reason)).toEqual(['BakeStarted', 'Succeeded']);
  });

  it('with bakeTime and no checks selected, bakes on time alone', () => {
    const { plan } = decideStable(observed({ rollout: rollout({ bakeTime: '15m' }) }), at(0));
    expect(h0(plan)).toMatchObject({ bakeStatus: 'InProgress', bakeStartTime: iso(0) });
    expect(plan.wakeAt).toEqual(at(15));
  });
});

describe('recovery mode (BakeFailureDisabled=True)', () => {
  it('shows failures during the bake but does not fail, and succeeds after bakeTime', () => {
    const sick: HealthCheckStatus = {
      status: 'Unhealthy',
      message: 'still broken',
      lastChangeTime: iso(3),
      lastErrorTime: iso(3),
    };
    const w = baking({ bakeStatus: 'InProgress', bakeStartTime: iso(1) }, [sick], undefined, true);
    const during = decideStable(w, at(4));
    expect(h0(during.plan)).toMatchObject({
      bakeStatus: 'InProgress',
      failedHealthChecks: [{ name: 'hc0', namespace: 'prod', message: 'still broken' }],
    });
    const end = decideStable(during.world, at(11));
    expect(h0(end.plan)?.bakeStatus).toBe('Succeeded');
  });

  it('ignores the deploy timeout', () => {
    const { plan } = decideStable(
      baking({}, [{ status: 'Pending', lastChangeTime: iso(1) }], undefined, true),
      at(30),
    );
    expect(h0(plan)?.bakeStatus).toBe('Deploying');
  });
});

describe('kustomization-class HealthChecks (written by the engine)', () => {
  const ksCheck = (status?: HealthCheckStatus) =>
    healthCheck('app-ks', { kustomization: 'app', ...(status ? { status } : {}) });

  function world(
    k: ReturnType<typeof kustomization> | undefined,
    status: HealthCheckStatus | undefined,
    entry: Partial<DeploymentHistoryEntry> = {},
  ) {
    const w = baking(entry, []);
    return { ...w, healthChecks: [ksCheck(status)], kustomizations: k ? [k] : [] };
  }

  it('turns Healthy with a fresh lastChangeTime when Flux has applied our generation, and bakes in the same decision', () => {
    const k = kustomization('app', {
      generation: 2,
      observedGeneration: 2,
      substitute: { APP_VERSION: 'v2' },
    });
    const { plan } = decideStable(
      world(k, { status: 'Pending', message: 'x', lastChangeTime: iso(0) }),
      at(3),
    );
    expect(plan.healthCheckStatuses).toEqual([
      {
        target: {
          apiVersion: 'kuberik.com/v1alpha1',
          kind: 'HealthCheck',
          namespace: 'prod',
          name: 'app-ks',
          resourceVersion: '1',
        },
        status: {
          status: 'Healthy',
          message: 'Kustomization prod/app is ready: Applied revision: main@sha1:abc',
          lastChangeTime: iso(3),
        },
      },
    ]);
    expect(h0(plan)).toMatchObject({ bakeStatus: 'InProgress', bakeStartTime: iso(3) });
  });

  it('stays Pending while Flux has not observed the new generation', () => {
    const k = kustomization('app', {
      generation: 2,
      observedGeneration: 1,
      substitute: { APP_VERSION: 'v2' },
    });
    const { plan } = decideStable(
      world(k, { status: 'Pending', message: 'old', lastChangeTime: iso(0) }),
      at(3),
    );
    expect(plan.healthCheckStatuses[0]?.status).toEqual({
      status: 'Pending',
      message: 'Kustomization prod/app has not reconciled generation 2 yet (observed 1)',
      lastChangeTime: iso(0),
    });
    expect(h0(plan)?.bakeStatus).toBe('Deploying');
  });

  it('records the failure witness as lastErrorTime and fails the bake with it', () => {
    const k = kustomization('app', {
      ready: { status: 'False', reason: 'HealthCheckFailed', message: 'timeout', lastTransitionTime: iso(2) },
    });
    const { plan } = decideStable(
      world(k, { status: 'Pending', message: 'x', lastChangeTime: iso(0) }),
      at(3),
    );
    expect(plan.healthCheckStatuses[0]?.status).toEqual({
      status: 'Unhealthy',
      message: 'Kustomization prod/app is not ready (HealthCheckFailed): timeout',
      lastChangeTime: iso(3),
      lastErrorTime: iso(2),
    });
    expect(h0(plan)?.bakeStatus).toBe('Failed');
  });

  it('reports a missing Kustomization as Unhealthy', () => {
    const { plan } = decideStable(world(undefined, { status: 'Healthy', lastChangeTime: iso(0) }), at(3));
    expect(plan.healthCheckStatuses[0]?.status).toMatchObject({
      status: 'Unhealthy',
      message: 'Kustomization prod/app not found',
      lastErrorTime: iso(3),
    });
  });

  it('re-observes a check last changed before the deploy (like upstream reset), clearing old errors', () => {
    const k = kustomization('app', {
      generation: 2,
      observedGeneration: 2,
      substitute: { APP_VERSION: 'v2' },
    });
    const { plan } = decideStable(
      world(k, {
        status: 'Healthy',
        message: 'Kustomization prod/app is ready: Applied revision: main@sha1:abc',
        lastChangeTime: iso(-30),
        lastErrorTime: iso(-40),
      }),
      at(1),
    );
    expect(plan.healthCheckStatuses[0]?.status).toEqual({
      status: 'Healthy',
      message: 'Kustomization prod/app is ready: Applied revision: main@sha1:abc',
      lastChangeTime: iso(1),
    });
  });

  it('marks checks Pending at the deploy itself, before Flux saw the change', () => {
    const w = observed({
      rollout: rollout({ bakeTime: '5m', healthCheckSelector: selector }),
      healthChecks: [ksCheck({ status: 'Healthy', message: 'old', lastChangeTime: iso(-30) })],
    });
    const { plan } = decideStable(w, at(0));
    expect(plan.healthCheckStatuses[0]?.status).toMatchObject({ status: 'Pending', lastChangeTime: iso(0) });
    expect(h0(plan)?.bakeStatus).toBe('Deploying');
  });

  it('reports an annotation it cannot read', () => {
    const hc = healthCheck('bad', { kustomization: 'a/b/c' });
    const w = { ...baking({}, []), healthChecks: [hc] };
    const { plan } = decideStable(w, at(1));
    expect(plan.healthCheckStatuses[0]?.status).toMatchObject({
      status: 'Unhealthy',
      message: 'invalid kustomization reference format: a/b/c',
    });
  });

  it('leaves other classes alone', () => {
    const { plan } = decideStable(baking({}, [{ status: 'Pending', lastChangeTime: iso(0) }]), at(1));
    expect(plan.healthCheckStatuses).toEqual([]);
  });
});
