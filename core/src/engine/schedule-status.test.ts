import { describe, expect, it } from 'vitest';
import { scheduleStatus } from './schedule-status.js';
import { clusterSchedule, rollout, schedule } from './test-support/fixtures.js';

// Tuesday 2026-11-24 10:00 UTC.
const now = new Date('2026-11-24T10:00:00Z');
const office = {
  rules: [{ name: 'office-hours', timeRange: { start: '09:00', end: '17:00' } }],
  timezone: 'UTC',
};
const namespaces = [
  { name: 'prod', labels: { env: 'prod' } },
  { name: 'staging', labels: { env: 'staging' } },
];
const inNs = (name: string, ns: string, labels: Record<string, string>) => {
  const r = rollout({}, { name, labels });
  r.metadata.namespace = ns;
  return r;
};
const rollouts = [
  inNs('a', 'prod', { tier: 'web' }),
  inNs('b', 'prod', { tier: 'db' }),
  inNs('c', 'staging', { tier: 'web' }),
];

describe('schedule status (issue #10 point 7)', () => {
  it('a RolloutSchedule counts matching rollouts of its namespace and says when it flips', () => {
    const s = schedule('office', { ...office, rolloutSelector: { matchLabels: { tier: 'web' } } }, 'prod');
    expect(scheduleStatus(s, rollouts, namespaces, now)).toEqual({
      status: {
        active: true,
        activeRules: ['office-hours'],
        nextTransition: '2026-11-24T17:00:00Z',
        matchingRollouts: 1,
      },
      wakeAt: new Date('2026-11-24T17:00:00Z'),
    });
  });

  it('a ClusterRolloutSchedule applies its namespaceSelector; inactive outside its rules', () => {
    const s = clusterSchedule('freeze', {
      rules: [{ name: 'night', timeRange: { start: '22:00', end: '06:00' } }],
      timezone: 'UTC',
      rolloutSelector: {},
      namespaceSelector: { matchLabels: { env: 'prod' } },
    });
    const plan = scheduleStatus(s, rollouts, namespaces, now);
    expect(plan.status).toEqual({
      active: false,
      activeRules: [],
      nextTransition: '2026-11-24T22:00:00Z',
      matchingRollouts: 2,
    });
  });

  it('writes nothing when the status already says it', () => {
    const s = schedule('office', { ...office, rolloutSelector: {} }, 'prod');
    const first = scheduleStatus(s, rollouts, namespaces, now);
    s.status = first.status;
    expect(scheduleStatus(s, rollouts, namespaces, now).status).toBeUndefined();
  });
});
