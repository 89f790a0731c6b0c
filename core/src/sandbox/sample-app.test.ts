import { afterEach, describe, expect, it } from 'vitest';
import { allCrds } from '../model/crds.js';
import { sampleApp } from './sample-app.js';
import { startSandbox } from './sandbox.js';
import type { Sandbox, StoredObject } from './types.js';

let sb: Sandbox | undefined;
afterEach(async () => {
  await sb?.close();
  sb = undefined;
});

const at = new Date('2026-11-27T12:00:00.123Z');
const spec = (o: StoredObject | undefined) => (o?.spec ?? {}) as Record<string, unknown>;

describe('sampleApp', () => {
  it('is accepted by the API server and wired together: policy, Kustomization, health check, gate, rollout', async () => {
    sb = await startSandbox({ crds: allCrds() });
    const app = sampleApp({
      namespace: 'shop',
      name: 'cart',
      imageRepository: true,
      published: 'v1.0.0',
      applied: { version: 'v1.0.0', at },
      healthCheck: { displayName: 'cart deployment' },
      gate: { prettyName: 'Production approval' },
      labels: { team: 'web' },
      bakeTime: '5m',
    });
    sb.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    for (const o of app) sb.store.create(o);
    const get = (apiVersion: string, kind: string, name: string) =>
      sb!.store.get(apiVersion, kind, name, 'shop');

    const rollout = get('kuberik.com/v1alpha1', 'Rollout', 'cart');
    expect(rollout?.metadata?.labels).toEqual({ app: 'cart', team: 'web' });
    const policy = (spec(rollout).releasesImagePolicy as { name: string }).name;
    expect(get('image.toolkit.fluxcd.io/v1', 'ImagePolicy', policy)?.status).toMatchObject({
      latestRef: { name: 'ghcr.io/example/cart', tag: 'v1.0.0' },
    });
    expect(get('image.toolkit.fluxcd.io/v1', 'ImageRepository', 'cart')).toBeDefined();

    // The Kustomization names the rollout it takes APP_VERSION from, and Flux applied v1.0.0.
    const k = get('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'cart');
    expect(k?.metadata?.annotations?.['rollout.kuberik.com/substitute.APP_VERSION.from']).toBe('cart');
    expect(spec(k).postBuild).toEqual({ substitute: { APP_VERSION: 'v1.0.0' } });
    expect(k?.status).toMatchObject({
      observedGeneration: k?.metadata?.generation,
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-11-27T12:00:00Z' }],
    });

    // The rollout's selector finds the health check, and the gate holds the rollout.
    const selector = (
      spec(rollout).healthCheckSelector as { selector: { matchLabels: Record<string, string> } }
    ).selector.matchLabels;
    const labelSelector = Object.entries(selector)
      .map(([key, v]) => `${key}=${v}`)
      .join(',');
    const checks = sb.store.list('kuberik.com/v1alpha1', 'HealthCheck', { namespace: 'shop', labelSelector });
    expect(checks.map((c) => c.metadata?.name)).toEqual(['cart-kustomization']);
    const gate = get('kuberik.com/v1alpha1', 'RolloutGate', 'cart-approval');
    expect(spec(gate).rolloutRef).toEqual({ name: 'cart' });
    expect(gate?.metadata?.annotations?.['gate.kuberik.com/pretty-name']).toBe('Production approval');
    expect(spec(rollout).bakeTime).toBe('5m');
  });

  it('adds nothing that was not asked for', () => {
    const kinds = sampleApp({ namespace: 'shop', name: 'cart' }).map((o) => o.kind);
    expect(kinds).toEqual(['ImagePolicy', 'Kustomization', 'Rollout']);
    const [policy, k, rollout] = sampleApp({ namespace: 'shop', name: 'cart' });
    expect(policy?.status).toBeUndefined();
    expect(k?.status).toBeUndefined();
    expect(spec(k).postBuild).toBeUndefined();
    expect(spec(rollout)).toEqual({ releasesImagePolicy: { name: 'cart' } });
    expect(rollout?.metadata?.labels).toBeUndefined();
  });
});
