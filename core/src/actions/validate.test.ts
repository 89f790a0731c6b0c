import { describe, expect, it } from 'vitest';
import type { Rollout, RolloutGate, RolloutStatus } from '../model/index.js';
import { SCHEDULE_OWNER_LABEL } from './gate-edit.js';
import { ActionRejected, isRejection, rejectionOf, type Rejection } from './rejection.js';
import { bypassRefusal, failedVersion, rollbackTarget, unknownVersion, verdictTargets } from './validate.js';

const rollout = (status: Partial<RolloutStatus> = {}, wantedVersion?: string): Rollout =>
  ({
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'Rollout',
    metadata: { name: 'my-app', namespace: 'prod' },
    spec: { releasesImagePolicy: { name: 'my-app' }, ...(wantedVersion ? { wantedVersion } : {}) },
    status: {
      availableReleases: [{ tag: 'v1.0.0' }, { tag: 'v1.1.0' }, { tag: 'v1.2.0' }],
      releaseCandidates: [{ tag: 'v1.2.0' }],
      currentVersion: 'v1.1.0',
      pendingVersion: 'v1.2.0',
      history: [
        { id: 2, version: { tag: 'v1.1.0' }, timestamp: '2026-01-02T00:00:00Z', bakeStatus: 'Succeeded' },
        { id: 1, version: { tag: 'v0.9.0' }, timestamp: '2026-01-01T00:00:00Z', bakeStatus: 'Succeeded' },
      ],
      ...status,
    },
  }) as Rollout;

const gate = (name: string, spec: Partial<RolloutGate['spec']> = {}, schedule?: string): RolloutGate => ({
  apiVersion: 'kuberik.com/v1alpha1',
  kind: 'RolloutGate',
  metadata: {
    name,
    namespace: 'prod',
    ...(schedule ? { labels: { [SCHEDULE_OWNER_LABEL]: schedule } } : {}),
  },
  spec: { rolloutRef: { name: 'my-app' }, ...spec },
});
const approval = gate('production-approval');
const freeze = gate('freeze', { passing: false });
const hours = gate('office-hours', { passing: true }, 'office-hours');
const othersGate = { ...gate('their-gate'), spec: { rolloutRef: { name: 'billing' } } };

/** The rejection's kind, hint and message; or the value when it is not refused. */
const outcome = (x: unknown): unknown =>
  isRejection(x) ? { kind: x.kind, hint: x.hint, message: x.message } : x;

describe('approve and deny: which gates, or why not', () => {
  type Row = [string, Rollout, RolloutGate[], Parameters<typeof verdictTargets>[2], unknown];
  it.each<Row>([
    [
      'the pending version on every approval gate, closed ones reported',
      rollout(),
      [approval, freeze, hours, othersGate],
      { action: 'approve' },
      { version: 'v1.2.0', targets: [approval], closed: [freeze] },
    ],
    [
      'deny writes on closed gates too',
      rollout(),
      [approval, freeze],
      { action: 'deny', version: 'v1.0.0' },
      { version: 'v1.0.0', targets: [approval, freeze], closed: [] },
    ],
    [
      'an unknown version: not found, with close names',
      rollout(),
      [approval],
      { action: 'approve', version: 'v1.2' },
      {
        kind: 'VersionUnknown',
        hint: 'NotFound',
        message: 'version "v1.2" is not a release of my-app (did you mean "v1.2.0"?)',
      },
    ],
    [
      'an unknown version with nothing close lists the known ones',
      rollout(),
      [approval],
      { action: 'deny', version: 'zzz' },
      {
        kind: 'VersionUnknown',
        hint: 'NotFound',
        message: 'version "zzz" is not a release of my-app — known versions: v1.0.0, v1.1.0, v1.2.0',
      },
    ],
    [
      'no pending version and none named',
      rollout({ pendingVersion: undefined }),
      [approval],
      { action: 'approve' },
      {
        kind: 'NoPendingVersion',
        hint: 'Invalid',
        message: 'my-app has no pending version to approve — name one',
      },
    ],
    [
      'a gate that does not hold the rollout',
      rollout(),
      [approval, othersGate],
      { action: 'approve', gate: 'production-aproval' },
      {
        kind: 'GateNotFound',
        hint: 'NotFound',
        message:
          'gate "production-aproval" does not hold rollout my-app (did you mean "production-approval"?) — its gates: production-approval',
      },
    ],
    [
      'a gate of a rollout without gates',
      rollout(),
      [othersGate],
      { action: 'deny', gate: 'their-gate' },
      {
        kind: 'GateNotFound',
        hint: 'NotFound',
        message: 'gate "their-gate" does not hold rollout my-app — it has no RolloutGates',
      },
    ],
    [
      'a schedule-owned gate',
      rollout(),
      [hours],
      { action: 'deny', gate: 'office-hours' },
      {
        kind: 'ScheduleGate',
        hint: 'Invalid',
        message:
          'gate office-hours is managed by schedule office-hours; it opens and closes with the schedule — change the schedule instead',
      },
    ],
    [
      'approve on a named closed gate',
      rollout(),
      [approval, freeze],
      { action: 'approve', gate: 'freeze' },
      {
        kind: 'GateClosed',
        hint: 'Invalid',
        message:
          'cannot approve v1.2.0: gate freeze is closed (spec.passing: false) and an approval cannot open it — set spec.passing to true on the gate, or deploy past it: kubectl kuberik deploy my-app v1.2.0',
      },
    ],
    [
      'approve when only closed gates hold it',
      rollout(),
      [gate('production-approval', { allowedVersions: ['v1.2.0'] }), freeze],
      { action: 'approve' },
      expect.objectContaining({ kind: 'GateClosed', hint: 'Invalid' }),
    ],
    [
      'only schedule gates',
      rollout(),
      [hours],
      { action: 'approve' },
      {
        kind: 'NoGates',
        hint: 'Invalid',
        message: 'rollout my-app has no RolloutGate to approve v1.2.0 on',
      },
    ],
  ])('%s', (_t, r, gates, req, expected) => {
    expect(outcome(verdictTargets(r, gates, req))).toEqual(expected);
  });
});

