// Spec §9.3: a tag whose latest bake failed is never re-deployed automatically; malformed history
// entries (hand-edited status) neither crash that nor exclude anything.
import { describe, expect, it } from 'vitest';
import type { DeploymentHistoryEntry } from '../model/index.js';
import { failedVersions } from './candidates.js';
import { parseTime } from './time.js';

describe('failedVersions with malformed history', () => {
  it('skips entries without a version or tag', () => {
    const history = [
      { id: 3, bakeStatus: 'Failed' },
      { id: 2, version: {}, bakeStatus: 'Failed' },
      null,
      { id: 1, version: { tag: 'v1' }, bakeStatus: 'Failed' },
    ] as unknown as DeploymentHistoryEntry[];
    expect([...failedVersions(history)]).toEqual(['v1']);
  });
});

describe('timestamps', () => {
  it('refuses a timestamp that is not a string even when it reads like one', () => {
    expect(parseTime(['2026-12-03T08:00:00Z'] as unknown as string)).toBeUndefined();
    expect(parseTime(undefined)).toBeUndefined();
  });
});
