// Issue 11 point 5: the sandbox checks `format: date-time` as the API server does, and the CRDs take
// every Go duration the engine takes (a bare "0" included).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKube, Kinds, type Kube } from '../kube/index.js';
import { allCrds } from '../model/index.js';
import { startSandbox } from './index.js';
import type { Sandbox } from './types.js';

let sb: Sandbox;
let kube: Kube;
beforeAll(async () => {
  sb = await startSandbox({ crds: allCrds() as object[] });
  kube = createKube({ kubeconfigText: sb.kubeconfig() });
});
afterAll(async () => {
  kube?.close();
  await sb?.close();
});

const rollout = (name: string, bakeTime: string) => ({
  apiVersion: 'kuberik.com/v1alpha1',
  kind: 'Rollout',
  metadata: { name, namespace: 'default' },
  spec: { releasesImagePolicy: { name: 'app' }, bakeTime },
});

describe('schema formats and durations', () => {
  it('refuses a HealthCheck lastChangeTime that is not a date, and stores one that is', async () => {
    await kube.create(Kinds.HealthCheck, {
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'HealthCheck',
      metadata: { name: 'hc', namespace: 'default' },
      spec: { class: 'external' },
    });
    const bad = await kube
      .mergePatch(
        Kinds.HealthCheck,
        'default',
        'hc',
        { status: { status: 'Healthy', lastChangeTime: 'yesterday' } },
        { status: true },
      )
      .catch((e: unknown) => e);
    expect(bad).toMatchObject({ kind: 'Invalid' });
    expect(String((bad as Error).message)).toContain('lastChangeTime');
    const good = await kube.mergePatch(
      Kinds.HealthCheck,
      'default',
      'hc',
      { status: { status: 'Healthy', lastChangeTime: '2026-12-03T08:00:00Z' } },
      { status: true },
    );
    expect(good.status?.lastChangeTime).toBe('2026-12-03T08:00:00Z');
  });

  it('accepts bakeTime "0" (a valid Go duration) and still refuses "soon"', async () => {
    await expect(kube.create(Kinds.Rollout, rollout('zero', '0') as never)).resolves.toBeTruthy();
    await expect(kube.create(Kinds.Rollout, rollout('soon', 'soon') as never)).rejects.toMatchObject({
      kind: 'Invalid',
    });
  });
});
