// What the status says about a decision (outcome.ts): the phase and the Ready, GatesPassing and
// DeploymentBlocked conditions, as a function of the state the decision ended in.
import { describe, expect, it } from 'vitest';
import type { DeploymentHistoryEntry } from '../model/index.js';
import { BakeMessages } from './bake.js';
import { ADOPTED, deploymentBlocked, gatesPassing, phaseOf, ready, type Outcome } from './outcome.js';
import { healthCheck } from './test-support/fixtures.js';

const o = (x: Partial<Outcome> = {}): Outcome => ({
  invalid: false,
  specProblems: [],
  releasesKnown: true,
  gatesOpen: true,
  scheduleProblems: [],
  unblocked: false,
  unhealthy: [],
  manual: false,
  namespace: 'prod',
  ...x,
});
const h = (bakeStatus: DeploymentHistoryEntry['bakeStatus'], e: Partial<DeploymentHistoryEntry> = {}) => ({
  history0: { id: 1, version: { tag: 'v1' }, timestamp: '2026-12-03T10:00:00Z', bakeStatus, ...e },
});
const sick = healthCheck('db', { status: { status: 'Unhealthy', message: 'down' } });

describe('phaseOf', () => {
  it.each<[string, Partial<Outcome>, string]>([
    ['invalid spec', { invalid: true, ...h('InProgress') }, 'Blocked'],
    ['deploying', { ...h('Deploying'), pendingVersion: 'v2' }, 'Deploying'],
    ['baking', { ...h('InProgress'), pendingVersion: 'v2' }, 'Baking'],
    [
      'a deploy without a Kustomization',
      { ...h('Succeeded'), pendingVersion: 'v2', deployProblem: 'x' },
      'Blocked',
    ],
    ['after a failed bake', { ...h('Failed'), pendingVersion: 'v2' }, 'Blocked'],
    [
      'after a failed bake, unblocked, gates closed',
      { ...h('Failed'), pendingVersion: 'v2', unblocked: true, gatesOpen: false },
      'WaitingForGates',
    ],
    [
      'after a failed bake, unblocked, nothing holds',
      { ...h('Failed'), pendingVersion: 'v2', unblocked: true },
      'Failed',
    ],
    [
      'reads forbidden',
      { ...h('Succeeded'), pendingVersion: 'v2', accessProblem: 'x', gatesOpen: false },
      'Blocked',
    ],
    [
      'reads forbidden, manual deploy waiting',
      { ...h('Succeeded'), pendingVersion: 'v2', accessProblem: 'x', manualPending: 'v2' },
      'Blocked',
    ],
    ['gates closed', { ...h('Succeeded'), pendingVersion: 'v2', gatesOpen: false }, 'WaitingForGates'],
    [
      'manual deploy waits, gates closed',
      { ...h('Succeeded'), pendingVersion: 'v2', gatesOpen: false, manualPending: 'v2', unhealthy: [] },
      'Blocked',
    ],
    ['unhealthy checks', { ...h('Succeeded'), pendingVersion: 'v2', unhealthy: [sick] }, 'Blocked'],
    ['nothing holds after success', { ...h('Succeeded'), pendingVersion: 'v2' }, 'Succeeded'],
    ['nothing holds, cancelled before', { ...h('Cancelled'), pendingVersion: 'v2' }, 'Idle'],
    ['nothing deployed, something pending', { pendingVersion: 'v2' }, 'Idle'],
    ['failed, nothing pending', { ...h('Failed'), rejectedVersion: 'v2' }, 'Failed'],
    ['rejected', { ...h('Succeeded'), rejectedVersion: 'v2' }, 'Rejected'],
    ['up to date', h('Succeeded'), 'Succeeded'],
    ['cancelled, nothing pending', h('Cancelled'), 'Idle'],
    ['empty', {}, 'Idle'],
  ])('%s → %s', (_what, x, phase) => expect(phaseOf(o(x))).toBe(phase));
});

describe('deploymentBlocked', () => {
  it('says manual deployments are not blocked, then forbidden reads, then the first unhealthy check', () => {
    expect(deploymentBlocked(o({ manual: true, unhealthy: [sick], accessProblem: 'x' }))).toEqual({
      status: 'False',
      reason: 'ManualDeployment',
      message: '',
    });
    expect(deploymentBlocked(o({ accessProblem: 'cannot list', unhealthy: [sick] }))).toEqual({
      status: 'True',
      reason: 'ReadForbidden',
      message: 'cannot list',
    });
    expect(deploymentBlocked(o())).toEqual({ status: 'False', reason: 'HealthChecksHealthy', message: '' });
    expect(deploymentBlocked(o({ unhealthy: [sick, healthCheck('web')] }))).toEqual({
      status: 'True',
      reason: 'UnhealthyHealthChecks',
      message: "HealthCheck 'db' in namespace 'prod' is not healthy (status: Unhealthy): down",
    });
    const bare = healthCheck('web', { status: { status: 'Unhealthy' } });
    delete bare.metadata.namespace;
    expect(deploymentBlocked(o({ unhealthy: [bare], namespace: 'apps' })).message).toBe(
      "HealthCheck 'web' in namespace 'apps' is not healthy (status: Unhealthy)",
    );
  });
});

