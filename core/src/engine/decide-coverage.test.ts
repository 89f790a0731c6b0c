// Issue 10 point 9: a kustomization-class check whose Kustomization's Ready ignores workloads.
import { describe, expect, it } from 'vitest';
import type { Kustomization, RolloutStatus } from '../model/index.js';
import { decideStable } from './test-support/expect.js';
import { healthCheck, imagePolicy, kustomization, observed, rollout } from './test-support/fixtures.js';

const now = new Date('2026-11-27T10:00:00Z');
const selector = { selector: { matchLabels: { app: 'app' } } };
const status: RolloutStatus = {
  availableReleases: [{ tag: 'v1' }],
  currentVersion: 'v1',
  history: [{ id: 1, version: { tag: 'v1' }, timestamp: '2026-11-27T09:00:00Z', bakeStatus: 'Succeeded' }],
};
const withSpec = (k: Kustomization, extra: Record<string, unknown>): Kustomization => ({
  ...k,
  spec: { ...k.spec, ...extra },
});
const world = (k: Kustomization) =>
  observed({
    rollout: rollout({ healthCheckSelector: selector }, { status }),
    imagePolicy: imagePolicy('v1'),
    kustomizations: [k],
    healthChecks: [healthCheck('app-ks', { kustomization: 'app' })],
  });
const coverage = (s: RolloutStatus | undefined) =>
  s?.conditions?.find((c) => c.type === 'WorkloadHealthCovered');
const base = kustomization('app', { substitute: { APP_VERSION: 'v1' } });

describe('WorkloadHealthCovered', () => {
  it('warns when the Kustomization neither waits nor lists healthChecks', () => {
    const { plan } = decideStable(world(base), now);
    expect(coverage(plan.status)).toMatchObject({
      status: 'False',
      reason: 'KustomizationReadyIgnoresWorkloads',
      message:
        'Kustomization prod/app has neither spec.wait: true nor spec.healthChecks, so Ready does not cover the workloads: a broken Deployment would bake and succeed; set spec.wait: true',
    });
  });

  it.each([
    ['spec.wait: true', { wait: true }],
    ['spec.healthChecks', { healthChecks: [{ kind: 'Deployment', name: 'app', namespace: 'prod' }] }],
  ])('is absent with %s, and a fix removes a shown warning', (_what, extra) => {
    const shown = decideStable(world(base), now).world;
    const fixed = { ...shown, kustomizations: [withSpec(base, extra)] };
    const { plan } = decideStable(fixed, now);
    expect(coverage(plan.status)).toBeUndefined();
    expect(plan.status).toBeDefined();
  });

  it('says nothing for rollouts without kustomization-class checks', () => {
    const { plan } = decideStable(
      observed({ rollout: rollout({}, { status }), imagePolicy: imagePolicy('v1'), kustomizations: [base] }),
      now,
    );
    expect(coverage(plan.status)).toBeUndefined();
  });
});
