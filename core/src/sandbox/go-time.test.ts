// Go's time.Parse for metav1.Time (RFC 3339) and metav1.MicroTime. Expected texts were read off a
// real kube-apiserver v1.34 (test/src/real-cluster/differential-time.ts and
// differential-microtime.ts keep comparing them).
import { describe, expect, it } from 'vitest';
import { GoParseError, parseGoTime } from './go-time.js';

const RFC3339 = '"2006-01-02T15:04:05Z07:00"';
const MICRO = '"2006-01-02T15:04:05.000000Z07:00"';
const goError = (input: string, layout: 'time' | 'micro'): string => {
  try {
    parseGoTime(input, layout);
  } catch (e) {
    if (e instanceof GoParseError) return e.message;
    throw e;
  }
  return 'accepted';
};

describe('metav1.Time (RFC 3339)', () => {
  it.each([
    ['2026-12-03T12:00:00Z', '2026-12-03T12:00:00Z'],
    ['2026-12-03T12:00:01.123Z', '2026-12-03T12:00:01Z'],
    ['2026-12-03T12:00:00.999999Z', '2026-12-03T12:00:00Z'],
    ['2026-12-03T12:00:01.123456789Z', '2026-12-03T12:00:01Z'],
    ['2026-12-03T12:00:00+02:00', '2026-12-03T10:00:00Z'],
    ['2026-12-03T23:30:00.5-01:30', '2026-12-04T01:00:00Z'],
    ['2026-12-03T12:00:00-00:30', '2026-12-03T12:30:00Z'],
    ['2026-12-03T1:00:00.1234567891Z', '2026-12-03T01:00:00Z'],
    ['2026-12-31T23:59:59.9-01:00', '2027-01-01T00:59:59Z'],
  ])('reads %s and writes it as Go does: %s', (input, written) => {
    expect(parseGoTime(input, 'time')).toBe(written);
  });

  it.each([
    ['yesterday', `parsing time "yesterday" as ${RFC3339}: cannot parse "yesterday" as "2006"`],
    ['', `parsing time "" as ${RFC3339}: cannot parse "" as "2006"`],
    ['2026-13-03T12:00:00Z', 'parsing time "2026-13-03T12:00:00Z": month out of range'],
    ['2026-02-30T12:00:00Z', 'parsing time "2026-02-30T12:00:00Z": day out of range'],
    ['2026-12-03T12:00:60Z', 'parsing time "2026-12-03T12:00:60Z": second out of range'],
    ['2026-12-03T12:00:00', `parsing time "2026-12-03T12:00:00" as ${RFC3339}: cannot parse "" as "Z07:00"`],
    [
      '2026-12-03 12:00:00Z',
      `parsing time "2026-12-03 12:00:00Z" as ${RFC3339}: cannot parse " 12:00:00Z" as "T"`,
    ],
    [
      '2026-12-03T12:00:00z',
      `parsing time "2026-12-03T12:00:00z" as ${RFC3339}: cannot parse "z" as "Z07:00"`,
    ],
    [
      '2026-12-03T12:00:00+0200',
      `parsing time "2026-12-03T12:00:00+0200" as ${RFC3339}: cannot parse "+0200" as "Z07:00"`,
    ],
    ['2026-12-03T12:00', `parsing time "2026-12-03T12:00" as ${RFC3339}: cannot parse "" as ":"`],
    ['2026-12-04', `parsing time "2026-12-04" as ${RFC3339}: cannot parse "" as "T"`],
  ])('refuses %j with Go’s text', (input, text) => {
    expect(goError(input, 'time')).toBe(text);
  });
});

describe('metav1.MicroTime (six digits)', () => {
  it('reads any offset and writes UTC with six digits', () => {
    expect(parseGoTime('2026-12-03T23:30:00.500000-01:00', 'micro')).toBe('2026-12-04T00:30:00.500000Z');
  });

  it.each([
    [
      '2026-12-03T12:00:00.123Z',
      `parsing time "2026-12-03T12:00:00.123Z" as ${MICRO}: cannot parse ".123Z" as ".000000"`,
    ],
    [
      '2026-12-03T12:00:00Z',
      `parsing time "2026-12-03T12:00:00Z" as ${MICRO}: cannot parse "Z" as ".000000"`,
    ],
    [
      '2026-12-03T12:00:00.1234567Z',
      `parsing time "2026-12-03T12:00:00.1234567Z" as ${MICRO}: cannot parse "7Z" as "Z07:00"`,
    ],
  ])('refuses %j with Go’s text', (input, text) => {
    expect(goError(input, 'micro')).toBe(text);
  });
});
