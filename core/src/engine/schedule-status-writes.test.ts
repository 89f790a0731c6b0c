// When a schedule's status is written (issue #10 point 7): a status that differs in any one field is
// rewritten, one that says it all already is not, and a schedule that never flips asks for no wake-up.
import { describe, expect, it } from 'vitest';
import type { ClusterRolloutSchedule, RolloutSchedule, RolloutScheduleStatus } from '../model/index.js';
import { scheduleMatches, scheduleStatus } from './schedule-status.js';
import { clusterSchedule, rollout, schedule } from './test-support/fixtures.js';

const now = new Date('2026-11-24T10:00:00Z'); // a Tuesday
const office = { rules: [{ name: 'office', timeRange: { start: '09:00', end: '17:00' } }] };
const namespaces = [{ name: 'prod', labels: { env: 'prod' } }];
const web = rollout({}, { labels: { tier: 'web' } });
const current: RolloutScheduleStatus = {
  active: true,
  activeRules: ['office'],
  nextTransition: '2026-11-24T17:00:00Z',
  matchingRollouts: 1,
};

describe('scheduleStatus writes', () => {
  it.each([
    ['active', { active: false }],
    ['activeRules', { activeRules: ['other'] }],
    ['nextTransition', { nextTransition: '2026-11-24T18:00:00Z' }],
    ['matchingRollouts', { matchingRollouts: 2 }],
  ] as Array<[string, Partial<RolloutScheduleStatus>]>)('rewrites a status whose %s is stale', (_, stale) => {
    const s: RolloutSchedule = { ...schedule('office', office), status: { ...current, ...stale } };
    expect(scheduleStatus(s, [web], namespaces, now)).toEqual({
      status: current,
      wakeAt: new Date('2026-11-24T17:00:00Z'),
    });
  });

  it('keeps a status that says it all, and writes an empty one', () => {
    const s: RolloutSchedule = { ...schedule('office', office), status: current };
    expect(scheduleStatus(s, [web], namespaces, now)).toEqual({ wakeAt: new Date('2026-11-24T17:00:00Z') });
    const fresh = scheduleStatus(schedule('office', office), [web], namespaces, now);
    expect(fresh.status).toEqual(current);
  });

  it('a schedule that never flips has no nextTransition and asks for no wake-up', () => {
    const always = schedule('always', { rules: [{ name: 'always' }] });
    expect(scheduleStatus(always, [], namespaces, now)).toStrictEqual({
      status: { active: true, activeRules: ['always'], matchingRollouts: 0 },
    });
  });

  it('reads a status without activeRules as holding none', () => {
    const never = schedule('never', { rules: [] });
    const s: RolloutSchedule = { ...never, status: { active: false, matchingRollouts: 0 } };
    expect(scheduleStatus(s, [], namespaces, now)).toStrictEqual({});
  });

  it('a schedule without a spec is inactive and matches nothing', () => {
    const bare = { ...schedule('bare', {}), spec: undefined } as unknown as RolloutSchedule;
    expect(scheduleStatus(bare, [web], namespaces, now)).toStrictEqual({
      status: { active: false, activeRules: [], matchingRollouts: 0 },
    });
  });

  it('reads the timezone', () => {
    const tokyo = schedule('tokyo', { ...office, timezone: 'Asia/Tokyo' }); // 19:00 there
    expect(scheduleStatus(tokyo, [], namespaces, now).status?.active).toBe(false);
  });
});

describe('scheduleMatches', () => {
  it('a RolloutSchedule counts its own namespace; one without a namespace counts every rollout', () => {
    const other = rollout({}, { name: 'other' });
    other.metadata.namespace = 'staging';
    const loose = rollout({}, { name: 'loose' });
    delete loose.metadata.namespace;
    const s = schedule('s', { rolloutSelector: {} });
    expect(scheduleMatches(s, [web, other, loose], namespaces)).toBe(1);
    expect(scheduleMatches(schedule('d', { rolloutSelector: {} }, 'default'), [web, other, loose], [])).toBe(
      1,
    );
    delete s.metadata.namespace;
    expect(scheduleMatches(s, [web, other, loose], namespaces)).toBe(3);
  });

  it('a ClusterRolloutSchedule counts every namespace unless its namespaceSelector says otherwise', () => {
    const other = rollout({}, { name: 'other' });
    other.metadata.namespace = 'staging';
    const everywhere = clusterSchedule('c', { rolloutSelector: {} });
    expect(scheduleMatches(everywhere, [web, other], namespaces)).toBe(2);
    const prodOnly: ClusterRolloutSchedule = clusterSchedule('p', {
      rolloutSelector: {},
      namespaceSelector: { matchLabels: { env: 'prod' } },
    });
    expect(scheduleMatches(prodOnly, [web, other], namespaces)).toBe(1);
    expect(scheduleMatches(prodOnly, [web, other], [])).toBe(0);
    const draft = { ...everywhere, spec: undefined } as unknown as ClusterRolloutSchedule;
    expect(scheduleMatches(draft, [web, other], namespaces)).toBe(0);
  });

  it('matches rollouts by their labels, none without a rolloutSelector', () => {
    const db = rollout({}, { name: 'db', labels: { tier: 'db' } });
    const bare = rollout({}, { name: 'bare' });
    const s = schedule('s', { rolloutSelector: { matchLabels: { tier: 'web' } } });
    expect(scheduleMatches(s, [web, db, bare], namespaces)).toBe(1);
    const noSelector = { ...s, spec: { rules: [] } } as unknown as RolloutSchedule;
    expect(scheduleMatches(noSelector, [web], namespaces)).toBe(0);
  });
});
