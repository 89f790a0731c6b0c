// Edges of schedule rules (spec §2.3): what a malformed rule says, the bounds of HH:MM and dates,
// a whole-day window, and that a repeated evaluation (the engine re-evaluates on every reconcile)
// answers as a fresh one would.
import { describe, expect, it } from 'vitest';
import type { ScheduleRule } from '../model/index.js';
import { evaluateSchedule } from './schedule.js';

const friday = new Date('2026-11-27T10:00:00Z');
const iso = (d: Date | undefined) => d?.toISOString().replace('.000Z', 'Z');

describe('malformed rules', () => {
  it.each([
    [{ timeRange: { start: '09:00', end: '5pm' } }, 'rules[0].timeRange.end "5pm" is not HH:MM'],
    [{ timeRange: { start: '24:00', end: '10:00' } }, 'rules[0].timeRange.start "24:00" is not HH:MM'],
    [{ timeRange: { start: '09:60', end: '10:00' } }, 'rules[0].timeRange.start "09:60" is not HH:MM'],
    [{ timeRange: { start: ' 09:00', end: '10:00' } }, 'rules[0].timeRange.start " 09:00" is not HH:MM'],
    [{ timeRange: { start: '09:00', end: '10:00 ' } }, 'rules[0].timeRange.end "10:00 " is not HH:MM'],
    [
      { dateRange: { start: '2026-12-24', end: '2026-13-01' } },
      'rules[0].dateRange.end "2026-13-01" is not YYYY-MM-DD',
    ],
    [
      { dateRange: { start: '2026-12-24 ', end: '2026-12-26' } },
      'rules[0].dateRange.start "2026-12-24 " is not YYYY-MM-DD',
    ],
    [
      { dateRange: { start: 'x2026-12-24', end: '2026-12-26' } },
      'rules[0].dateRange.start "x2026-12-24" is not YYYY-MM-DD',
    ],
    [
      { dateRange: { start: '2026-12-24', end: '2026-12-26x' } },
      'rules[0].dateRange.end "2026-12-26x" is not YYYY-MM-DD',
    ],
  ] as Array<[ScheduleRule, string]>)('%j', (rule, error) => {
    // The broken rule is the second one: the index in the message points at it.
    const message = error.replace('rules[0]', 'rules[1]');
    expect(evaluateSchedule({ rules: [{ name: 'ok' }, rule] }, friday)).toEqual({
      active: false,
      activeRules: [],
      error: message,
    });
  });

  it('an unknown timezone holds no rule', () => {
    expect(evaluateSchedule({ rules: [{ name: 'ok' }], timezone: 'Mars/Olympus' }, friday)).toEqual({
      active: false,
      activeRules: [],
      error: 'unknown timezone "Mars/Olympus" (use an IANA name such as Europe/Berlin)',
    });
  });

  it('accepts the last minute of the day and the first, and a leap day', () => {
    const r = evaluateSchedule(
      {
        rules: [
          { name: 'late', timeRange: { start: '23:59', end: '00:00' } },
          { name: 'leap', dateRange: { start: '2028-02-29', end: '2028-02-29' } },
          { name: 'early', timeRange: { start: '00:00', end: '19:59' } },
        ],
      },
      friday,
    );
    expect(r.error).toBeUndefined();
    expect(r.activeRules).toEqual(['early']);
  });
});

describe('windows', () => {
  it('start equal to end is the whole day', () => {
    const allDay = [{ name: 'all', timeRange: { start: '10:30', end: '10:30' }, daysOfWeek: ['Friday'] }];
    const r = evaluateSchedule({ rules: allDay as ScheduleRule[] }, new Date('2026-11-27T00:00:00Z'));
    expect(r).toEqual({
      active: true,
      activeRules: ['all'],
      nextChange: new Date('2026-11-28T00:00:00Z'),
    });
  });

  it('a window opens at its start minute and closes at its end minute', () => {
    const rules = [{ name: 'w', timeRange: { start: '10:30', end: '11:15' } }];
    expect(evaluateSchedule({ rules }, new Date('2026-11-27T10:29:59Z')).active).toBe(false);
    expect(evaluateSchedule({ rules }, new Date('2026-11-27T10:30:00Z')).active).toBe(true);
    expect(evaluateSchedule({ rules }, new Date('2026-11-27T11:14:59Z')).active).toBe(true);
    expect(evaluateSchedule({ rules }, new Date('2026-11-27T11:15:00Z')).active).toBe(false);
  });

  it('a date range holds from its first day to the end of its last day', () => {
    const rules = [{ name: 'd', dateRange: { start: '2026-11-27', end: '2026-11-28' } }];
    expect(evaluateSchedule({ rules }, new Date('2026-11-26T23:59:59Z')).active).toBe(false);
    expect(evaluateSchedule({ rules }, new Date('2026-11-27T00:00:00Z')).active).toBe(true);
    expect(evaluateSchedule({ rules }, new Date('2026-11-28T23:59:59Z')).active).toBe(true);
    expect(evaluateSchedule({ rules }, new Date('2026-11-29T00:00:00Z')).active).toBe(false);
  });

  it('an empty day list restricts nothing; an empty timezone is UTC', () => {
    const r = evaluateSchedule(
      { rules: [{ name: 'w', daysOfWeek: [], timeRange: { start: '09:00', end: '11:00' } }], timezone: '' },
      new Date('2026-11-28T10:00:00Z'), // a Saturday
    );
    expect(r).toEqual({ active: true, activeRules: ['w'], nextChange: new Date('2026-11-28T11:00:00Z') });
  });

  it('rules that are not a list hold nothing', () => {
    const r = evaluateSchedule({ rules: 'always' as unknown as ScheduleRule[] }, friday);
    expect(r).toEqual({ active: false, activeRules: [] });
  });

  it('finds a flip a whole week ahead', () => {
    const r = evaluateSchedule(
      { rules: [{ name: 'thu', daysOfWeek: ['Thursday'] }] },
      new Date('2026-11-27T00:00:00Z'),
    );
    expect(iso(r.nextChange)).toBe('2026-12-03T00:00:00Z');
  });

  it('finds the end of a date range that started long ago, and a range starting in a week', () => {
    const ongoing = [{ name: 'q4', dateRange: { start: '2026-10-01', end: '2026-12-31' } }];
    expect(iso(evaluateSchedule({ rules: ongoing }, friday).nextChange)).toBe('2027-01-01T00:00:00Z');
    const soon = [{ name: 's', dateRange: { start: '2026-12-04', end: '2026-12-04' } }];
    expect(iso(evaluateSchedule({ rules: soon }, friday).nextChange)).toBe('2026-12-04T00:00:00Z');
  });

  it('flips at the end of a far date range in a zone ahead of UTC', () => {
    const rules = [{ name: 'x', dateRange: { start: '2027-01-10', end: '2027-01-12' } }];
    const r = evaluateSchedule({ rules, timezone: 'Asia/Tokyo' }, new Date('2027-01-11T00:00:00Z'));
    expect(r.active).toBe(true);
    expect(iso(r.nextChange)).toBe('2027-01-12T15:00:00Z');
  });
});

