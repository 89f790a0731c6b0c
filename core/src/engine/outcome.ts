// What the status says about the decision: phase and the Ready, GatesPassing and DeploymentBlocked
// conditions, each a function of the state the decision ended in (spec §2.1, upstream §2.16).
import type { DeploymentHistoryEntry, HealthCheck, RolloutPhase } from '../model/index.js';
import { BakeMessages } from './bake.js';
import { accessBlocked } from './access.js';
import type { ConditionValue } from './conditions.js';

export interface Outcome {
  invalid: boolean;
  specProblems: string[];
  history0?: DeploymentHistoryEntry;
  pendingVersion?: string;
  /** A manual deploy waits (pin or force-deploy not done yet). */
  manualPending?: string;
  pin?: string;
  /** A deploy (automatic or pinned) without a usable Kustomization. */
  deployProblem?: string;
  policyMissing?: string;
  releasesKnown: boolean;
  gatesOpen: boolean;
  /** Gates are bypassed for the pending version (rollout.kuberik.com/bypass-gates). */
  bypassed?: string;
  /** No candidate passes every gate's lists: which gates exclude the pending (newest) one. */
  excludedBy?: string;
  scheduleProblems: string[];
  /** The newest release after the current version, when it was rejected. */
  rejectedVersion?: string;
  unblocked: boolean;
  unhealthy: HealthCheck[];
  /** A pin or an unconsumed force-deploy stands. */
  manual: boolean;
  namespace: string;
  /** Reads RBAC refused (spec §10.6): automatic deploys hold. */
  accessProblem?: string;
}

export function phaseOf(o: Outcome): RolloutPhase {
  const bake = o.history0?.bakeStatus;
  if (o.invalid) return 'Blocked';
  if (bake === 'Deploying') return 'Deploying';
  if (bake === 'InProgress') return 'Baking';
  if (o.pendingVersion !== undefined) {
    if (o.deployProblem || (bake === 'Failed' && !o.unblocked)) return 'Blocked';
    // Gates and schedules that cannot be read may look open: the denial comes first.
    if (o.accessProblem && !o.manualPending) return 'Blocked';
    if (!o.manualPending && !o.gatesOpen) return 'WaitingForGates';
    if (o.unhealthy.length > 0 || o.manualPending) return 'Blocked';
    // Nothing holds it: it goes out on the next pass (a candidate newer than a manual deploy
    // that completed at once). Until then the phase tells the outcome of history[0].
    return bake === 'Failed' ? 'Failed' : bake === 'Succeeded' ? 'Succeeded' : 'Idle';
  }
  if (bake === 'Failed') return 'Failed';
  if (o.rejectedVersion) return 'Rejected';
  if (bake === 'Succeeded') return 'Succeeded';
  return 'Idle';
}

export function deploymentBlocked(o: Outcome): ConditionValue {
  if (o.manual) return { status: 'False', reason: 'ManualDeployment', message: '' };
  if (o.accessProblem) return accessBlocked(o.accessProblem);
  const first = o.unhealthy[0];
  if (!first) return { status: 'False', reason: 'HealthChecksHealthy', message: '' };
  const detail = first.status?.message ? `: ${first.status.message}` : '';
  return {
    status: 'True',
    reason: 'UnhealthyHealthChecks',
    message: `HealthCheck '${first.metadata.name}' in namespace '${first.metadata.namespace ?? o.namespace}' is not healthy (status: Unhealthy)${detail}`,
  };
}

export function gatesPassing(o: Outcome): ConditionValue {
  if (o.bypassed !== undefined && o.pin === undefined) {
    return { status: 'True', reason: 'GatesBypassed', message: `Gates bypassed for version ${o.bypassed}` };
  }
  if (o.scheduleProblems.length > 0 && o.pendingVersion !== undefined && !o.manualPending) {
    return { status: 'False', reason: 'InvalidSchedule', message: o.scheduleProblems.join('; ') };
  }
  if (o.pin !== undefined) {
    return {
      status: 'True',
      reason: 'Pinned',
      message: `Pinned to ${o.pin} by spec.wantedVersion; gates do not apply`,
    };
  }
  if (o.pendingVersion === undefined) {
    return o.rejectedVersion
      ? { status: 'False', reason: 'VersionRejected', message: `${o.rejectedVersion} was rejected` }
      : { status: 'True', reason: 'UpToDate', message: 'No pending version; the rollout is up to date' };
  }
  if (o.excludedBy && !o.manualPending) {
    return {
      status: 'False',
      reason: 'NoAllowedVersions',
      message: `No release candidate is allowed by every gate: ${o.excludedBy}`,
    };
  }
  return o.gatesOpen
    ? { status: 'True', reason: 'AllGatesPassing', message: 'All gates are passing' }
    : { status: 'False', reason: 'SomeGatesBlocking', message: 'Some gates are blocking deployment' };
}

const deployed = (summary: string): ConditionValue => ({
  status: 'True',
  reason: 'RolloutSucceeded',
  message: `Release deployed successfully. ${summary}`,
});

/** Problems first, then the outcome of history[0], with upstream reasons and messages. */
export function ready(o: Outcome): ConditionValue {
  if (o.invalid) return { status: 'False', reason: 'InvalidSpec', message: o.specProblems.join('; ') };
  for (const problem of [o.deployProblem, o.policyMissing]) {
    if (problem) return { status: 'False', reason: 'RolloutFailed', message: problem };
  }
  const h0 = o.history0;
  if (!h0) {
    return o.releasesKnown
      ? { status: 'False', reason: 'NotDeployed', message: 'No version has been deployed yet' }
      : { status: 'False', reason: 'NoReleasesAvailable', message: 'No releases available' };
  }
  switch (h0.bakeStatus) {
    case 'Deploying':
      return h0.lastRetryTimestamp
        ? {
            status: 'Unknown',
            reason: 'RetryRequested',
            message: `Retry requested at ${h0.lastRetryTimestamp}; waiting for health checks to become healthy before starting bake`,
          }
        : deployed('Waiting for health checks to become healthy before starting bake');
    case 'InProgress':
      return deployed('Baking in progress, monitoring for errors');
    case 'Failed':
      return { status: 'False', reason: 'BakeTimeFailed', message: h0.bakeStatusMessage ?? 'Bake failed' };
    case 'Succeeded':
      if (h0.bakeEndTime) {
        return {
          status: 'True',
          reason: 'BakeTimePassed',
          message: h0.bakeStatusMessage ?? BakeMessages.passed,
        };
      }
      if (h0.message === ADOPTED) {
        return { status: 'True', reason: 'Adopted', message: `Adopted running version ${h0.version.tag}` };
      }
      return deployed('Bake completed successfully');
    case 'Cancelled':
      return {
        status: 'True',
        reason: 'RolloutSucceeded',
        message: `Bake cancelled: ${h0.bakeStatusMessage ?? ''}`.trim(),
      };
    default:
      return deployed('No bake status');
  }
}

export const ADOPTED = 'Adopted running version';
