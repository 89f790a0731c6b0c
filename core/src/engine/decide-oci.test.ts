// Spec §10.3: OCIRepository targets.
import { describe, expect, it } from 'vitest';
import type { OCIRepository, OCIRepositoryRef } from '../model/index.js';
import { decide } from './decide.js';
import { decideStable } from './test-support/expect.js';
import { healthCheck, kustomization, NS, observed, rollout } from './test-support/fixtures.js';

const now = new Date('2026-11-27T10:00:00Z');
const later = (s: number) => new Date(now.getTime() + s * 1000);

function ociRepo(
  name = 'app',
  ref: OCIRepositoryRef = {},
  annotation: string | undefined = 'app',
  ns = NS,
): OCIRepository {
  return {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'OCIRepository',
    metadata: {
      name,
      namespace: ns,
      resourceVersion: '7',
      ...(annotation ? { annotations: { 'rollout.kuberik.com/rollout': annotation } } : {}),
    },
    spec: { url: 'oci://ghcr.io/acme/app-manifests', interval: '1m', ref },
  };
}

describe('OCIRepository targets (spec §10.3)', () => {
  it('a rollout whose only target is an OCIRepository deploys by setting spec.ref.tag', () => {
    const { plan } = decideStable(observed({ kustomizations: [], ociRepositories: [ociRepo()] }), now);
    expect(plan.patches).toEqual([
      {
        target: {
          apiVersion: 'source.toolkit.fluxcd.io/v1',
          kind: 'OCIRepository',
          namespace: 'prod',
          name: 'app',
          resourceVersion: '7',
        },
        patch: { spec: { ref: { tag: 'v1.0.0' } } },
        reason: 'Deploy v1.0.0: set spec.ref.tag',
      },
    ]);
    expect(plan.status?.currentVersion).toBe('v1.0.0');
    expect(plan.events.map((e) => e.reason)).toContain('Deployed');
  });

  it('patches Kustomizations and OCIRepositories together; ignores other rollouts and namespaces', () => {
    const plan = decide(
      observed({
        ociRepositories: [
          ociRepo('app'),
          ociRepo('other', {}, 'other'),
          ociRepo('elsewhere', {}, 'app', 'staging'),
        ],
      }),
      now,
    );
    expect(plan.patches.map((p) => `${p.target.kind}/${p.target.name}`)).toEqual([
      'Kustomization/app',
      'OCIRepository/app',
    ]);
  });

  it('keeps ref.digest and ref.semver and warns that they override the tag', () => {
    const plan = decide(
      observed({
        kustomizations: [],
        ociRepositories: [ociRepo('app', { digest: 'sha256:abc', semver: '>=1' })],
      }),
      now,
    );
    expect(plan.patches[0]?.patch).toEqual({ spec: { ref: { tag: 'v1.0.0' } } });
    expect(plan.events).toContainEqual({
      type: 'Warning',
      reason: 'TagOverridden',
      message:
        'OCIRepository prod/app sets spec.ref.digest and spec.ref.semver, which Flux uses instead of spec.ref.tag: v1.0.0 takes effect only once they are removed',
    });
  });

  it('adopts the tag an OCIRepository already pulls', () => {
    const plan = decide(
      observed({ kustomizations: [], ociRepositories: [ociRepo('app', { tag: 'v1.0.0' })] }),
      now,
    );
    expect(plan.patches).toEqual([]);
    expect(plan.status?.history?.[0]).toMatchObject({
      version: { tag: 'v1.0.0' },
      message: 'Adopted running version',
    });
  });

  it('health of a Kustomization fed by the OCIRepository counts only once Flux applied the new tag', () => {
    const ks = (revision: string) => ({
      ...kustomization('app-manifests', { annotations: {} }),
      spec: { sourceRef: { kind: 'OCIRepository', name: 'app' } },
      status: {
        observedGeneration: 1,
        lastAppliedRevision: revision,
        conditions: [
          {
            type: 'Ready',
            status: 'True' as const,
            reason: 'ReconciliationSucceeded',
            message: 'ok',
            lastTransitionTime: '2026-01-01T00:00:00Z',
          },
        ],
      },
    });
    const base = observed({
      rollout: rollout({
        healthCheckSelector: { selector: { matchLabels: { app: 'app' } } },
        bakeTime: '5m',
      }),
      healthChecks: [healthCheck('app-ks', { kustomization: 'app-manifests' })],
      kustomizations: [ks('v0.9.0@sha256:old')],
      ociRepositories: [ociRepo('app', {})],
    });
    const { world } = decideStable(base, now);
    expect(world.rollout.status?.history?.[0]?.bakeStatus).toBe('Deploying');
    // Flux has not applied the new tag yet: the old Ready does not start the bake.
    const stale = decide({ ...world, kustomizations: [ks('v0.9.0@sha256:old')] }, later(10));
    expect(stale.status?.history?.[0]?.bakeStatus ?? 'Deploying').toBe('Deploying');
    const fresh = decide({ ...world, kustomizations: [ks('v1.0.0@sha256:new')] }, later(10));
    expect(fresh.status?.history?.[0]?.bakeStatus).toBe('InProgress');
  });
});
