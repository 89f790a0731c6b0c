import { describe, expect, it } from 'vitest';
import { formatAge, formatDuration, parseDuration } from './duration.js';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [45_000, '45s'],
    [432_000, '7m12s'],
    [900_000, '15m'],
    [7_500_000, '2h5m'],
    [273_600_000, '3d4h'],
    [-5, '0s'],
  ])('%d ms → %s', (v, want) => expect(formatDuration(v)).toBe(want));
});

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['1h30m', 5_400_000],
    ['0.5h', 1_800_000],
    ['250ms', 250],
    ['30m', 1_800_000],
    ['0', 0],
  ])('%s → %d', (s, want) => expect(parseDuration(s)).toBe(want));
  it('rejects garbage', () => {
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseDuration(undefined)).toBeUndefined();
    // One dialect: the engine's Go parser, bounded like Go's, no negatives on the command line.
    expect(parseDuration('2 minutes')).toBeUndefined();
    expect(parseDuration(`${'9'.repeat(400)}h`)).toBeUndefined();
    expect(parseDuration('-5m')).toBeUndefined();
  });
});

describe('formatAge', () => {
  it('uses the largest unit like kubectl', () => {
    expect(formatAge(59_000)).toBe('59s');
    expect(formatAge(3 * 3600_000 + 5)).toBe('3h');
    expect(formatAge(3 * 86_400_000)).toBe('3d');
  });
});
