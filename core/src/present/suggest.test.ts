import { describe, expect, it } from 'vitest';
import { closeNames, didYouMean, editDistance } from './suggest.js';

describe('did you mean', () => {
  it('suggests close names, nearest first, and nothing for unrelated ones', () => {
    expect(editDistance('my-ap', 'my-app')).toBe(1);
    expect(closeNames('my-ap', ['my-app', 'billing', 'my-api'])).toEqual(['my-api', 'my-app']);
    expect(closeNames('MY-APP', ['my-app'])).toEqual(['my-app']);
    expect(closeNames('zzz', ['my-app', 'billing'])).toEqual([]);
    expect(didYouMean(['my-app'])).toBe(' (did you mean "my-app"?)');
    expect(didYouMean(['a', 'b', 'c'])).toBe(' (did you mean "a", "b" or "c"?)');
    expect(didYouMean([])).toBe('');
  });
});
