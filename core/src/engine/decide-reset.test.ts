// Spec §10.2: every selected HealthCheck, whatever its class, is reset at deploy and at retry; only
// what its provider writes afterwards counts. Plus issue 10 point 10 (DeploymentBlocked of a manual
// deploy onto an incident).
import { describe, expect, it } from 'vitest';
import type { DeploymentHistoryEntry, HealthCheck, RolloutStatus } from '../model/index.js';
import { decideStable } from './test-support/expect.js';
import { healthCheck, imagePolicy, observed, rollout } from './test-support/fixtures.js';

const T0 = Date.parse('2026-11-27T10:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const iso = (seconds: number) => at(seconds).toISOString().replace('.000Z', 'Z');
const selector = { selector: { matchLabels: { app: 'app' } } };
const RESET = 'Health check reset due to new deployment';

const entry = (tag: string, extra: Partial<DeploymentHistoryEntry> = {}): DeploymentHistoryEntry => ({
  id: 1,
  version: { tag },
  timestamp: iso(-600),
  message: 'Automatic deployment',
  triggeredBy: { kind: 'System', name: 'kuberik' },
  bakeStatus: 'Succeeded',
  ...extra,
});
const status = (history: DeploymentHistoryEntry[]): RolloutStatus => ({
  availableReleases: [{ tag: 'v1' }, { tag: 'v2' }],
  history,
  currentVersion: history[0]?.version.tag,
});
const healthy = (name: string, cls = 'datadog'): HealthCheck =>
  healthCheck(name, { class: cls, status: { status: 'Healthy', message: 'ok', lastChangeTime: iso(-300) } });
const world = (checks: HealthCheck[], st: RolloutStatus, annotations?: Record<string, string>) =>
  observed({
    rollout: rollout(
      { bakeTime: '1m', healthCheckSelector: selector },
      { status: st, ...(annotations ? { annotations } : {}) },
    ),
    imagePolicy: imagePolicy('v2'),
    healthChecks: checks,
  });
const cond = (s: RolloutStatus | undefined, type: string) => s?.conditions?.find((c) => c.type === type);

describe('HealthCheck reset (spec §10.2)', () => {
  it('resets a third-party check that stayed Healthy across a deploy, so the bake waits for its provider', () => {
    const checks = [healthy('latency'), healthCheck('unclassed', { status: { status: 'Healthy' } })];
    const { plan, world: after } = decideStable(world(checks, status([entry('v1')])), at(0));
    expect(plan.status?.currentVersion).toBe('v2');
    expect(plan.healthCheckStatuses.map((w) => [w.target.name, w.status])).toEqual([
      ['latency', { status: 'Pending', message: RESET, lastChangeTime: iso(0) }],
      ['unclassed', { status: 'Pending', message: RESET, lastChangeTime: iso(0) }],
    ]);
    expect(plan.status?.history?.[0]?.bakeStatus).toBe('Deploying');

    // The provider re-evaluates after the reset: now the bake starts.
    const fresh = after.healthChecks.map((hc) => ({
      ...hc,
      status: { status: 'Healthy' as const, message: 'ok', lastChangeTime: iso(5) },
    }));
    const next = decideStable({ ...after, healthChecks: fresh }, at(6));
    expect(next.plan.status?.history?.[0]).toMatchObject({ bakeStatus: 'InProgress', bakeStartTime: iso(6) });
    expect(next.plan.healthCheckStatuses).toEqual([]);
  });

  it('resets at retry, dropping the old error, and keeps the entry Deploying until the provider speaks', () => {
    const failed = entry('v2', {
      timestamp: iso(-60),
      bakeStatus: 'Failed',
      bakeStatusMessage: 'A HealthCheck reported an error after bake started.',
    });
    const sick = healthCheck('latency', {
      class: 'datadog',
      status: { status: 'Healthy', message: 'recovered', lastChangeTime: iso(-30), lastErrorTime: iso(-40) },
    });
    const { plan } = decideStable(
      world([sick], status([failed, entry('v1')]), { 'rollout.kuberik.com/retry': 'now' }),
      at(0),
    );
    expect(plan.healthCheckStatuses).toEqual([
      expect.objectContaining({ status: { status: 'Pending', message: RESET, lastChangeTime: iso(0) } }),
    ]);
    expect(plan.status?.history?.[0]).toMatchObject({ bakeStatus: 'Deploying', lastRetryTimestamp: iso(0) });
  });

  it('leaves a check alone that changed at or after the deploy', () => {
    const h0 = entry('v2', { timestamp: iso(0), bakeStatus: 'Deploying' });
    const check = healthCheck('latency', {
      class: 'datadog',
      status: { status: 'Pending', message: 'evaluating', lastChangeTime: iso(0) },
    });
    const { plan } = decideStable(world([check], status([h0, entry('v1')])), at(3));
    expect(plan.healthCheckStatuses).toEqual([]);
  });

  it('does not touch checks while nothing is deploying', () => {
    const { plan } = decideStable(
      observed({
        rollout: rollout({ healthCheckSelector: selector }, { status: { ...status([entry('v2')]) } }),
        imagePolicy: imagePolicy('v2'),
        healthChecks: [healthy('latency')],
      }),
      at(0),
    );
    expect(plan.healthCheckStatuses).toEqual([]);
  });
});

describe('DeploymentBlocked of a manual deploy onto an incident (issue 10 point 10)', () => {
  it('says ManualDeployment in the pass that deploys, not a blocking warning next to Deployed', () => {
    const sick = healthCheck('db', {
      class: 'datadog',
      status: { status: 'Unhealthy', message: 'down', lastChangeTime: iso(-60), lastErrorTime: iso(-60) },
    });
    const { plan, world: after } = decideStable(
      world([sick], status([entry('v1')]), { 'rollout.kuberik.com/force-deploy': 'v2' }),
      at(0),
    );
    expect(plan.events.map((e) => e.reason)).toContain('Deployed');
    expect(plan.events.map((e) => e.reason)).not.toContain('HealthCheckBlocking');
    expect(cond(plan.status, 'DeploymentBlocked')).toMatchObject({
      status: 'False',
      reason: 'ManualDeployment',
    });

    // The provider reports the incident again while the manual deploy bakes: still not "blocked".
    const again = after.healthChecks.map((hc) => ({
      ...hc,
      status: {
        status: 'Unhealthy' as const,
        message: 'down',
        lastChangeTime: iso(2),
        lastErrorTime: iso(2),
      },
    }));
    const baking = decideStable({ ...after, healthChecks: again }, at(3));
    expect(cond(baking.world.rollout.status, 'DeploymentBlocked')?.reason).toBe('ManualDeployment');
  });
});
