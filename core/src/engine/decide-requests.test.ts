// Spec §10.9 and §10.10, from the reproductions of issue 11 (points 1 and 2).
import { describe, expect, it } from 'vitest';
import type { DeploymentHistoryEntry, RolloutStatus } from '../model/index.js';
import { decideStable } from './test-support/expect.js';
import { gate, imagePolicy, kustomization, observed, rollout } from './test-support/fixtures.js';

const T0 = Date.parse('2026-11-27T10:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const FORCE = 'rollout.kuberik.com/force-deploy';
const USER = 'rollout.kuberik.com/deploy-user';
const RETRY = 'rollout.kuberik.com/retry';

const succeeded = (tag: string): DeploymentHistoryEntry => ({
  id: 1,
  version: { tag },
  timestamp: '2026-11-27T09:00:00Z',
  message: 'Automatic deployment',
  triggeredBy: { kind: 'System', name: 'kuberik' },
  bakeStatus: 'Succeeded',
});
const onV3 = (tags = ['v1.0.0', 'v2.0.0', 'v3.0.0']): RolloutStatus => ({
  availableReleases: tags.map((tag) => ({ tag })),
  history: [succeeded('v3.0.0')],
  currentVersion: 'v3.0.0',
});
const cond = (s: RolloutStatus | undefined, type: string) => s?.conditions?.find((c) => c.type === type);
const unannotated = kustomization('app', { annotations: {}, substitute: { APP_VERSION: 'v3.0.0' } });

describe('a manual request that cannot take effect is refused, never kept (§10.10)', () => {
  it('a force-deploy without an annotated Kustomization is removed and never fires once it is fixed', () => {
    const blocked = observed({
      rollout: rollout({}, { status: onV3(), annotations: { [FORCE]: 'v1.0.0', [USER]: 'alice' } }),
      imagePolicy: imagePolicy('v3.0.0'),
      kustomizations: [unannotated],
    });
    const refused = decideStable(blocked, at(0));
    expect(refused.plan.patches).toEqual([]);
    expect(refused.plan.clearAnnotations.sort()).toEqual([FORCE, USER].sort());
    expect(refused.plan.events).toContainEqual(
      expect.objectContaining({ type: 'Warning', reason: 'ForceDeployRefused' }),
    );
    expect(cond(refused.plan.status, 'ManualRequest')).toMatchObject({
      status: 'False',
      reason: 'ForceDeployRefused',
    });
    expect(cond(refused.plan.status, 'ManualRequest')?.message).toMatch(
      /^Force deploy of v1\.0\.0 refused: No Kustomization is annotated/,
    );

    // Later the Kustomization is fixed and an approval gate is added: nothing is deployed.
    const fixed = {
      ...refused.world,
      kustomizations: [kustomization('app', { substitute: { APP_VERSION: 'v3.0.0' } })],
      gates: [gate('approval')],
    };
    const later = decideStable(fixed, at(5));
    expect(later.plan.patches).toEqual([]);
    expect(later.plan.status?.currentVersion ?? later.world.rollout.status?.currentVersion).toBe('v3.0.0');
  });

  it('a force-deploy and a retry on an invalid spec are refused and removed', () => {
    const w = observed({
      rollout: rollout(
        { bakeTime: 'soon' },
        { status: onV3(), annotations: { [FORCE]: 'v1.0.0', [RETRY]: 'now' } },
      ),
      imagePolicy: imagePolicy('v3.0.0'),
    });
    const { plan } = decideStable(w, at(0));
    expect(plan.patches).toEqual([]);
    expect(plan.clearAnnotations.sort()).toEqual([FORCE, RETRY].sort());
    expect(plan.events.map((e) => e.reason)).toEqual(
      expect.arrayContaining(['ForceDeployRefused', 'RetryRefused']),
    );
    expect(cond(plan.status, 'ManualRequest')?.message).toMatch(/spec is invalid \(spec\.bakeTime "soon"/);
  });

  it('a request that takes effect replaces an earlier refusal on the ManualRequest condition', () => {
    const w = observed({
      rollout: rollout({}, { status: onV3(), annotations: { [FORCE]: 'v9' } }),
      imagePolicy: imagePolicy('v3.0.0'),
    });
    const refused = decideStable(w, at(0)).world;
    const again = {
      ...refused,
      rollout: {
        ...refused.rollout,
        metadata: { ...refused.rollout.metadata, annotations: { [FORCE]: 'v2.0.0' } },
      },
    };
    const { plan } = decideStable(again, at(1));
    expect(plan.status?.currentVersion).toBe('v2.0.0');
    expect(cond(plan.status, 'ManualRequest')).toMatchObject({ status: 'True', reason: 'Accepted' });
  });
});

describe('a manual deploy is not undone by automation (§10.9)', () => {
  it('after deploying v1 by hand with v2 and v3 known and no gates, neither is deployed; v4 is', () => {
    const w = observed({
      rollout: rollout({}, { status: onV3(), annotations: { [FORCE]: 'v1.0.0' } }),
      imagePolicy: imagePolicy('v3.0.0'),
    });
    const forced = decideStable(w, at(0));
    expect(forced.plan.status?.currentVersion).toBe('v1.0.0');
    expect(forced.plan.status?.pendingVersion).toBeUndefined();
    expect(forced.plan.status?.releaseCandidates).toEqual([]);
    // Time passes with the same releases: automation stays put.
    const quiet = decideStable(forced.world, at(10));
    expect(quiet.world.rollout.status?.currentVersion).toBe('v1.0.0');
    expect(quiet.plan.patches).toEqual([]);
    // A release discovered afterwards starts its own lifecycle.
    const v4 = decideStable({ ...quiet.world, imagePolicy: imagePolicy('v4.0.0') }, at(11));
    expect(v4.plan.status?.currentVersion).toBe('v4.0.0');
  });
});
