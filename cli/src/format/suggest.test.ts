import { describe, expect, it } from 'vitest';
import { closeMatches, didYouMean } from './suggest.js';

describe('did you mean', () => {
  it('suggests close rollout names, best first', () => {
    expect(closeMatches('my-ap', ['my-app', 'payments', 'my-api'])).toEqual(['my-api', 'my-app']);
    expect(didYouMean('paymnts', ['payments', 'web'])).toBe(' (did you mean "payments"?)');
  });
  it('says nothing when nothing is close', () => {
    expect(didYouMean('zzz', ['payments', 'web'])).toBe('');
  });
});
