import { describe, expect, it } from 'vitest';
import type { RolloutGateSummary, RolloutStatus } from '../model/index.js';
import { ApprovalWaitTracker } from './approval-wait.js';

const at = (s: number) => new Date(Date.UTC(2026, 10, 27, 12, 0, s));
const gate = (decision: RolloutGateSummary['decision']): RolloutGateSummary => ({
  name: 'production-approval',
  kind: 'RolloutGate',
  decision,
  message: '',
});
const status = (s: Partial<RolloutStatus>): RolloutStatus => ({ currentVersion: 'v1', ...s });

describe('ApprovalWaitTracker', () => {
  it('measures from pendingVersion to all gates approved', () => {
    const t = new ApprovalWaitTracker();
    expect(
      t.update('ns/a', status({ pendingVersion: 'v2', gates: [gate('Pending'), gate('Approved')] }), at(0)),
    ).toBeUndefined();
    expect(
      t.update('ns/a', status({ pendingVersion: 'v2', gates: [gate('Pending'), gate('Approved')] }), at(5)),
    ).toBeUndefined();
    expect(
      t.update('ns/a', status({ pendingVersion: 'v2', gates: [gate('Approved'), gate('Approved')] }), at(42)),
    ).toBe(42);
    expect(t.size).toBe(0);
  });

  it('ends the wait when the version is deployed in the same write that approved it', () => {
    const t = new ApprovalWaitTracker();
    t.update('ns/a', status({ pendingVersion: 'v2', gates: [gate('Pending')] }), at(0));
    expect(t.update('ns/a', status({ currentVersion: 'v2', gates: [] }), at(7))).toBe(7);
  });

  it('does not count versions without gates, or approved before we saw them', () => {
    const t = new ApprovalWaitTracker();
    expect(t.update('ns/a', status({ pendingVersion: 'v2' }), at(0))).toBeUndefined();
    expect(t.update('ns/a', status({ currentVersion: 'v2' }), at(3))).toBeUndefined();
    expect(
      t.update('ns/b', status({ pendingVersion: 'v2', gates: [gate('Approved')] }), at(0)),
    ).toBeUndefined();
    expect(t.size).toBe(0);
  });

  it('restarts the clock when a newer version supersedes, and drops a rejected one', () => {
    const t = new ApprovalWaitTracker();
    t.update('ns/a', status({ pendingVersion: 'v2', gates: [gate('Pending')] }), at(0));
    t.update('ns/a', status({ pendingVersion: 'v3', gates: [gate('Pending')] }), at(10));
    expect(t.update('ns/a', status({ pendingVersion: 'v3', gates: [gate('Approved')] }), at(15))).toBe(5);
    t.update('ns/a', status({ pendingVersion: 'v4', gates: [gate('Pending')] }), at(20));
    expect(
      t.update('ns/a', status({ gates: [gate('Denied')], rejectedVersions: ['v4'] }), at(30)),
    ).toBeUndefined();
    expect(t.size).toBe(0);
  });
});
