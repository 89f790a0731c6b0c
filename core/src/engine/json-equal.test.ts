// The engine writes a status only when it differs as JSON: absent and undefined properties are equal.
import { describe, expect, it } from 'vitest';
import { jsonEqual } from './equal.js';

describe('jsonEqual', () => {
  it('compares objects and arrays by value, ignoring undefined properties', () => {
    expect(jsonEqual({ a: [1, { b: 'x' }], c: undefined }, { a: [1, { b: 'x' }] })).toBe(true);
    expect(jsonEqual({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] })).toBe(false);
    expect(jsonEqual(null, null)).toBe(true);
    expect(jsonEqual(null, {})).toBe(false);
    expect(jsonEqual({}, null)).toBe(false);
    expect(jsonEqual('1', 1)).toBe(false);
  });

  it('tells arrays of different length apart, and an array from an object with the same keys', () => {
    expect(jsonEqual([1, 2], [1, 2, undefined])).toBe(false);
    expect(jsonEqual([1, 2, 3], [1, 2])).toBe(false);
    expect(jsonEqual([], [])).toBe(true);
    expect(jsonEqual(['a'], { 0: 'a' })).toBe(false);
    expect(jsonEqual({ 0: 'a' }, ['a'])).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
  });
});
