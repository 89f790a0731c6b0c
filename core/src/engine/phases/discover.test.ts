// Discover: the ImagePolicy's release joins availableReleases, and ReleasesUpdated says how.
import { describe, expect, it } from 'vitest';
import { getCondition } from '../conditions.js';
import { imagePolicy, observed, rollout } from '../test-support/fixtures.js';
import { before, frozen } from '../test-support/phases.js';
import { discover } from './discover.js';

const now = new Date('2026-11-27T10:00:00Z');
const known = rollout({}, { status: { availableReleases: [{ tag: 'v1' }] } });

describe('discover phase', () => {
  it('appends the reported release once and marks ReleasesUpdated True', () => {
    const { ctx, state } = before(
      discover,
      observed({ rollout: known, imagePolicy: imagePolicy('v2') }),
      now,
    );
    const out = discover(ctx, frozen(state));
    expect(out.availableReleases.map((v) => v.tag)).toEqual(['v1', 'v2']);
    expect(getCondition(out.conditions, 'ReleasesUpdated')).toMatchObject({ status: 'True' });
    const again = discover(ctx, out);
    expect(again.availableReleases.map((v) => v.tag)).toEqual(['v1', 'v2']);
  });

  it('a missing ImagePolicy keeps the releases and names the policy to create', () => {
    const w = observed({ rollout: known });
    delete w.imagePolicy;
    const { ctx, state } = before(discover, w, now);
    const out = discover(ctx, frozen(state));
    expect(out.availableReleases.map((v) => v.tag)).toEqual(['v1']);
    expect(out.policyMissing).toBe(
      'ImagePolicy prod/app not found; create it or fix spec.releasesImagePolicy',
    );
    expect(getCondition(out.conditions, 'ReleasesUpdated')).toMatchObject({
      status: 'False',
      reason: 'ImagePolicyNotFound',
    });
  });

  it('an invalid tag is reported, not recorded', () => {
    const { ctx, state } = before(
      discover,
      observed({ rollout: known, imagePolicy: imagePolicy('no good') }),
      now,
    );
    const out = discover(ctx, frozen(state));
    expect(out.availableReleases.map((v) => v.tag)).toEqual(['v1']);
    expect(out.policyMissing).toBeUndefined();
    expect(getCondition(out.conditions, 'ReleasesUpdated')).toMatchObject({
      status: 'False',
      reason: 'InvalidTag',
    });
  });
});
