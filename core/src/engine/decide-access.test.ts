// Spec §10.6: what the driver cannot read holds automatic deploys, named in a condition; it is
// never mistaken for "missing".
import { describe, expect, it } from 'vitest';
import type { AccessProblem } from './access.js';
import { decide } from './decide.js';
import { decideStable } from './test-support/expect.js';
import { healthCheck, observed, rollout } from './test-support/fixtures.js';

const now = new Date('2026-11-27T10:00:00Z');
const kustomizationsDenied: AccessProblem = {
  resource: 'kustomizations.kustomize.toolkit.fluxcd.io',
  verb: 'list',
  namespace: 'flux-system',
};
const cond = (s: { conditions?: Array<{ type: string }> } | undefined, type: string) =>
  s?.conditions?.find((c) => c.type === type);

describe('fail closed on unreadable objects (spec §10.6)', () => {
  it('does not deploy automatically and names namespace, resource and verb', () => {
    const { plan } = decideStable(observed({ unreadable: [kustomizationsDenied] }), now);
    expect(plan.patches).toEqual([]);
    expect(plan.status?.phase).toBe('Blocked');
    expect(plan.status?.pendingVersion).toBe('v1.0.0');
    expect(cond(plan.status, 'DeploymentBlocked')).toMatchObject({
      status: 'True',
      reason: 'ReadForbidden',
      message: expect.stringContaining(
        'cannot list kustomizations.kustomize.toolkit.fluxcd.io in namespace flux-system',
      ),
    });
    expect(plan.events).toContainEqual(expect.objectContaining({ type: 'Warning', reason: 'ReadForbidden' }));
  });

  it('names cluster-scoped reads as such', () => {
    const plan = decide(
      observed({ unreadable: [{ resource: 'clusterrolloutschedules.kuberik.com', verb: 'watch' }] }),
      now,
    );
    expect(cond(plan.status, 'DeploymentBlocked')).toMatchObject({
      message: expect.stringContaining(
        'cannot watch clusterrolloutschedules.kuberik.com at the cluster scope',
      ),
    });
    expect(plan.patches).toEqual([]);
  });

  it('deploys once the read works again', () => {
    const blocked = decideStable(observed({ unreadable: [kustomizationsDenied] }), now).world;
    const { plan } = decideStable({ ...blocked, unreadable: [] }, now);
    expect(plan.patches).toHaveLength(1);
    expect(cond(plan.status, 'DeploymentBlocked')).toMatchObject({ status: 'False' });
  });

  it('still lets a pin deploy: only automatic deploys hold', () => {
    const plan = decide(
      observed({ rollout: rollout({ wantedVersion: 'v1.0.0' }), unreadable: [kustomizationsDenied] }),
      now,
    );
    expect(plan.patches).toHaveLength(1);
  });

  it('never writes "not found" into a HealthCheck whose Kustomization it cannot read', () => {
    const hc = healthCheck('app-ks', { kustomization: 'flux-system/app' });
    const world = observed({
      rollout: rollout({ healthCheckSelector: { selector: { matchLabels: { app: 'app' } } } }),
      healthChecks: [hc],
    });
    expect(decide(world, now).healthCheckStatuses[0]?.status.message).toContain('not found');
    const plan = decide({ ...world, unreadable: [kustomizationsDenied] }, now);
    expect(plan.healthCheckStatuses).toEqual([]);
  });
});
