import { describe, expect, it } from 'vitest';
import type { ScheduleRule } from '../model/index.js';
import { evaluateSchedule } from './schedule.js';

const weekdays: ScheduleRule['daysOfWeek'] = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const office: ScheduleRule = {
  name: 'office',
  timeRange: { start: '09:00', end: '17:00' },
  daysOfWeek: weekdays,
};
const night: ScheduleRule = { name: 'night', timeRange: { start: '22:00', end: '06:00' } };

// [case, rules, timezone, now, active, nextChange]
const cases: Array<[string, ScheduleRule[], string | undefined, string, boolean, string | undefined]> = [
  [
    'inside office hours (UTC default)',
    [office],
    undefined,
    '2026-11-27T10:00:00Z',
    true,
    '2026-11-27T17:00:00Z',
  ],
  ['end of the window is exclusive', [office], 'UTC', '2026-11-27T17:00:00Z', false, '2026-11-30T09:00:00Z'],
  ['Friday evening waits for Monday', [office], 'UTC', '2026-11-27T18:00:00Z', false, '2026-11-30T09:00:00Z'],
  ['Saturday is not a weekday', [office], 'UTC', '2026-11-28T10:00:00Z', false, '2026-11-30T09:00:00Z'],
  ['across midnight, late evening', [night], 'UTC', '2026-11-27T23:00:00Z', true, '2026-11-28T06:00:00Z'],
  ['across midnight, early morning', [night], 'UTC', '2026-11-28T03:00:00Z', true, '2026-11-28T06:00:00Z'],
  ['across midnight, daytime', [night], 'UTC', '2026-11-27T12:00:00Z', false, '2026-11-27T22:00:00Z'],
  [
    'weekend days without a time range',
    [{ name: 'weekend', daysOfWeek: ['Saturday', 'Sunday'] }],
    'UTC',
    '2026-11-27T12:00:00Z',
    false,
    '2026-11-28T00:00:00Z',
  ],
  [
    'date range ahead',
    [{ name: 'xmas', dateRange: { start: '2026-12-24', end: '2026-12-26' } }],
    'UTC',
    '2026-11-27T12:00:00Z',
    false,
    '2026-12-24T00:00:00Z',
  ],
  [
    'date range inclusive of its last day',
    [{ name: 'xmas', dateRange: { start: '2026-12-24', end: '2026-12-26' } }],
    'UTC',
    '2026-12-26T23:59:00Z',
    true,
    '2026-12-27T00:00:00Z',
  ],
  [
    'expired date range never changes again',
    [{ name: 'xmas', dateRange: { start: '2026-12-24', end: '2026-12-26' } }],
    'UTC',
    '2026-12-28T00:00:00Z',
    false,
    undefined,
  ],
  [
    'date range and time range far ahead',
    [
      {
        name: 'release-day',
        dateRange: { start: '2027-01-15', end: '2027-01-15' },
        timeRange: { start: '10:00', end: '12:00' },
      },
    ],
    'UTC',
    '2026-11-27T12:00:00Z',
    false,
    '2027-01-15T10:00:00Z',
  ],
  ['rules are ORed', [office, night], 'UTC', '2026-11-27T16:30:00Z', true, '2026-11-27T17:00:00Z'],
  ['a rule with no parts always holds', [{ name: 'always' }], 'UTC', '2026-11-27T12:00:00Z', true, undefined],
  [
    'Berlin in winter is UTC+1',
    [office],
    'Europe/Berlin',
    '2026-11-27T08:30:00Z',
    true,
    '2026-11-27T16:00:00Z',
  ],
  [
    'New York in winter is UTC-5',
    [office],
    'America/New_York',
    '2026-11-27T13:00:00Z',
    false,
    '2026-11-27T14:00:00Z',
  ],
  // Berlin springs forward on 2026-03-29 at 01:00Z (02:00 CET → 03:00 CEST).
  [
    'Berlin spring-forward: a window starting in the skipped hour opens when the clock jumps',
    [{ name: 'n', timeRange: { start: '02:30', end: '04:00' } }],
    'Europe/Berlin',
    '2026-03-29T00:30:00Z',
    false,
    '2026-03-29T01:00:00Z',
  ],
  [
    'Berlin spring-forward: a window ending in the skipped hour closes when the clock jumps',
    [{ name: 'n', timeRange: { start: '01:00', end: '02:30' } }],
    'Europe/Berlin',
    '2026-03-29T00:30:00Z',
    true,
    '2026-03-29T01:00:00Z',
  ],
  [
    'Berlin spring-forward day keeps wall-clock hours',
    [{ name: 'o', timeRange: { start: '09:00', end: '17:00' } }],
    'Europe/Berlin',
    '2026-03-29T06:00:00Z',
    false,
    '2026-03-29T07:00:00Z',
  ],
  // Berlin falls back on 2026-10-25 at 01:00Z (03:00 CEST → 02:00 CET): 02:00–03:00 happens twice.
  [
    'Berlin fall-back eve, summer time',
    [office],
    'Europe/Berlin',
    '2026-10-23T12:00:00Z',
    true,
    '2026-10-23T15:00:00Z',
  ],
  [
    'Berlin fall-back day, winter time',
    [{ name: 'o', timeRange: { start: '09:00', end: '17:00' } }],
    'Europe/Berlin',
    '2026-10-25T06:00:00Z',
    false,
    '2026-10-25T08:00:00Z',
  ],
  [
    'Berlin fall-back: first 02:30 closes the window',
    [{ name: 'n', timeRange: { start: '01:00', end: '02:30' } }],
    'Europe/Berlin',
    '2026-10-25T00:10:00Z',
    true,
    '2026-10-25T00:30:00Z',
  ],
  [
    'Berlin fall-back: the repeated hour reopens it',
    [{ name: 'n', timeRange: { start: '01:00', end: '02:30' } }],
    'Europe/Berlin',
    '2026-10-25T00:45:00Z',
    false,
    '2026-10-25T01:00:00Z',
  ],
  [
    'Berlin fall-back: second 02:30 closes it for good',
    [{ name: 'n', timeRange: { start: '01:00', end: '02:30' } }],
    'Europe/Berlin',
    '2026-10-25T01:10:00Z',
    true,
    '2026-10-25T01:30:00Z',
  ],
  // New York springs forward on 2026-03-08 at 07:00Z and falls back on 2026-11-01 at 06:00Z.
  [
    'New York spring-forward: a window inside the skipped hour does not open that day',
    [{ name: 'n', timeRange: { start: '02:00', end: '03:00' } }],
    'America/New_York',
    '2026-03-08T06:30:00Z',
    false,
    '2026-03-09T06:00:00Z',
  ],
  [
    'New York fall-back eve',
    [{ name: 'o', timeRange: { start: '09:00', end: '17:00' } }],
    'America/New_York',
    '2026-10-31T20:00:00Z',
    true,
    '2026-10-31T21:00:00Z',
  ],
  [
    'New York fall-back day',
    [{ name: 'o', timeRange: { start: '09:00', end: '17:00' } }],
    'America/New_York',
    '2026-11-01T12:00:00Z',
    false,
    '2026-11-01T14:00:00Z',
  ],
  [
    'overnight window checks the weekday of the current day (upstream)',
    [{ name: 'n', timeRange: { start: '22:00', end: '06:00' }, daysOfWeek: weekdays }],
    'UTC',
    '2026-11-28T02:00:00Z',
    false,
    '2026-11-30T00:00:00Z',
  ],
];

