// Discover (§3.1): the release the ImagePolicy reports joins availableReleases, and
// ReleasesUpdated says whether the policy could be read.
import { RolloutConditions as C } from '../../model/index.js';
import { appendRelease, isValidTag, versionFromImagePolicy } from '../discovery.js';
import { withCondition, type PassContext, type PassState } from './pass.js';

export const RELEASES_UPDATED = 'Available releases were updated successfully from ImagePolicy';

export function discover(ctx: PassContext, state: PassState): PassState {
  const ref = ctx.rollout.spec?.releasesImagePolicy;
  const policyName = `${ref?.namespace ?? ctx.namespace}/${ref?.name ?? ''}`;
  const policy = ctx.observed.imagePolicy;
  if (!policy) {
    const policyMissing = `ImagePolicy ${policyName} not found; create it or fix spec.releasesImagePolicy`;
    return withCondition(ctx, { ...state, policyMissing }, C.ReleasesUpdated, {
      status: 'False',
      reason: 'ImagePolicyNotFound',
      message: policyMissing,
    });
  }
  const found = versionFromImagePolicy(policy);
  if (found && !isValidTag(found.tag)) {
    return withCondition(ctx, state, C.ReleasesUpdated, {
      status: 'False',
      reason: 'InvalidTag',
      message: `ImagePolicy ${policyName} reports "${found.tag}", which is not a valid image tag; fix the policy's tag filter`,
    });
  }
  const availableReleases = appendRelease(state.availableReleases, found);
  return withCondition(ctx, { ...state, availableReleases }, C.ReleasesUpdated, {
    status: 'True',
    reason: 'ReleasesUpdated',
    message: RELEASES_UPDATED,
  });
}
