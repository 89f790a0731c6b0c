// The status the engine writes on a kustomization-class HealthCheck (spec §2.4): when it writes at
// all, how lastChangeTime and lastErrorTime move, and what an OCI-fed Kustomization must have applied.
import { describe, expect, it } from 'vitest';
import type { Condition, HealthCheckStatus, Kustomization } from '../model/index.js';
import { refreshKustomizationHealthChecks, type RefreshOptions } from './healthcheck-status.js';
import { healthCheck, kustomization } from './test-support/fixtures.js';

const NOW = '2026-11-27T10:00:00Z';
const now = new Date(NOW);
const EARLIER = '2026-11-27T09:00:00Z';
const EARLIEST = '2026-11-27T08:00:00Z';
const READY = 'Kustomization prod/app is ready: Applied revision: main@sha1:abc';

/** The check on Kustomization `app` as the engine leaves it, and whether it wrote it. */
function refresh(
  status: HealthCheckStatus | undefined,
  kustomizations: Kustomization[] = [kustomization('app')],
  options: Partial<RefreshOptions> = {},
): { status: HealthCheckStatus | undefined; written: boolean } {
  const hc = healthCheck('web', { kustomization: 'app', ...(status ? { status } : {}) });
  const { healthChecks, writes } = refreshKustomizationHealthChecks([hc], kustomizations, {
    now,
    ...options,
  });
  expect(writes.map((w) => w.status)).toEqual(writes.length > 0 ? [healthChecks[0]!.status] : []);
  return { status: healthChecks[0]!.status, written: writes.length > 0 };
}

const failedAt = (time: string, message = 'kustomize build failed'): Kustomization =>
  kustomization('app', {
    ready: { status: 'False', reason: 'BuildFailed', message, lastTransitionTime: time } as Condition,
  });
const FAILED = 'Kustomization prod/app is not ready (BuildFailed): kustomize build failed';
const MISSING = 'Kustomization prod/app not found';

describe('refreshKustomizationHealthChecks: when it writes', () => {
  it('writes nothing while the status is the same', () => {
    expect(refresh({ status: 'Healthy', message: READY, lastChangeTime: EARLIER })).toEqual({
      status: { status: 'Healthy', message: READY, lastChangeTime: EARLIER },
      written: false,
    });
  });

  it('rewrites a status that differs only in its status field', () => {
    const r = refresh({ status: 'Pending', message: READY, lastChangeTime: NOW });
    expect(r).toEqual({ status: { status: 'Healthy', message: READY, lastChangeTime: NOW }, written: true });
  });

  it('dates a status that has no lastChangeTime', () => {
    const r = refresh({ status: 'Healthy', message: READY });
    expect(r).toEqual({ status: { status: 'Healthy', message: READY, lastChangeTime: NOW }, written: true });
  });

  it('dates a first failure of the Kustomization by its Ready transition', () => {
    expect(
      refresh({ status: 'Healthy', message: READY, lastChangeTime: EARLIEST }, [failedAt(EARLIER)]),
    ).toEqual({
      status: { status: 'Unhealthy', message: FAILED, lastChangeTime: NOW, lastErrorTime: EARLIER },
      written: true,
    });
  });

  it('moves lastErrorTime to a new failure of the Kustomization, even with the same message', () => {
    const old = { status: 'Unhealthy' as const, message: FAILED, lastChangeTime: EARLIEST };
    expect(refresh({ ...old, lastErrorTime: EARLIEST }, [failedAt(EARLIER)])).toEqual({
      status: { ...old, lastErrorTime: EARLIER },
      written: true,
    });
    // A failure dated before the one already recorded does not move it back.
    expect(refresh({ ...old, lastErrorTime: EARLIER }, [failedAt(EARLIEST)]).written).toBe(false);
  });
});

/** A status that changed, and last failed, at `time`. */
const since = (time: string, status: HealthCheckStatus['status'], message: string): HealthCheckStatus => ({
  status,
  message,
  lastChangeTime: time,
  lastErrorTime: time,
});

