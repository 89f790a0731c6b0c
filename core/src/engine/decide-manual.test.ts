import { describe, expect, it } from 'vitest';
import type { DeploymentHistoryEntry, HealthCheckStatus, RolloutStatus } from '../model/index.js';
import { decideStable } from './test-support/expect.js';
import { gate, healthCheck, imagePolicy, observed, rollout } from './test-support/fixtures.js';

const T0 = Date.parse('2026-11-27T10:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const iso = (minutes: number) => at(minutes).toISOString().replace('.000Z', 'Z');
const A = {
  force: 'rollout.kuberik.com/force-deploy',
  message: 'rollout.kuberik.com/deploy-message',
  user: 'rollout.kuberik.com/deploy-user',
  retry: 'rollout.kuberik.com/retry',
};
const selector = { selector: { matchLabels: { app: 'app' } } };

const entry = (id: number, tag: string, bake: Partial<DeploymentHistoryEntry>): DeploymentHistoryEntry => ({
  id,
  version: { tag },
  timestamp: iso(-10),
  message: 'Automatic deployment',
  triggeredBy: { kind: 'System', name: 'kuberik' },
  ...bake,
});
const status = (history: DeploymentHistoryEntry[], tags = ['v1', 'v2', 'v3']): RolloutStatus => ({
  availableReleases: tags.map((tag) => ({ tag })),
  history,
  currentVersion: history[0]?.version.tag,
});
const cond = (s: RolloutStatus | undefined, type: string) => s?.conditions?.find((c) => c.type === type);

describe('force-deploy', () => {
  it('deploys an older tag now, skipping gates, cancelling the running bake, attributed to the user', () => {
    const running = entry(3, 'v3', { bakeStatus: 'InProgress', bakeStartTime: iso(-5) });
    const w = observed({
      rollout: rollout(
        { bakeTime: '10m' },
        {
          status: status([running, entry(2, 'v2', { bakeStatus: 'Succeeded' })]),
          annotations: { [A.force]: 'v2', [A.message]: 'Roll back: checkout broken', [A.user]: 'alice' },
        },
      ),
      imagePolicy: imagePolicy('v3'),
      gates: [gate('approval')],
    });
    const { plan } = decideStable(w, at(0));
    expect(plan.status?.history?.slice(0, 2)).toEqual([
      {
        id: 4,
        version: { tag: 'v2' },
        timestamp: iso(0),
        message: 'Roll back: checkout broken',
        triggeredBy: { kind: 'User', name: 'alice' },
        bakeStatus: 'InProgress',
        bakeStatusMessage: 'Bake started, monitoring for errors.',
        bakeStartTime: iso(0),
      },
      {
        ...running,
        bakeStatus: 'Cancelled',
        bakeStatusMessage: 'Bake cancelled due to new deployment.',
        bakeEndTime: iso(0),
        message: 'Deployment cancelled due to new deployment of version v2',
      },
    ]);
    expect(plan.clearAnnotations.sort()).toEqual([A.message, A.user, A.force].sort());
    expect(plan.events.map((e) => e.reason)).toEqual(['Cancelled', 'Deployed', 'BakeStarted']);
    // The preempted bake puts this deployment in recovery mode (spec §4).
    expect(cond(plan.status, 'BakeFailureDisabled')).toMatchObject({
      status: 'True',
      reason: 'PreviousBakeFailed',
    });
    // The pass that deploys manually says so (issue 10 point 10), and keeps saying so while it bakes.
    expect(cond(plan.status, 'DeploymentBlocked')).toMatchObject({
      status: 'False',
      reason: 'ManualDeployment',
    });
  });

  it('is one-shot: without a bake to wait for, newer candidates follow right after a forced rollback', () => {
    const history = [entry(1, 'v1', { bakeStatus: 'Succeeded' })];
    const w = observed({
      rollout: rollout({}, { status: status(history, ['v1', 'v2']), annotations: { [A.force]: 'v2' } }),
      imagePolicy: imagePolicy('v1'),
    });
    const forced = decideStable(w, at(0));
    expect(forced.plan.status?.currentVersion).toBe('v2');
    const withNewer = {
      ...forced.world,
      rollout: {
        ...forced.world.rollout,
        status: {
          ...forced.world.rollout.status,
          availableReleases: [{ tag: 'v1' }, { tag: 'v2' }, { tag: 'v3' }],
        },
      },
    };
    expect(decideStable(withNewer, at(1)).plan.status?.currentVersion).toBe('v3');
  });

  it('never credits the driver: deploy-user, else the field manager that set the annotation, else "unknown" (spec §10.5)', () => {
    const history = [entry(1, 'v1', { bakeStatus: 'Succeeded' })];
    const forced = (extra: Record<string, string> = {}, managedFields?: unknown[]) => {
      const r = rollout(
        {},
        { status: status(history, ['v1', 'v2']), annotations: { [A.force]: 'v2', ...extra } },
      );
      if (managedFields) r.metadata.managedFields = managedFields as never;
      return observed({ rollout: r, imagePolicy: imagePolicy('v1'), actor: 'driver-user@laptop' });
    };
    const by = (w: ReturnType<typeof forced>) =>
      decideStable(w, at(0)).plan.status?.history?.[0]?.triggeredBy;
    expect(by(forced())).toEqual({ kind: 'User', name: 'unknown' });
    expect(by(forced({ 'rollout.kuberik.com/deploy-user': 'alice' }))).toEqual({
      kind: 'User',
      name: 'alice',
    });
    const managed = [
      {
        manager: 'argocd-controller',
        operation: 'Apply',
        time: '2026-11-27T08:00:00Z',
        fieldsV1: { 'f:spec': { 'f:releasesImagePolicy': {} } },
      },
      {
        manager: 'kubectl-annotate',
        operation: 'Update',
        time: '2026-11-27T09:59:00Z',
        fieldsV1: { 'f:metadata': { 'f:annotations': { [`f:${A.force}`]: {} } } },
      },
    ];
    expect(by(forced({}, managed))).toEqual({ kind: 'FieldManager', name: 'kubectl-annotate' });
  });

  it('refuses a tag that was never discovered, saying which tags exist, and removes the request', () => {
    const w = observed({
      rollout: rollout(
        {},
        { status: status([entry(1, 'v1', { bakeStatus: 'Succeeded' })]), annotations: { [A.force]: 'v9' } },
      ),
      imagePolicy: imagePolicy('v2'),
    });
    const { plan } = decideStable(w, at(0));
    const message =
      'Force deploy of v9 refused: it is not in available releases (newest: v3, v2, v1); request one of them';
    expect(cond(plan.status, 'ManualRequest')).toMatchObject({
      status: 'False',
      reason: 'ForceDeployRefused',
      message,
    });
    expect(plan.events).toContainEqual({ type: 'Warning', reason: 'ForceDeployRefused', message });
    expect(plan.clearAnnotations).toEqual([A.force]);
    // Automation goes on as if nothing had been asked: v3 is the newest candidate.
    expect(plan.status?.currentVersion).toBe('v3');
  });

  it('overrides a failed bake and deploys in recovery mode', () => {
    const w = observed({
      rollout: rollout(
        { healthCheckSelector: selector },
        { status: status([entry(3, 'v3', { bakeStatus: 'Failed' })]), annotations: { [A.force]: 'v2' } },
      ),
      imagePolicy: imagePolicy('v3'),
    });
    const { plan } = decideStable(w, at(0));
    expect(plan.status?.currentVersion).toBe('v2');
    expect(cond(plan.status, 'BakeFailureDisabled')).toMatchObject({
      status: 'True',
      message: 'Previous deployment failed. Health check failures will not fail this deployment.',
    });
  });
});

describe('pin (spec.wantedVersion) and unpin', () => {
  const onV3 = status([entry(3, 'v3', { bakeStatus: 'Succeeded' })]);

  it('deploys the pinned tag once, ignoring gates, and keeps automation off', () => {
    const w = observed({
      rollout: rollout({ wantedVersion: 'v1' }, { status: onV3 }),
      imagePolicy: imagePolicy('v3'),
      gates: [gate('approval')],
      actor: 'carol',
    });
    w.rollout.metadata.managedFields = [
      { manager: 'kubectl-edit', operation: 'Update', fieldsV1: { 'f:spec': { 'f:wantedVersion': {} } } },
    ];
    const first = decideStable(w, at(0));
    expect(first.plan.status?.history?.[0]).toMatchObject({
      version: { tag: 'v1' },
      message: 'Manual deployment',
      triggeredBy: { kind: 'FieldManager', name: 'kubectl-edit' },
    });
    expect(cond(first.plan.status, 'GatesPassing')).toMatchObject({
      status: 'True',
      reason: 'Pinned',
      message: 'Pinned to v1 by spec.wantedVersion; gates do not apply',
    });
    // Newer versions are candidates, but nothing moves while pinned.
    const later = decideStable({ ...first.world, imagePolicy: imagePolicy('v4') }, at(5));
    expect(later.plan.patches).toEqual([]);
    expect(later.plan.status).toMatchObject({
      currentVersion: 'v1',
      releaseCandidates: [{ tag: 'v4' }, { tag: 'v3' }, { tag: 'v2' }],
    });
    expect(later.plan.status?.pendingVersion).toBeUndefined();
  });

  it('resumes automation from the candidates after the current version when unpinned', () => {
    const pinned = decideStable(
      observed({
        rollout: rollout({ wantedVersion: 'v1' }, { status: onV3 }),
        imagePolicy: imagePolicy('v3'),
      }),
      at(0),
    ).world;
    const unpinned = {
      ...pinned,
      rollout: { ...pinned.rollout, spec: { ...pinned.rollout.spec, wantedVersion: undefined } },
    };
    const { plan } = decideStable(unpinned, at(1));
    expect(plan.status?.history?.[0]).toMatchObject({
      version: { tag: 'v3' },
      message: 'Automatic deployment, skipped v2',
    });
  });

  it('records a pinned tag the ImagePolicy never reported, so later releases come after it', () => {
    const pinned = decideStable(
      observed({
        rollout: rollout({ wantedVersion: 'hotfix-1' }, { status: onV3 }),
        imagePolicy: imagePolicy('v3'),
      }),
      at(0),
    ).world;
    expect(pinned.rollout.status?.availableReleases?.map((v) => v.tag)).toEqual([
      'v1',
      'v2',
      'v3',
      'hotfix-1',
    ]);
    const unpinned = {
      ...pinned,
      rollout: { ...pinned.rollout, spec: { releasesImagePolicy: { name: 'app' } } },
      imagePolicy: imagePolicy('v4'),
    };
    expect(decideStable(unpinned, at(1)).plan.status?.currentVersion).toBe('v4');
  });

  it('refuses and clears a force-deploy while pinned', () => {
    const w = observed({
      rollout: rollout({ wantedVersion: 'v3' }, { status: onV3, annotations: { [A.force]: 'v2' } }),
      imagePolicy: imagePolicy('v3'),
    });
    const { plan } = decideStable(w, at(0));
    expect(plan.patches).toEqual([]);
    expect(plan.clearAnnotations).toEqual([A.force]);
    expect(plan.events).toEqual([
      {
        type: 'Warning',
        reason: 'ForceDeployRefused',
        message:
          'Force deploy of v2 refused: the rollout is pinned to v3 by spec.wantedVersion; unpin it first, or pin v2',
      },
    ]);
    expect(cond(plan.status, 'ManualRequest')).toMatchObject({
      status: 'False',
      reason: 'ForceDeployRefused',
    });
  });
});

describe('retry', () => {
  const failed = entry(3, 'v3', {
    timestamp: iso(-30),
    bakeStatus: 'Failed',
    bakeStatusMessage: 'A HealthCheck reported an error after bake started.',
    bakeStartTime: iso(-25),
    bakeEndTime: iso(-20),
    failedHealthChecks: [{ name: 'hc0', namespace: 'prod' }],
  });
  const checks = (s: HealthCheckStatus) => [healthCheck('hc0', { class: 'external', status: s })];

  it('puts a Failed history[0] back to Deploying, forgets earlier errors, and consumes the annotation', () => {
    const w = observed({
      rollout: rollout(
        { bakeTime: '10m', healthCheckSelector: selector },
        { status: status([failed]), annotations: { [A.retry]: 'now' } },
      ),
      imagePolicy: imagePolicy('v3'),
      healthChecks: checks({ status: 'Unhealthy', lastChangeTime: iso(-20), lastErrorTime: iso(-20) }),
    });
    const { plan, world } = decideStable(w, at(0));
    expect(plan.status?.history?.[0]).toEqual({
      id: 3,
      version: { tag: 'v3' },
      timestamp: iso(-30),
      message: 'Automatic deployment',
      triggeredBy: { kind: 'System', name: 'kuberik' },
      bakeStatus: 'Deploying',
      bakeStatusMessage: 'Waiting for health checks to become healthy before starting bake.',
      lastRetryTimestamp: iso(0),
    });
    expect(plan.clearAnnotations).toEqual([A.retry]);
    expect(plan.events).toContainEqual({
      type: 'Normal',
      reason: 'RetryRequested',
      message: `Retry requested; bake status reset at ${iso(0)}`,
    });
    expect(plan.status?.phase).toBe('Deploying');
    // Health after the retry starts the bake.
    const healed = {
      ...world,
      healthChecks: checks({ status: 'Healthy', lastChangeTime: iso(1), lastErrorTime: iso(-20) }),
    };
    expect(decideStable(healed, at(1)).plan.status?.history?.[0]?.bakeStatus).toBe('InProgress');
  });

  it('re-observes kustomization checks at the retry, so a healthy Kustomization bakes right away', () => {
    const w = observed({
      rollout: rollout(
        { healthCheckSelector: selector },
        { status: status([failed]), annotations: { [A.retry]: '1' } },
      ),
      imagePolicy: imagePolicy('v3'),
      healthChecks: [
        healthCheck('app-ks', {
          kustomization: 'app',
          status: { status: 'Unhealthy', message: 'x', lastChangeTime: iso(-20), lastErrorTime: iso(-20) },
        }),
      ],
    });
    const { plan } = decideStable(w, at(0));
    expect(plan.status?.history?.[0]).toMatchObject({ bakeStatus: 'Succeeded', lastRetryTimestamp: iso(0) });
  });

  it('refuses and clears the annotation when there is nothing to retry', () => {
    const w = observed({
      rollout: rollout(
        {},
        { status: status([entry(1, 'v3', { bakeStatus: 'Succeeded' })]), annotations: { [A.retry]: 'x' } },
      ),
      imagePolicy: imagePolicy('v3'),
    });
    const { plan } = decideStable(w, at(0));
    expect(plan.clearAnnotations).toEqual([A.retry]);
    expect(plan.events).toEqual([
      { type: 'Warning', reason: 'RetryRefused', message: 'Retry refused: v3 is Succeeded, not Failed' },
    ]);
    expect(cond(plan.status, 'ManualRequest')).toMatchObject({ status: 'False', reason: 'RetryRefused' });
    expect(plan.patches).toEqual([]);
  });
});

describe('recovery mode on an active incident', () => {
  it('a manual deploy onto an unhealthy environment does not fail on those checks', () => {
    const sick = healthCheck('db', {
      class: 'external',
      status: { status: 'Unhealthy', message: 'down', lastChangeTime: iso(-5), lastErrorTime: iso(-5) },
    });
    const w = observed({
      rollout: rollout(
        { bakeTime: '10m', deployTimeout: '2m', healthCheckSelector: selector },
        { status: status([entry(1, 'v1', { bakeStatus: 'Succeeded' })]), annotations: { [A.force]: 'v2' } },
      ),
      imagePolicy: imagePolicy('v1'),
      healthChecks: [sick],
    });
    const { plan, world } = decideStable(w, at(0));
    expect(cond(plan.status, 'BakeFailureDisabled')).toMatchObject({
      status: 'True',
      reason: 'DeployedWithUnhealthyHealthChecks',
      message: 'Deployed during an active incident. Health check failures will not fail this deployment.',
    });
    // The deploy reset the check (spec §10.2); its provider reports the incident again.
    const stillSick = {
      ...world,
      healthChecks: [
        {
          ...sick,
          status: {
            status: 'Unhealthy' as const,
            message: 'down',
            lastChangeTime: iso(1),
            lastErrorTime: iso(1),
          },
        },
      ],
    };
    const later = decideStable(stillSick, at(5));
    expect(later.plan.status?.history?.[0]).toMatchObject({
      bakeStatus: 'Deploying',
      failedHealthChecks: [{ name: 'db', namespace: 'prod', message: 'down' }],
    });
  });
});
