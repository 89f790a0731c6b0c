// The rollout status is the intent record (the driver writes it before the Kustomization patches):
// a recorded deploy whose patch did not land is patched again, and health waits for Flux.
import { describe, expect, it } from 'vitest';
import type { DeploymentHistoryEntry, HealthCheckStatus } from '../model/index.js';
import { decide } from './decide.js';
import { decideStable } from './test-support/expect.js';
import { healthCheck, imagePolicy, kustomization, observed, rollout } from './test-support/fixtures.js';
import { decideOrFail, flux, step } from './test-support/world.js';

const T0 = Date.parse('2026-11-27T10:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const iso = (minutes: number) => at(minutes).toISOString().replace('.000Z', 'Z');
const selector = { selector: { matchLabels: { app: 'app' } } };

/** v2 recorded as deployed at T0 over v1 (or as the first deploy); the Kustomization holds `value`. */
function recorded(
  value: string | undefined,
  opts: { bakeStatus?: DeploymentHistoryEntry['bakeStatus']; first?: boolean; message?: string } = {},
) {
  const history: DeploymentHistoryEntry[] = [
    {
      id: 2,
      version: { tag: 'v2' },
      timestamp: iso(0),
      message: opts.message ?? 'Automatic deployment',
      triggeredBy: { kind: 'System', name: 'kuberik' },
      bakeStatus: opts.bakeStatus ?? 'Deploying',
      bakeStatusMessage: 'Waiting for health checks to become healthy before starting bake.',
    },
    ...(opts.first
      ? []
      : [{ id: 1, version: { tag: 'v1' }, timestamp: iso(-60), bakeStatus: 'Succeeded' as const }]),
  ];
  const checkStatus: HealthCheckStatus = {
    status: 'Healthy',
    message: 'Kustomization prod/app is ready: Applied revision: main@sha1:abc',
    lastChangeTime: iso(-30),
  };
  return observed({
    rollout: rollout(
      { bakeTime: '10m', healthCheckSelector: selector },
      {
        status: {
          availableReleases: [{ tag: 'v1' }, { tag: 'v2' }],
          history,
          currentVersion: 'v2',
        },
      },
    ),
    imagePolicy: imagePolicy('v2'),
    healthChecks: [healthCheck('app-ks', { kustomization: 'app', status: checkStatus })],
    kustomizations: [kustomization('app', value === undefined ? {} : { substitute: { APP_VERSION: value } })],
  });
}

const substituted = (p: ReturnType<typeof decide>) => p.patches.map((x) => [x.target.name, x.patch]);
const toV2 = [['app', { spec: { postBuild: { substitute: { APP_VERSION: 'v2' } } } }]];

describe('resuming a recorded deploy whose patch did not land', () => {
  it.each([
    ['the previous version', 'v1', 'Deploying', false],
    ['the previous version, bake already started', 'v1', 'InProgress', false],
    ['the previous version, no bake configured', 'v1', 'Succeeded', false],
    ['an empty value', '', 'Deploying', false],
    ['no value (first deploy)', undefined, 'Deploying', true],
  ] as const)('patches again when the Kustomization holds %s', (_what, value, bakeStatus, first) => {
    const w = recorded(value, { bakeStatus, first });
    const plan = decide(w, at(1));
    expect(substituted(plan)).toEqual(toV2);
    // Nothing is recorded twice and nothing is adopted.
    expect(plan.events.map((e) => e.reason)).not.toContain('Deployed');
    expect(plan.events.map((e) => e.reason)).not.toContain('Adopted');
    expect((plan.status?.history ?? w.rollout.status?.history)?.map((e) => e.version.tag)).toEqual(
      first ? ['v2'] : ['v2', 'v1'],
    );
  });

  it.each([
    ['the recorded version (the patch landed)', 'v2', 'Deploying'],
    ['a third version a user set', 'v9', 'Deploying'],
    ['the previous version, but the bake failed', 'v1', 'Failed'],
    ['the previous version, but the bake was cancelled', 'v1', 'Cancelled'],
  ] as const)('leaves it alone when it holds %s', (_what, value, bakeStatus) => {
    const plan = decideOrFail(recorded(value, { bakeStatus }), at(1));
    expect(plan.patches).toEqual([]);
  });

  it('does not patch an adopted entry', () => {
    const plan = decideOrFail(
      recorded('', { bakeStatus: 'Succeeded', first: true, message: 'Adopted running version' }),
      at(1),
    );
    expect(plan.patches).toEqual([]);
  });

  it('marks kustomization checks Pending and starts no bake on the stale Ready', () => {
    const plan = decide(recorded('v1'), at(1));
    expect(plan.healthCheckStatuses[0]?.status).toMatchObject({ status: 'Pending', lastChangeTime: iso(1) });
    expect(plan.status?.history?.[0]?.bakeStatus ?? 'Deploying').toBe('Deploying');
    expect(plan.status?.history?.[0]?.bakeStartTime).toBeUndefined();
  });

  it('a force-deploy the status already records is consumed, not deployed twice', () => {
    const w = recorded('v1');
    const h0 = { ...w.rollout.status!.history![0]!, message: 'Manual deployment' };
    h0.triggeredBy = { kind: 'User', name: 'alice' };
    const annotated = {
      ...w,
      rollout: {
        ...w.rollout,
        metadata: {
          ...w.rollout.metadata,
          annotations: {
            'rollout.kuberik.com/force-deploy': 'v2',
            'rollout.kuberik.com/deploy-message': 'hotfix',
          },
        },
        status: { ...w.rollout.status, history: [h0, ...w.rollout.status!.history!.slice(1)] },
      },
    };
    const { plan, world } = decideStable(annotated, at(1));
    expect(substituted(plan)).toEqual(toV2);
    expect(plan.clearAnnotations.sort()).toEqual([
      'rollout.kuberik.com/deploy-message',
      'rollout.kuberik.com/force-deploy',
    ]);
    expect(plan.events.map((e) => e.reason)).toEqual([]);
    expect(world.rollout.status?.history?.map((e) => [e.version.tag, e.bakeStatus])).toEqual([
      ['v2', 'Deploying'],
      ['v1', 'Succeeded'],
    ]);
  });

  it('an unblock-failed the recorded deploy already used is removed with the resumed patch', () => {
    const w = recorded('v1', { message: 'Automatic deployment, with failed bake unblock' });
    const annotated = {
      ...w,
      rollout: {
        ...w.rollout,
        metadata: { ...w.rollout.metadata, annotations: { 'rollout.kuberik.com/unblock-failed': 'true' } },
      },
    };
    const { plan } = decideStable(annotated, at(1));
    expect(substituted(plan)).toEqual(toV2);
    expect(plan.clearAnnotations).toEqual(['rollout.kuberik.com/unblock-failed']);
  });

  it('patches only the stale variables of a Kustomization', () => {
    const k = kustomization('app', {
      annotations: {
        'rollout.kuberik.com/substitute.APP_VERSION.from': 'app',
        'rollout.kuberik.com/substitute.SIDECAR_VERSION.from': 'app',
      },
      substitute: { APP_VERSION: 'v1', SIDECAR_VERSION: 'v9' },
    });
    const plan = decide({ ...recorded('v1'), kustomizations: [k] }, at(1));
    expect(substituted(plan)).toEqual(toV2);
  });

  it('is stable once the patch is applied, and bakes after Flux applied it', () => {
    const { world } = decideStable(recorded('v1'), at(1));
    expect(world.kustomizations[0]?.spec?.postBuild?.substitute).toEqual({ APP_VERSION: 'v2' });
    // Flux applies the new generation: the check turns Healthy and the bake starts.
    let w = flux(world, at(2));
    w = step(w, at(2)).world;
    expect(w.rollout.status?.history?.[0]).toMatchObject({ bakeStatus: 'InProgress', bakeStartTime: iso(2) });
    w = step(w, at(13)).world;
    expect(w.rollout.status?.history?.map((e) => [e.version.tag, e.bakeStatus])).toEqual([
      ['v2', 'Succeeded'],
      ['v1', 'Succeeded'],
    ]);
    expect(decide(w, at(13)).patches).toEqual([]);
  });
});