describe('refreshKustomizationHealthChecks: lastErrorTime without a witness (missing Kustomization)', () => {
  it('a first failure is dated now', () => {
    expect(refresh({ status: 'Healthy', message: READY, lastChangeTime: EARLIER }, []).status).toEqual({
      status: 'Unhealthy',
      message: MISSING,
      lastChangeTime: NOW,
      lastErrorTime: NOW,
    });
  });

  it('the same failure going on keeps its date', () => {
    const old = since(EARLIER, 'Unhealthy', MISSING);
    expect(refresh(old, [])).toEqual({ status: old, written: false });
  });

  it('another failure is dated now', () => {
    const old = since(EARLIER, 'Unhealthy', FAILED);
    expect(refresh(old, []).status).toMatchObject({ message: MISSING, lastErrorTime: NOW });
  });

  it('the same words after a status that was not a failure are a new failure', () => {
    const old = since(EARLIER, 'Pending', MISSING);
    expect(refresh(old, []).status).toMatchObject({ status: 'Unhealthy', lastErrorTime: NOW });
  });

  it('without a hidden() option a missing Kustomization is simply missing', () => {
    expect(refresh(undefined, [], {}).status).toMatchObject({ status: 'Unhealthy', message: MISSING });
  });
});

describe('refreshKustomizationHealthChecks: lastErrorTime after a failure', () => {
  const old = since(EARLIEST, 'Unhealthy', FAILED);

  it('is kept once healthy again', () => {
    expect(refresh(old).status).toEqual({
      status: 'Healthy',
      message: READY,
      lastChangeTime: NOW,
      lastErrorTime: EARLIEST,
    });
  });

  it('is kept on a status without lastChangeTime when nothing was deployed', () => {
    const undated = { status: 'Healthy' as const, message: READY, lastErrorTime: EARLIEST };
    expect(refresh(undated).status).toEqual({ ...undated, lastChangeTime: NOW });
  });

  it('is dropped at a deploy, also from a status without lastChangeTime', () => {
    const cutoff = Date.parse(EARLIER);
    expect(refresh(old, undefined, { cutoff }).status).toEqual({
      status: 'Healthy',
      message: READY,
      lastChangeTime: NOW,
    });
    const undated = { status: 'Healthy' as const, message: READY, lastErrorTime: EARLIEST };
    expect(refresh(undated, undefined, { cutoff }).status).toEqual({
      status: 'Healthy',
      message: READY,
      lastChangeTime: NOW,
    });
  });
});

describe('refreshKustomizationHealthChecks: which Kustomization', () => {
  it('reads the one the check names, not another in its namespace', () => {
    const named = healthCheck('web', { kustomization: 'app2' });
    const both = [failedAt(EARLIER), kustomization('app2')];
    const { healthChecks } = refreshKustomizationHealthChecks([named], both, { now });
    expect(healthChecks[0]!.status).toMatchObject({
      status: 'Healthy',
      message: 'Kustomization prod/app2 is ready: Applied revision: main@sha1:abc',
    });
  });
});

describe('refreshKustomizationHealthChecks: a Kustomization fed by the deployed OCIRepository', () => {
  const applied = (revision?: string): Kustomization => {
    const k = kustomization('app');
    k.status = { ...k.status, ...(revision !== undefined ? { lastAppliedRevision: revision } : {}) };
    return k;
  };
  const fed = { revisionOf: { kustomizations: new Set(['prod/app']), tag: 'v2' } };

  it('is healthy once it applied the tag (bare or with a digest)', () => {
    expect(refresh(undefined, [applied('v2')], fed).status?.status).toBe('Healthy');
    expect(refresh(undefined, [applied('v2@sha256:abc')], fed).status?.status).toBe('Healthy');
  });

  it('is pending, saying what it applied, until then', () => {
    expect(refresh(undefined, [applied('v1@sha256:abc')], fed).status).toMatchObject({
      status: 'Pending',
      message:
        'Kustomization prod/app has not applied v2 from its OCIRepository yet (applied: v1@sha256:abc)',
    });
    expect(refresh(undefined, [applied()], fed).status).toMatchObject({
      status: 'Pending',
      message: 'Kustomization prod/app has not applied v2 from its OCIRepository yet (applied: nothing)',
    });
  });

  it('a failed one stays Unhealthy, whatever it applied', () => {
    const k = failedAt(EARLIER);
    k.status = { ...k.status, lastAppliedRevision: 'v1' };
    expect(refresh(undefined, [k], fed).status).toMatchObject({ status: 'Unhealthy', message: FAILED });
  });
});
