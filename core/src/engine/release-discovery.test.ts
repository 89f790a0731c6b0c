// Release discovery from a Flux ImagePolicy (spec §3.1): which tags are valid, what a policy reports,
// and how new tags join availableReleases.
import { describe, expect, it } from 'vitest';
import type { ImagePolicy } from '../model/index.js';
import { appendRelease, dedupeReleases, isValidTag, versionFromImagePolicy } from './discovery.js';
import { imagePolicy } from './test-support/fixtures.js';

describe('isValidTag', () => {
  it('takes word characters, dots and dashes up to 128, not starting with . or -', () => {
    for (const tag of ['v1.2.3', '1', '_x', 'a-b_c.d', `v${'x'.repeat(127)}`])
      expect(isValidTag(tag)).toBe(true);
    for (const tag of ['', '.v1', '-v1', 'v 1', 'v1:2', `v${'x'.repeat(128)}`, 'v1\n'])
      expect(isValidTag(tag)).toBe(false);
  });
});

describe('versionFromImagePolicy', () => {
  const latestImage = (image: unknown): ImagePolicy => ({
    ...imagePolicy(),
    status: { latestImage: image as string },
  });
  it('falls back to latestImage when latestRef has no usable tag', () => {
    const both: ImagePolicy = {
      ...imagePolicy(),
      status: { latestRef: { name: 'x', tag: '' }, latestImage: 'repo:v2' },
    };
    expect(versionFromImagePolicy(both)).toEqual({ tag: 'v2' });
    const numeric = {
      ...imagePolicy(),
      status: { latestRef: { name: 'x', tag: 5 }, latestImage: 'repo:v3' },
    };
    expect(versionFromImagePolicy(numeric as unknown as ImagePolicy)).toEqual({ tag: 'v3' });
    expect(versionFromImagePolicy(imagePolicy('v1'))).toEqual({ tag: 'v1' });
  });

  it('reads nothing from an absent policy, a missing, empty or non-string image, or an empty tag', () => {
    expect(versionFromImagePolicy(undefined)).toBeUndefined();
    expect(versionFromImagePolicy({ ...imagePolicy(), status: {} })).toBeUndefined();
    expect(versionFromImagePolicy(latestImage(''))).toBeUndefined();
    expect(versionFromImagePolicy(latestImage(42))).toBeUndefined();
    expect(versionFromImagePolicy(latestImage('repo:'))).toBeUndefined();
    expect(versionFromImagePolicy(latestImage('repo:@sha256:abc'))).toBeUndefined();
  });

  it('takes the tag after the last colon, and the digest after @', () => {
    expect(versionFromImagePolicy(latestImage('host:5000/a:b/app:v7'))).toEqual({ tag: 'v7' });
    expect(versionFromImagePolicy(latestImage('host:5000/app'))).toBeUndefined();
    expect(versionFromImagePolicy(latestImage('app'))).toBeUndefined();
    expect(versionFromImagePolicy(latestImage('@sha256:abc'))).toBeUndefined();
    expect(versionFromImagePolicy(latestImage(':v1'))).toEqual({ tag: 'v1' });
    expect(versionFromImagePolicy(latestImage('repo:v1:v2'))).toEqual({ tag: 'v2' });
    expect(versionFromImagePolicy(latestImage('repo:v1@sha256:abc'))).toEqual({
      tag: 'v1',
      digest: 'sha256:abc',
    });
    expect(versionFromImagePolicy(latestImage('repo:v1@'))).toEqual({ tag: 'v1' });
  });
});

describe('availableReleases', () => {
  it('appends only new tags, keeping the list as it was otherwise', () => {
    const list = [{ tag: 'v1' }];
    expect(appendRelease(list, { tag: 'v2', digest: 'sha256:a' })).toEqual([
      { tag: 'v1' },
      { tag: 'v2', digest: 'sha256:a' },
    ]);
    expect(appendRelease(list, { tag: 'v1', digest: 'sha256:b' })).toBe(list);
    expect(appendRelease(list, undefined)).toBe(list);
  });

  it('drops repeated and malformed entries, the first discovery winning', () => {
    const list = [{ tag: 'v1', digest: 'a' }, null, { tag: 7 }, { tag: 'v2' }, { tag: 'v1', digest: 'b' }];
    expect(dedupeReleases(list as never)).toEqual([{ tag: 'v1', digest: 'a' }, { tag: 'v2' }]);
  });
});
