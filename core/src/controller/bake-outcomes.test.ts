import { describe, expect, it } from 'vitest';
import type { BakeStatus, DeploymentHistoryEntry } from '../model/index.js';
import { BakeOutcomeTracker } from './bake-outcomes.js';

const entry = (id: number, bakeStatus: BakeStatus): DeploymentHistoryEntry => ({
  id,
  version: { tag: `v${id}` },
  timestamp: '2026-11-27T12:00:00Z',
  bakeStatus,
});

describe('BakeOutcomeTracker', () => {
  it('counts nothing already settled when first seen (controller restart)', () => {
    const t = new BakeOutcomeTracker();
    expect(t.update('ns/a', [entry(2, 'Succeeded'), entry(1, 'Failed')])).toEqual([]);
    expect(t.update('ns/a', [entry(2, 'Succeeded'), entry(1, 'Failed')])).toEqual([]);
  });

  it('counts a bake that ends, once', () => {
    const t = new BakeOutcomeTracker();
    t.update('ns/a', [entry(1, 'Succeeded')]);
    expect(t.update('ns/a', [entry(2, 'Deploying'), entry(1, 'Succeeded')])).toEqual([]);
    expect(t.update('ns/a', [entry(2, 'InProgress'), entry(1, 'Succeeded')])).toEqual([]);
    expect(t.update('ns/a', [entry(2, 'Failed'), entry(1, 'Succeeded')])).toEqual(['Failed']);
    expect(t.update('ns/a', [entry(2, 'Failed'), entry(1, 'Succeeded')])).toEqual([]);
  });

  it('counts a deploy that is Succeeded at once, and a bake cancelled by a manual deploy', () => {
    const t = new BakeOutcomeTracker();
    t.update('ns/a', [entry(1, 'InProgress')]);
    expect(t.update('ns/a', [entry(2, 'Succeeded'), entry(1, 'Cancelled')]).sort()).toEqual([
      'Cancelled',
      'Succeeded',
    ]);
  });

  it('forgets a rollout it no longer drives, so a takeover does not count old bakes', () => {
    const t = new BakeOutcomeTracker();
    t.update('ns/a', [entry(1, 'InProgress')]);
    t.forget('ns/a');
    expect(t.update('ns/a', [entry(1, 'Succeeded')])).toEqual([]);
  });
});
