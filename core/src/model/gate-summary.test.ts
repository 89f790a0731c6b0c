import { describe, expect, it } from 'vitest';
import { readGateSummaries, readGateSummary } from './gate-summary.js';
import type { RolloutGateSummary } from './rollout.js';

describe('readGateSummary (upstream summaries, issue 10 point 8)', () => {
  it('passes ours through unchanged', () => {
    const ours: RolloutGateSummary = {
      name: 'a',
      kind: 'RolloutSchedule',
      decision: 'Pending',
      message: 'closed',
    };
    expect(readGateSummary(ours)).toBe(ours);
  });

  it.each([
    [{ name: 'g', passing: true, allowedVersions: null, message: 'Gate is passing' }, 'Approved'],
    [{ name: 'g', passing: false, message: 'Gate is not passing' }, 'Pending'],
    [{ name: 'g', allowedVersions: [], message: 'Gate does not allow any release candidate' }, 'Pending'],
    [{ name: 'g', passing: false, bypassGates: true, message: 'Gate bypassed for version v2' }, 'Approved'],
  ])('reads %j as %s, in our shape', (stored, decision) => {
    const read = readGateSummary(stored);
    expect(read).toMatchObject({ name: 'g', kind: 'RolloutGate', decision, message: stored.message });
    expect(read).not.toHaveProperty('passing');
    expect(read).not.toHaveProperty('allowedVersions');
  });

  it('reads a missing list as none', () => {
    expect(readGateSummaries(undefined)).toEqual([]);
  });
});