describe('deploy, pin, bypass, rollback, retry, unblock: the refusals', () => {
  type Row = [string, () => unknown, unknown];
  it.each<Row>([
    ['deploy of a release', () => unknownVersion(rollout(), 'v1.0.0', 'deploy'), undefined],
    [
      'deploy of a tag that only ran before is not a release',
      () => unknownVersion(rollout(), 'v0.9.0', 'deploy'),
      expect.objectContaining({ kind: 'VersionUnknown', hint: 'NotFound' }),
    ],
    ['pin of a tag that ran before', () => unknownVersion(rollout(), 'v0.9.0', 'pin', true), undefined],
    [
      'a rollout that discovered nothing',
      () => unknownVersion(rollout({ availableReleases: [], history: [] }), 'v1', 'pin', true),
      {
        kind: 'VersionUnknown',
        hint: 'NotFound',
        message: 'version "v1" is not a release of my-app — it has discovered no releases yet',
      },
    ],
    ['bypass of a candidate', () => bypassRefusal(rollout(), 'v1.2.0'), undefined],
    [
      'bypass of the live version',
      () => bypassRefusal(rollout(), 'v1.1.0'),
      {
        kind: 'NotCandidate',
        hint: 'Invalid',
        message:
          'cannot bypass gates for v1.1.0: it is already deployed of my-app (candidates: v1.2.0); to deploy any known release now, use deploy without --bypass-gates',
      },
    ],
    [
      'bypass while pinned',
      () => bypassRefusal(rollout({}, 'v1.0.0'), 'v1.2.0'),
      {
        kind: 'Pinned',
        hint: 'Invalid',
        message: 'cannot bypass gates for v1.2.0: my-app is pinned to v1.0.0; unpin it first',
      },
    ],
    ['rollback defaults to the previous succeeded version', () => rollbackTarget(rollout()), 'v0.9.0'],
    ['rollback to a named release', () => rollbackTarget(rollout(), 'v1.0.0'), 'v1.0.0'],
    [
      'rollback with nothing earlier',
      () => rollbackTarget(rollout({ history: [] })),
      {
        kind: 'NoRollbackTarget',
        hint: 'Invalid',
        message: 'rollout my-app has no earlier succeeded version to roll back to — name one',
      },
    ],
    [
      'rollback to an unknown tag',
      () => rollbackTarget(rollout(), 'v7'),
      expect.objectContaining({ kind: 'VersionUnknown', hint: 'NotFound' }),
    ],
    [
      'retry when the latest bake succeeded',
      () => failedVersion(rollout(), 'retry'),
      {
        kind: 'NothingToRetry',
        hint: 'Invalid',
        message: 'nothing to retry: the latest deployment of my-app (v1.1.0) is Succeeded, not Failed',
      },
    ],
    [
      'retry before any deploy',
      () => failedVersion(rollout({ history: [] }), 'retry'),
      expect.objectContaining({
        kind: 'NothingToRetry',
        message: 'nothing to retry: rollout my-app has not deployed anything yet',
      }),
    ],
    [
      'unblock when nothing failed',
      () => failedVersion(rollout(), 'unblock'),
      {
        kind: 'NotBlocked',
        hint: 'Invalid',
        message: 'nothing to unblock: my-app is not blocked by a failed bake (latest v1.1.0 is Succeeded)',
      },
    ],
    [
      'retry and unblock of a failed bake name its version',
      () => {
        const failed = rollout({
          history: [
            { id: 3, version: { tag: 'v1.2.0' }, timestamp: '2026-01-03T00:00:00Z', bakeStatus: 'Failed' },
          ],
        });
        return [failedVersion(failed, 'retry'), failedVersion(failed, 'unblock')];
      },
      ['v1.2.0', 'v1.2.0'],
    ],
  ])('%s', (_t, run, expected) => {
    expect(outcome(run())).toEqual(expected);
  });
});

describe('ActionRejected', () => {
  it('is a KubeError of the hint kind that carries the rejection', () => {
    const r = unknownVersion(rollout(), 'v9', 'deploy') as Rejection;
    const e = new ActionRejected(r);
    expect(e).toMatchObject({ name: 'KubeError', kind: 'NotFound', message: r.message });
    expect(rejectionOf(e)).toBe(r);
    expect(rejectionOf(new Error('x'))).toBeUndefined();
  });
});