describe('evaluateSchedule', () => {
  it.each(cases)('%s', (_, rules, timezone, now, active, nextChange) => {
    const spec = { rules, ...(timezone ? { timezone } : {}) };
    const result = evaluateSchedule(spec, new Date(now));
    expect(result.error).toBeUndefined();
    expect(result.active).toBe(active);
    expect(result.nextChange?.toISOString().replace('.000Z', 'Z')).toBe(nextChange);
    if (result.nextChange) {
      // nextChange is exactly the flip: the old decision holds a second before, the new one at it.
      expect(evaluateSchedule(spec, new Date(result.nextChange.getTime() - 1000)).active).toBe(active);
      expect(evaluateSchedule(spec, result.nextChange).active).toBe(!active);
    }
  });

  it('names the rules that hold', () => {
    const r = evaluateSchedule(
      { rules: [office, night, { timeRange: { start: '00:00', end: '23:59' } }] },
      new Date('2026-11-27T10:00:00Z'),
    );
    expect(r.activeRules).toEqual(['office', 'rule-2']);
  });

  it.each([
    [{ rules: [office], timezone: 'Mars/Olympus' }, /unknown timezone "Mars\/Olympus"/],
    [
      { rules: [{ timeRange: { start: '9:00', end: '17:00' } }] },
      /rules\[0\]\.timeRange\.start "9:00" is not HH:MM/,
    ],
    [{ rules: [{ dateRange: { start: '2026-02-30', end: '2026-03-01' } }] }, /dateRange\.start "2026-02-30"/],
    [{ rules: [{ daysOfWeek: ['Funday' as never] }] }, /unknown day "Funday"/],
  ])('reports a schedule it cannot evaluate (%#)', (spec, message) => {
    const r = evaluateSchedule(spec, new Date('2026-11-27T10:00:00Z'));
    expect(r.active).toBe(false);
    expect(r.error).toMatch(message);
  });
});
