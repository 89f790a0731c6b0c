import { describe, expect, it } from 'vitest';
import { entry } from '../test-support/fakeCluster.js';
import { bakeProgress, versionsLine } from './format.js';

const at = (iso: string) => new Date(iso);

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
    // DURATION is the bake's own length (core's bakeDurationMs), as in `kubectl kuberik history`.
    const baked = { ...e, bakeStartTime: '2026-01-01T10:00:00Z' };
    expect(bakeProgress(baked, '5m', undefined, now).text).toBe('Failed in 2m10s');
    expect(bakeProgress(e, '5m', undefined, now).text).toBe('Failed');
  });
  it('does not invent progress for an unreadable bakeTime, and says why', () => {
    const e = entry(2, 'v1.3.0', { bakeStatus: 'InProgress', bakeStartTime: '2026-01-01T10:03:00Z' });
    expect(bakeProgress(e, '1d', undefined, now)).toEqual({
      text: 'Baking 2m · bakeTime "1d" is not a duration (Go form, e.g. 24h)',
    });
  });
});

it('versionsLine is the `current → pending` description', () => {
  expect(versionsLine('v1.2.0', 'v1.3.0')).toBe('v1.2.0 → v1.3.0');
  expect(versionsLine(undefined, 'v1.0.0')).toBe('→ v1.0.0');
  expect(versionsLine('v1.2.0', undefined)).toBe('v1.2.0');
  expect(versionsLine(undefined, undefined)).toBe('no version deployed');
});
