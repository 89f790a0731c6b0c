import { describe, expect, it } from 'vitest';
import { matchingGlob } from './glob.js';

describe('fail-versions globs', () => {
  it.each([
    ['v1.3.0', ['v1.3.*'], 'v1.3.*'],
    ['v1.30.0', ['v1.3.*'], undefined],
    ['v1.4.0', ['v1.3.*'], undefined],
    ['v2.0.0-rc1', ['v1.*', '*-rc*'], '*-rc*'],
    ['v2.0.0', ['v2.0.0'], 'v2.0.0'],
    ['v2x0x0', ['v2.0.0'], undefined],
    ['anything', ['*'], '*'],
    ['a+b(c)', ['a+b(c)'], 'a+b(c)'],
  ])('%s against %j', (value, globs, expected) => {
    expect(matchingGlob(value, globs)).toBe(expected);
  });
});
