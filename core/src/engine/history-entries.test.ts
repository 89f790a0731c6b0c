// History entries written at deploy time (spec §3.7, §4): ids, messages with their upstream suffixes,
// who is credited, the initial bake state, and recovery mode for the new deployment.
import { describe, expect, it } from 'vitest';
import type { DeploymentHistoryEntry } from '../model/index.js';
import { BakeMessages } from './bake.js';
import { cancelled, capList, newEntry, recoveryMode, type Deployment, type EntryInput } from './history.js';
import { healthCheck } from './test-support/fixtures.js';

const d = (x: Partial<Deployment> = {}): Deployment => ({
  tag: 'v2',
  manual: false,
  force: false,
  pin: false,
  skipped: [],
  ...x,
});
const prev = (bakeStatus: DeploymentHistoryEntry['bakeStatus'], id: unknown = 4): DeploymentHistoryEntry =>
  ({ id, version: { tag: 'v1' }, timestamp: '2026-12-03T09:00:00Z', bakeStatus }) as DeploymentHistoryEntry;
const input = (x: Partial<EntryInput>): EntryInput => ({
  deployment: d(),
  version: { tag: 'v2' },
  annotations: {},
  bakeConfigured: true,
  now: '2026-12-03T10:00:00Z',
  ...x,
});

describe('newEntry', () => {
  it('numbers after the previous entry and starts a bake when one is configured', () => {
    expect(newEntry(input({ previous: prev('Succeeded') }))).toEqual({
      id: 5,
      version: { tag: 'v2' },
      timestamp: '2026-12-03T10:00:00Z',
      message: 'Automatic deployment',
      triggeredBy: { kind: 'System', name: 'kuberik' },
      bakeStatus: 'Deploying',
      bakeStatusMessage: BakeMessages.waiting,
    });
    const first = newEntry(input({ bakeConfigured: false, previous: prev('Succeeded', 'x') }));
    expect(first).toMatchObject({ id: 1, bakeStatus: 'Succeeded', bakeStatusMessage: BakeMessages.noBake });
  });

  it('lists every suffix in upstream order', () => {
    const e = newEntry(
      input({
        deployment: d({ force: true, bypass: true, skipped: ['v1.5', 'v1.4'] }),
        previous: prev('Failed'),
      }),
    );
    expect(e.message).toBe(
      'Automatic deployment, with force deploy, with gate bypass, with failed bake unblock, skipped v1.5, v1.4',
    );
  });

  it('a manual deploy after a failure is no unblock, uses the deploy message, and credits the user', () => {
    const annotations = {
      'rollout.kuberik.com/deploy-message': 'Roll back: checkout broken',
      'rollout.kuberik.com/deploy-user': 'alice',
    };
    const e = newEntry(input({ deployment: d({ manual: true }), previous: prev('Failed'), annotations }));
    expect(e).toMatchObject({
      message: 'Roll back: checkout broken',
      triggeredBy: { kind: 'User', name: 'alice' },
    });
    const plain = newEntry(input({ deployment: d({ manual: true }), previous: prev('Failed') }));
    expect(plain).toMatchObject({
      message: 'Manual deployment',
      triggeredBy: { kind: 'User', name: 'unknown' },
    });
    const managed = newEntry(
      input({
        deployment: d({ manual: true }),
        annotations,
        trigger: { kind: 'FieldManager', name: 'kubectl-edit' },
      }),
    );
    expect(managed.triggeredBy).toEqual({ kind: 'FieldManager', name: 'kubectl-edit' });
  });

  it('an automatic deploy ignores the deploy message and user annotations', () => {
    const e = newEntry(
      input({
        annotations: { 'rollout.kuberik.com/deploy-message': 'hi', 'rollout.kuberik.com/deploy-user': 'bob' },
      }),
    );
    expect(e).toMatchObject({
      message: 'Automatic deployment',
      triggeredBy: { kind: 'System', name: 'kuberik' },
    });
  });
});

describe('capList', () => {
  it('names up to the limit and counts the rest', () => {
    expect(capList(['a', 'b'], 2)).toBe('a, b');
    expect(capList(['a', 'b', 'c'], 2)).toBe('a, b … and 1 more');
    expect(capList([])).toBe('');
  });
});

describe('cancelled', () => {
  it('ends the preempted entry, naming the new version', () => {
    expect(cancelled(prev('InProgress'), 'v3', '2026-12-03T10:00:00Z')).toEqual({
      ...prev('InProgress'),
      bakeStatus: 'Cancelled',
      bakeStatusMessage: BakeMessages.cancelled,
      bakeEndTime: '2026-12-03T10:00:00Z',
      message: 'Deployment cancelled due to new deployment of version v3',
    });
  });
});

describe('recoveryMode', () => {
  const sick = [healthCheck('db', { status: { status: 'Unhealthy' } })];
  it.each<[string, Partial<Deployment>, DeploymentHistoryEntry | undefined, boolean, string]>([
    ['manual after a failed bake', { manual: true }, prev('Failed'), false, 'PreviousBakeFailed'],
    ['manual after a cancelled bake', { manual: true }, prev('Cancelled'), true, 'PreviousBakeFailed'],
    [
      'manual onto an incident',
      { manual: true },
      prev('Succeeded'),
      true,
      'DeployedWithUnhealthyHealthChecks',
    ],
    ['manual, all healthy', { manual: true }, prev('Succeeded'), false, 'Normal'],
    ['manual, first deploy', { manual: true }, undefined, false, 'Normal'],
    ['automatic after a failure, onto an incident', {}, prev('Failed'), true, 'Normal'],
  ])('%s → %s', (_what, x, before, unhealthy, reason) => {
    const c = recoveryMode(d(x), before, unhealthy ? sick : []);
    expect(c.reason).toBe(reason);
    expect(c.status).toBe(reason === 'Normal' ? 'False' : 'True');
    expect(c.message).toBe(
      {
        PreviousBakeFailed:
          'Previous deployment failed. Health check failures will not fail this deployment.',
        DeployedWithUnhealthyHealthChecks:
          'Deployed during an active incident. Health check failures will not fail this deployment.',
        Normal: '',
      }[reason],
    );
  });
});
