// The health the engine writes for a kustomization-class HealthCheck (spec §2.4): what each
// Kustomization state reads as, when the failure was witnessed, and which Kustomization it names.
import { describe, expect, it } from 'vitest';
import type { Condition, HealthCheck, Kustomization } from '../model/index.js';
import { isKustomizationClass, kustomizationHealth, kustomizationRef } from './health.js';
import { kustomization } from './test-support/fixtures.js';

const withConditions = (conditions: Condition[], extra: Partial<Kustomization['status']> = {}) => {
  const k = kustomization('app');
  k.status = { ...k.status, ...extra, conditions };
  return k;
};
const failed: Condition = {
  type: 'Ready',
  status: 'False',
  reason: 'BuildFailed',
  message: 'kustomize build failed',
  lastTransitionTime: '2026-11-27T10:00:00Z',
};

describe('kustomizationHealth', () => {
  it('dates a failure by its Stalled condition when there is one, else by Ready', () => {
    const stalled: Condition = {
      type: 'Stalled',
      status: 'True',
      reason: 'BuildFailed',
      message: '',
      lastTransitionTime: '2026-11-27T09:00:00Z',
    };
    const notStalled = { ...stalled, status: 'False' as const, lastTransitionTime: '2026-11-27T08:00:00Z' };
    const other = { ...stalled, type: 'Reconciling', lastTransitionTime: '2026-11-27T07:00:00Z' };
    expect(kustomizationHealth(withConditions([other, stalled, failed])).errorTime).toBe(
      '2026-11-27T09:00:00Z',
    );
    expect(kustomizationHealth(withConditions([notStalled, failed])).errorTime).toBe('2026-11-27T10:00:00Z');
    expect(kustomizationHealth(withConditions([other, failed])).errorTime).toBe('2026-11-27T10:00:00Z');
  });

  it('names the failure reason, or says there is none', () => {
    expect(kustomizationHealth(withConditions([failed]))).toEqual({
      status: 'Unhealthy',
      message: 'Kustomization prod/app is not ready (BuildFailed): kustomize build failed',
      errorTime: '2026-11-27T10:00:00Z',
    });
    const bare = { ...failed, reason: '', message: '', lastTransitionTime: '' };
    expect(kustomizationHealth(withConditions([bare]))).toStrictEqual({
      status: 'Unhealthy',
      message: 'Kustomization prod/app is not ready (no reason)',
    });
  });

  it('reads only the Ready condition', () => {
    const otherTrue: Condition = { ...failed, type: 'Healthy', status: 'True', reason: 'Ok', message: 'ok' };
    expect(kustomizationHealth(withConditions([otherTrue])).status).toBe('Pending');
    expect(kustomizationHealth(withConditions([otherTrue, failed])).status).toBe('Unhealthy');
  });

  it('is reconciling without a Ready condition or status, and says so', () => {
    expect(kustomizationHealth(withConditions([]))).toEqual({
      status: 'Pending',
      message: 'Kustomization prod/app is reconciling',
    });
    const k = kustomization('app');
    delete k.status;
    expect(kustomizationHealth(k)).toEqual({
      status: 'Pending',
      message: 'Kustomization prod/app is reconciling',
    });
    const progressing = { ...failed, reason: 'Progressing', message: 'building' };
    expect(kustomizationHealth(withConditions([progressing]))).toEqual({
      status: 'Pending',
      message: 'Kustomization prod/app is reconciling: building',
    });
  });

  it('counts Ready=True without a generation as the current one, and a missing one as unreconciled', () => {
    const k = kustomization('app');
    delete k.metadata.generation;
    expect(kustomizationHealth(k).status).toBe('Healthy');
    const unseen = kustomization('app', { generation: 2 });
    delete unseen.status!.observedGeneration;
    expect(kustomizationHealth(unseen)).toEqual({
      status: 'Pending',
      message: 'Kustomization prod/app has not reconciled generation 2 yet (observed -1)',
    });
  });

  it('a missing Kustomization without a name reads cleanly', () => {
    expect(kustomizationHealth(undefined)).toEqual({
      status: 'Unhealthy',
      message: 'Kustomization not found',
    });
  });
});

describe('kustomizationRef', () => {
  const hc = (annotations?: Record<string, string>, namespace: string | null = 'prod'): HealthCheck => ({
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'HealthCheck',
    metadata: { name: 'hc', ...(namespace ? { namespace } : {}), ...(annotations ? { annotations } : {}) },
    spec: { class: 'kustomization' },
  });
  const key = 'healthcheck.kuberik.com/kustomization';

  it('says the annotation is missing when it is absent or empty', () => {
    const error = { error: `annotation ${key} not found` };
    expect(kustomizationRef(hc())).toEqual(error);
    expect(kustomizationRef(hc({}))).toEqual(error);
    expect(kustomizationRef(hc({ [key]: '' }))).toEqual(error);
  });

  it('reads a bare name in the check’s namespace (default without one)', () => {
    expect(kustomizationRef(hc({ [key]: 'app' }))).toEqual({ namespace: 'prod', name: 'app' });
    expect(kustomizationRef(hc({ [key]: 'app' }, null))).toEqual({ namespace: 'default', name: 'app' });
  });

  it('a check without a spec is not of the kustomization class', () => {
    expect(isKustomizationClass({ ...hc(), spec: undefined } as unknown as HealthCheck)).toBe(false);
    expect(isKustomizationClass(hc())).toBe(true);
  });
});
