// The version a rollout works towards (spec §10.1, §10.4): the newest candidate every gate's lists
// allow, the bypassed one, or — when no list allows any — the newest, naming the lists in the way.
import { describe, expect, it } from 'vitest';
import { chooseTarget } from './allowed.js';
import { gate } from './test-support/fixtures.js';

const v = (...tags: string[]) => tags.map((tag) => ({ tag }));

describe('chooseTarget', () => {
  it('has no target without candidates', () => {
    expect(chooseTarget([], [gate('qa', { deniedVersions: ['v1'] })])).toEqual({
      skipped: [],
      bypassed: false,
    });
  });

  it('passes over denied candidates, skipping the older ones only', () => {
    expect(chooseTarget(v('v3', 'v2', 'v1'), [gate('qa', { deniedVersions: ['v3'] })])).toEqual({
      tag: 'v2',
      skipped: ['v1'],
      bypassed: false,
    });
  });

  it('names every gate whose lists exclude the newest when none is allowed', () => {
    const gates = [
      gate('qa', { deniedVersions: ['v2', 'v1'] }),
      gate('prod', { allowedVersions: ['v1'] }),
      gate('open'),
    ];
    expect(chooseTarget(v('v2', 'v1'), gates)).toEqual({
      tag: 'v2',
      skipped: ['v1'],
      bypassed: false,
      excludedBy: 'v2 is excluded by qa (deniedVersions), prod (allowedVersions)',
    });
  });

  it('a bypass naming a candidate wins over the lists', () => {
    expect(chooseTarget(v('v3', 'v2', 'v1'), [gate('qa', { deniedVersions: ['v2'] })], 'v2')).toEqual({
      tag: 'v2',
      skipped: ['v1'],
      bypassed: true,
    });
  });
});
