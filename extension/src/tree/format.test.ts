import { describe, expect, it } from 'vitest';
import { entry } from '../test-support/fakeCluster.js';
import {
  bakeProgress,
  entryDuration,
  formatCountdown,
  formatDuration,
  parseGoDuration,
  versionsLine,
} from './format.js';

const at = (iso: string) => new Date(iso);

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [45_000, '45s'],
    [130_000, '2m 10s'],
    [120_000, '2m'],
    [3_900_000, '1h 5m'],
    [266_400_000, '3d 2h'],
  ])('%d ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

it('formatCountdown pads seconds so the status bar does not jitter', () => {
  expect(formatCountdown(245_000)).toBe('4:05');
  expect(formatCountdown(3_723_000)).toBe('1:02:03');
  expect(formatCountdown(-5)).toBe('0:00');
});

it('parseGoDuration reads the Go forms bakeTime uses and refuses the rest', () => {
  expect(parseGoDuration('90s')).toBe(90_000);
  expect(parseGoDuration('1h30m')).toBe(5_400_000);
  expect(parseGoDuration('0.5h')).toBe(1_800_000);
  expect(parseGoDuration('250ms')).toBe(250);
  expect(parseGoDuration('5 minutes')).toBeUndefined();
  expect(parseGoDuration(undefined)).toBeUndefined();
});

describe('bakeProgress', () => {
  const now = at('2026-01-01T10:05:00Z');
  it('shows elapsed / total and percent while baking', () => {
    const e = entry(2, 'v1.3.0', { bakeStatus: 'InProgress', bakeStartTime: '2026-01-01T10:03:00Z' });
    expect(bakeProgress(e, '5m', undefined, now)).toEqual({
      text: 'Baking 2m / 5m (40%)',
      fraction: 0.4,
      remainingMs: 180_000,
    });
  });
  it('counts the deploy timeout while waiting for fresh health', () => {
    const e = entry(2, 'v1.3.0', { bakeStatus: 'Deploying', timestamp: '2026-01-01T10:04:30Z' });
    expect(bakeProgress(e, '5m', '10m', now).text).toBe('Deploying, waiting for health 30s / 10m');
  });
  it('says how long a finished bake took', () => {
    const e = entry(2, 'v1.3.0', { bakeStatus: 'Failed', bakeEndTime: '2026-01-01T10:02:10Z' });
    expect(bakeProgress(e, '5m', undefined, now).text).toBe('Failed in 2m 10s');
  });
  it('does not invent progress for an unparseable bakeTime', () => {
    const e = entry(2, 'v1.3.0', { bakeStatus: 'InProgress', bakeStartTime: '2026-01-01T10:03:00Z' });
    expect(bakeProgress(e, 'soon', undefined, now)).toEqual({ text: 'Baking' });
  });
});

it('entryDuration runs to now only while the bake runs', () => {
  const now = at('2026-01-01T10:01:00Z');
  expect(entryDuration(entry(1, 'v1', { bakeStatus: 'InProgress' }), now)).toBe(60_000);
  expect(entryDuration(entry(1, 'v1', { bakeStatus: 'Succeeded' }), now)).toBeUndefined();
});

it('versionsLine is the `current → pending` description', () => {
  expect(versionsLine('v1.2.0', 'v1.3.0')).toBe('v1.2.0 → v1.3.0');
  expect(versionsLine(undefined, 'v1.0.0')).toBe('→ v1.0.0');
  expect(versionsLine('v1.2.0', undefined)).toBe('v1.2.0');
  expect(versionsLine(undefined, undefined)).toBe('no version deployed');
});
