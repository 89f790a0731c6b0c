import { expect, it } from 'vitest';
import { entry, gate, snapshot } from '../test-support/fakeCluster.js';
import { watchStatus } from './watchStatus.js';

const now = new Date('2026-01-01T10:05:00Z');

it('while baking: phase, version and a ticking countdown', () => {
  const s = snapshot({
    phase: 'Baking',
    current: 'v2',
    bakeTime: '10m',
    driving: true,
    history: [entry(4, 'v2', { bakeStatus: 'InProgress', bakeStartTime: '2026-01-01T10:00:00Z' })],
  });
  const st = watchStatus('my-app', s, now);
  expect(st.text).toBe('$(sync~spin) my-app: baking 50% v2 5:00 left');
  expect(st.ticking).toBe(true);
  expect(st.tooltip).toContain('driven by this window');
});

it('when someone else holds the lease: observing, and who drives', () => {
  const s = snapshot({
    phase: 'WaitingForGates',
    pending: 'v3',
    releases: ['v3'],
    gates: [gate('business-hours', 'Pending', { kind: 'RolloutSchedule' })],
    holder: 'controller-7d9 1',
  });
  const st = watchStatus('my-app', s, now);
  expect(st.text).toBe('$(watch) my-app: waiting for gates v3 (observing)');
  expect(st.tooltip).toContain('driven by controller-7d9 1');
  expect(st.ticking).toBe(false);
});

it('before the first snapshot', () => {
  expect(watchStatus('my-app', undefined, now).text).toBe('$(eye) my-app: connecting…');
});
