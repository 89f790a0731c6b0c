// Issue 10 point 9: which Kustomizations behind kustomization-class checks have a Ready that ignores
// workloads, and how the warning names them.
import { describe, expect, it } from 'vitest';
import type { Kustomization } from '../model/index.js';
import { blindKustomizations, coverageCondition } from './coverage.js';
import { healthCheck, kustomization } from './test-support/fixtures.js';

const ks = (name: string, namespace: string, spec: Record<string, unknown> = {}): Kustomization => {
  const k = kustomization(name, { namespace });
  return { ...k, spec: { ...k.spec, ...spec } };
};

describe('blindKustomizations', () => {
  it('matches each check to its Kustomization by name and namespace, and lists the blind ones sorted, once', () => {
    const checks = [
      healthCheck('web', { kustomization: 'prod/web' }),
      healthCheck('api', { kustomization: 'apps/api' }),
      healthCheck('api-again', { kustomization: 'apps/api' }),
      healthCheck('db', { kustomization: 'prod/db' }),
    ];
    const kustomizations = [
      ks('web', 'prod'),
      ks('web', 'apps', { wait: true }),
      ks('api', 'prod', { wait: true }),
      ks('api', 'apps', { healthChecks: [] }),
      ks('db', 'prod', { wait: true }),
    ];
    expect(blindKustomizations(checks, kustomizations)).toEqual(['apps/api', 'prod/web']);
  });

  it('skips checks of another class, and Kustomizations that wait or list health checks', () => {
    const kustomizations = [
      ks('web', 'prod'),
      ks('api', 'prod', { healthChecks: [{ kind: 'Deployment', name: 'api' }] }),
    ];
    expect(
      blindKustomizations(
        [
          healthCheck('web', { kustomization: 'prod/web', class: 'other' }),
          healthCheck('api', { kustomization: 'api' }),
        ],
        kustomizations,
      ),
    ).toEqual([]);
    expect(
      blindKustomizations(
        [healthCheck('web', { kustomization: 'web' })],
        [ks('web', 'prod', { wait: 'yes' })],
      ),
    ).toEqual(['prod/web']);
  });
});

describe('coverageCondition', () => {
  it('is absent without blind Kustomizations and names one or several', () => {
    expect(coverageCondition([])).toBeUndefined();
    expect(coverageCondition(['prod/web'])?.message).toMatch(
      /^Kustomization prod\/web has neither spec\.wait/,
    );
    expect(coverageCondition(['apps/api', 'prod/web'])).toEqual({
      status: 'False',
      reason: 'KustomizationReadyIgnoresWorkloads',
      message:
        'Kustomizations apps/api, prod/web have neither spec.wait: true nor spec.healthChecks, so Ready does not cover the workloads: a broken Deployment would bake and succeed; set spec.wait: true',
    });
  });
});
