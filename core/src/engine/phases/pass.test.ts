// The helpers every phase builds its next state with.
import { describe, expect, it } from 'vitest';
import { observed } from '../test-support/fixtures.js';
import { frozen } from '../test-support/phases.js';
import { initialState, readContext } from './context.js';
import { withCleared, wokenAt } from './pass.js';

const now = new Date('2026-11-27T10:00:00Z');
const empty = () => frozen(initialState(readContext(observed(), now)));

describe('pass state helpers', () => {
  it('wokenAt keeps the earliest instant asked for', () => {
    const s = wokenAt(wokenAt(empty(), 5_000), 9_000);
    expect(s.wakeAt).toBe(5_000);
    expect(wokenAt(s, 1_000).wakeAt).toBe(1_000);
    expect(wokenAt(s, undefined)).toBe(s);
  });

  it('withCleared adds each annotation key once, in the order first named', () => {
    const s = withCleared(withCleared(empty(), ['a', 'b', 'a']), ['c', 'b']);
    expect(s.clearAnnotations).toEqual(['a', 'b', 'c']);
  });
});
