// bakeTime and deployTimeout are Go durations: the engine reads exactly what the controller reads,
// and messages print them the way Go does.
import { describe, expect, it } from 'vitest';
import { formatGoDuration, MAX_DURATION_MS, parseDuration } from './duration.js';

describe('parseDuration, the edges', () => {
  it('takes an explicit plus sign and every Go unit', () => {
    expect(parseDuration('+5m')).toBe(300_000);
    expect(parseDuration('-0')).toBe(0);
    expect(parseDuration('+0')).toBe(0);
    expect(parseDuration('1h1m1s1ms')).toBe(3_661_001);
    expect(parseDuration('1500000ns')).toBeCloseTo(1.5, 9);
    expect(parseDuration('2µs')).toBeCloseTo(0.002, 9);
    expect(parseDuration('2μs')).toBeCloseTo(0.002, 9);
    expect(parseDuration('1.s')).toBe(1000);
  });

  it('refuses a lone sign, a number without unit after a term, and non-strings', () => {
    expect(parseDuration('-')).toBeUndefined();
    expect(parseDuration('+')).toBeUndefined();
    expect(parseDuration('1m5')).toBeUndefined();
    expect(parseDuration('00')).toBeUndefined();
    expect(parseDuration(300 as unknown as string)).toBeUndefined();
    expect(parseDuration(undefined as unknown as string)).toBeUndefined();
  });

  it('accepts exactly Go’s largest duration and nothing longer, in either direction', () => {
    expect(parseDuration(`${MAX_DURATION_MS}ms`)).toBe(MAX_DURATION_MS);
    expect(parseDuration(`-${MAX_DURATION_MS}ms`)).toBe(-MAX_DURATION_MS);
    expect(parseDuration(`${MAX_DURATION_MS + 1}ms`)).toBeUndefined();
    expect(parseDuration(`-${MAX_DURATION_MS + 1}ms`)).toBeUndefined();
  });
});

describe('formatGoDuration', () => {
  it.each([
    [0, '0s'],
    [499, '0s'],
    [500, '1s'],
    [59_999, '1m0s'],
    [61_000, '1m1s'],
    [3_599_000, '59m59s'],
    [3_661_000, '1h1m1s'],
    [90_000_000, '25h0m0s'],
    [-90_000, '-1m30s'],
    [-3_600_000, '-1h0m0s'],
  ])('%d ms → %s', (ms, text) => expect(formatGoDuration(ms)).toBe(text));
});
