// One rollout's life, step by step with a moving clock: plans are applied to an in-memory world
// and Flux plays along, as the driver and the cluster would.
import { describe, expect, it } from 'vitest';
import type { Observed } from './plan.js';
import { decideStable } from './test-support/expect.js';
import { gate, healthCheck, kustomization, observed, rollout } from './test-support/fixtures.js';
import { annotate, flux, publish } from './test-support/world.js';

const T0 = Date.parse('2026-11-27T10:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

function approve(world: Observed, tag: string): Observed {
  const g = world.gates[0]!;
  return {
    ...world,
    gates: [{ ...g, spec: { ...g.spec, allowedVersions: [...(g.spec.allowedVersions ?? []), tag] } }],
  };
}

describe('story: adopt, approve, bake, fail, recover', () => {
  it('runs the whole lifecycle', () => {
    let world = observed({
      rollout: rollout({
        bakeTime: '10m',
        deployTimeout: '5m',
        healthCheckSelector: { selector: { matchLabels: { app: 'app' } } },
      }),
      kustomizations: [kustomization('app', { substitute: { APP_VERSION: 'v0.9.0' } })],
      healthChecks: [healthCheck('app-ks', { kustomization: 'app' })],
      gates: [gate('approval', { allowedVersions: [] })],
    });
    const step = (minutes: number) => {
      const r = decideStable(world, at(minutes));
      world = r.world;
      return r.plan;
    };
    const status = () => world.rollout.status!;
    const reasons = (p: ReturnType<typeof step>) => p.events.map((e) => e.reason);

    // First contact: the running version is adopted, the published one waits for approval.
    let plan = step(0);
    expect(reasons(plan)).toEqual(['Adopted']);
    expect(status()).toMatchObject({
      currentVersion: 'v0.9.0',
      pendingVersion: 'v1.0.0',
      phase: 'WaitingForGates',
    });
    expect(world.healthChecks[0]?.status?.status).toBe('Healthy');

    // Approval deploys: the Kustomization is patched and its check waits for Flux.
    world = approve(world, 'v1.0.0');
    plan = step(1);
    expect(reasons(plan)).toEqual(['Deployed']);
    expect(world.kustomizations[0]?.spec?.postBuild?.substitute).toEqual({ APP_VERSION: 'v1.0.0' });
    expect(world.kustomizations[0]?.metadata.generation).toBe(2);
    expect(status()).toMatchObject({ phase: 'Deploying', currentVersion: 'v1.0.0' });
    expect(world.healthChecks[0]?.status?.status).toBe('Pending');

    world = flux(world, at(1.5), { progressing: true });
    plan = step(1.5);
    expect(status().phase).toBe('Deploying');

    // Flux applies generation 2: the check turns Healthy and the bake starts in the same decision.
    world = flux(world, at(2));
    plan = step(2);
    expect(reasons(plan)).toEqual(['BakeStarted']);
    expect(status().history?.[0]?.bakeStartTime).toBe('2026-11-27T10:02:00Z');

    // A new version during the bake waits, even once approved.
    world = approve(publish(world, 'v1.1.0'), 'v1.1.0');
    plan = step(5);
    expect(status()).toMatchObject({ phase: 'Baking', pendingVersion: 'v1.1.0' });
    expect(plan.patches).toEqual([]);

    // Follow the plan's wake-up: the bake ends exactly at bakeStartTime + 10m, and v1.1.0 goes out.
    let now = 5;
    while (status().currentVersion === 'v1.0.0') {
      now = (plan.wakeAt!.getTime() - T0) / 60_000;
      expect(now).toBeLessThanOrEqual(12);
      plan = step(now);
    }
    expect(now).toBe(12);
    expect(reasons(plan)).toEqual(['Succeeded', 'Deployed']);
    expect(status().history?.map((h) => [h.version.tag, h.bakeStatus])).toEqual([
      ['v1.1.0', 'Deploying'],
      ['v1.0.0', 'Succeeded'],
      ['v0.9.0', 'Succeeded'],
    ]);

    // Flux fails v1.1.0: the bake fails and automation stops.
    world = flux(world, at(13), { fails: (values) => values.includes('v1.1.0') });
    plan = step(13);
    expect(reasons(plan)).toEqual(['Failed', 'HealthCheckBlocking']);
    expect(status()).toMatchObject({ phase: 'Failed' });
    expect(status().history?.[0]).toMatchObject({
      bakeStatus: 'Failed',
      failedHealthChecks: [{ name: 'app-ks', namespace: 'prod' }],
    });

    world = approve(publish(world, 'v1.2.0'), 'v1.2.0');
    plan = step(14);
    expect(status()).toMatchObject({ phase: 'Blocked', pendingVersion: 'v1.2.0' });
    expect(status().releaseCandidates?.map((v) => v.tag)).toEqual(['v1.2.0']);

    // The team forces the fix out: recovery mode, gates skipped, annotation consumed.
    world = annotate(world, {
      'rollout.kuberik.com/force-deploy': 'v1.2.0',
      'rollout.kuberik.com/deploy-user': 'alice',
    });
    plan = step(15);
    expect(reasons(plan)).toEqual(['Deployed']);
    expect(world.rollout.metadata.annotations).toEqual({});
    expect(status().history?.[0]).toMatchObject({
      version: { tag: 'v1.2.0' },
      triggeredBy: { kind: 'User', name: 'alice' },
    });
    expect(status().conditions?.find((c) => c.type === 'BakeFailureDisabled')?.status).toBe('True');

    world = flux(world, at(16));
    plan = step(16);
    expect(reasons(plan)).toEqual(['BakeStarted']);
    plan = step(26);
    expect(reasons(plan)).toEqual(['Succeeded']);
    expect(status()).toMatchObject({ phase: 'Succeeded', currentVersion: 'v1.2.0' });
    expect(status().pendingVersion).toBeUndefined();
    expect(status().conditions?.find((c) => c.type === 'GatesPassing')).toMatchObject({
      status: 'True',
      reason: 'UpToDate',
    });
    expect(plan.wakeAt).toBeUndefined();
  });
});