describe('calendar dates', () => {
  it('compares single-digit days and years before 1000 as dates', () => {
    const early = [{ name: 'e', dateRange: { start: '2026-12-01', end: '2026-12-05' } }];
    expect(evaluateSchedule({ rules: early }, new Date('2026-12-03T12:00:00Z')).active).toBe(true);
    const old = [{ name: 'o', dateRange: { start: '0999-01-01', end: '0999-12-31' } }];
    expect(evaluateSchedule({ rules: old }, new Date('0999-06-15T12:00:00Z')).active).toBe(true);
  });
});

describe('clocks that repeat an hour', () => {
  // New York falls back on 2026-11-01 at 06:00Z: 01:00–02:00 local happens at 05:00Z and 06:00Z.
  it('New York: the window reopens in the repeated hour and closes at its second 01:30', () => {
    const rules = [{ name: 'n', timeRange: { start: '01:00', end: '01:30' } }];
    const spec = { rules, timezone: 'America/New_York' };
    const second = evaluateSchedule(spec, new Date('2026-11-01T06:10:00Z'));
    expect(second).toEqual({
      active: true,
      activeRules: ['n'],
      nextChange: new Date('2026-11-01T06:30:00Z'),
    });
  });

  // Sydney falls back on 2026-04-05 at 16:00Z (the 4th): 02:00–03:00 local happens twice.
  it('Sydney: a window opening at 02:30 opens at the first 02:30', () => {
    const rules = [{ name: 'n', timeRange: { start: '02:30', end: '04:00' } }];
    const r = evaluateSchedule({ rules, timezone: 'Australia/Sydney' }, new Date('2026-04-04T15:00:00Z'));
    expect(r).toEqual({ active: false, activeRules: [], nextChange: new Date('2026-04-04T15:30:00Z') });
  });
});

describe('repeated evaluation', () => {
  const rules = [{ name: 'w', timeRange: { start: '10:30', end: '11:00' } }];

  it('answers the same at the same instant, and freshly once the window flips', () => {
    const first = evaluateSchedule({ rules }, new Date('2026-11-27T10:00:00Z'));
    expect(first).toEqual({ active: false, activeRules: [], nextChange: new Date('2026-11-27T10:30:00Z') });
    expect(evaluateSchedule({ rules }, new Date('2026-11-27T10:10:00Z'))).toEqual(first);
    expect(evaluateSchedule({ rules }, new Date('2026-11-27T10:30:00Z'))).toEqual({
      active: true,
      activeRules: ['w'],
      nextChange: new Date('2026-11-27T11:00:00Z'),
    });
    // Back in time (a test clock, a driver restarted with an older clock) is not served from memory.
    expect(evaluateSchedule({ rules }, new Date('2026-11-27T09:00:00Z'))).toEqual(first);
  });

  it('a caller changing its answer does not change the next one', () => {
    const at = new Date('2026-11-27T10:40:00Z');
    const first = evaluateSchedule({ rules }, at);
    first.activeRules.push('forged');
    first.nextChange?.setTime(0);
    const again = evaluateSchedule({ rules }, at);
    expect(again).toEqual({ active: true, activeRules: ['w'], nextChange: new Date('2026-11-27T11:00:00Z') });
    again.activeRules.push('forged');
    expect(evaluateSchedule({ rules }, at).activeRules).toEqual(['w']);
  });

  it('tells rule sets and timezones apart', () => {
    const at = new Date('2026-11-27T10:45:00Z');
    expect(evaluateSchedule({ rules }, at).active).toBe(true);
    expect(evaluateSchedule({ rules, timezone: 'Europe/Berlin' }, at).active).toBe(false);
    expect(evaluateSchedule({ rules: [{ ...rules[0]!, name: 'v' }] }, at).activeRules).toEqual(['v']);
  });
});