describe('gatesPassing', () => {
  it.each<[string, Partial<Outcome>, [string, string, string]]>([
    [
      'bypassed',
      { bypassed: 'v2', pendingVersion: 'v2', gatesOpen: false },
      ['True', 'GatesBypassed', 'Gates bypassed for version v2'],
    ],
    [
      'bypassed but pinned',
      { bypassed: 'v2', pin: 'v1', pendingVersion: 'v1' },
      ['True', 'Pinned', 'Pinned to v1 by spec.wantedVersion; gates do not apply'],
    ],
    [
      'bad schedule',
      { scheduleProblems: ['a', 'b'], pendingVersion: 'v2' },
      ['False', 'InvalidSchedule', 'a; b'],
    ],
    [
      'bad schedule, nothing pending',
      { scheduleProblems: ['a'] },
      ['True', 'UpToDate', 'No pending version; the rollout is up to date'],
    ],
    [
      'bad schedule, manual deploy waiting',
      { scheduleProblems: ['a'], pendingVersion: 'v2', manualPending: 'v2' },
      ['True', 'AllGatesPassing', 'All gates are passing'],
    ],
    ['rejected', { rejectedVersion: 'v3' }, ['False', 'VersionRejected', 'v3 was rejected']],
    [
      'excluded',
      { pendingVersion: 'v2', excludedBy: 'gate a' },
      ['False', 'NoAllowedVersions', 'No release candidate is allowed by every gate: gate a'],
    ],
    [
      'excluded, manual deploy waiting',
      { pendingVersion: 'v2', excludedBy: 'gate a', manualPending: 'v2', gatesOpen: false },
      ['False', 'SomeGatesBlocking', 'Some gates are blocking deployment'],
    ],
  ])('%s', (_what, x, [status, reason, message]) =>
    expect(gatesPassing(o(x))).toEqual({ status, reason, message }),
  );
});

describe('ready', () => {
  it.each<[string, Partial<Outcome>, [string, string, string]]>([
    [
      'invalid',
      { invalid: true, specProblems: ['a', 'b'], deployProblem: 'x' },
      ['False', 'InvalidSpec', 'a; b'],
    ],
    [
      'deploy problem',
      { deployProblem: 'no Kustomization', policyMissing: 'y', ...h('Succeeded') },
      ['False', 'RolloutFailed', 'no Kustomization'],
    ],
    [
      'policy missing',
      { policyMissing: 'ImagePolicy app not found', ...h('Succeeded') },
      ['False', 'RolloutFailed', 'ImagePolicy app not found'],
    ],
    ['nothing deployed', {}, ['False', 'NotDeployed', 'No version has been deployed yet']],
    ['no releases', { releasesKnown: false }, ['False', 'NoReleasesAvailable', 'No releases available']],
    [
      'deploying',
      h('Deploying'),
      [
        'True',
        'RolloutSucceeded',
        'Release deployed successfully. Waiting for health checks to become healthy before starting bake',
      ],
    ],
    [
      'retrying',
      h('Deploying', { lastRetryTimestamp: '2026-12-03T10:05:00Z' }),
      [
        'Unknown',
        'RetryRequested',
        'Retry requested at 2026-12-03T10:05:00Z; waiting for health checks to become healthy before starting bake',
      ],
    ],
    [
      'baking',
      h('InProgress'),
      [
        'True',
        'RolloutSucceeded',
        'Release deployed successfully. Baking in progress, monitoring for errors',
      ],
    ],
    ['failed', h('Failed', { bakeStatusMessage: 'boom' }), ['False', 'BakeTimeFailed', 'boom']],
    ['failed without message', h('Failed'), ['False', 'BakeTimeFailed', 'Bake failed']],
    [
      'baked',
      h('Succeeded', { bakeEndTime: '2026-12-03T10:10:00Z', bakeStatusMessage: 'fine' }),
      ['True', 'BakeTimePassed', 'fine'],
    ],
    [
      'baked without message',
      h('Succeeded', { bakeEndTime: '2026-12-03T10:10:00Z' }),
      ['True', 'BakeTimePassed', BakeMessages.passed],
    ],
    ['adopted', h('Succeeded', { message: ADOPTED }), ['True', 'Adopted', 'Adopted running version v1']],
    [
      'succeeded without bake',
      h('Succeeded'),
      ['True', 'RolloutSucceeded', 'Release deployed successfully. Bake completed successfully'],
    ],
    [
      'cancelled',
      h('Cancelled', { bakeStatusMessage: 'new deploy' }),
      ['True', 'RolloutSucceeded', 'Bake cancelled: new deploy'],
    ],
    ['cancelled without message', h('Cancelled'), ['True', 'RolloutSucceeded', 'Bake cancelled:']],
    [
      'no bake status',
      h(undefined),
      ['True', 'RolloutSucceeded', 'Release deployed successfully. No bake status'],
    ],
  ])('%s', (_what, x, [status, reason, message]) => expect(ready(o(x))).toEqual({ status, reason, message }));
});
