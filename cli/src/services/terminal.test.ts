import { describe, expect, it } from 'vitest';
import { isCI } from './terminal.js';
import { colorAllowed } from '../lib/color.js';

describe('terminal policy', () => {
  it('treats any CI value but 0/false as CI (as Ink does)', () => {
    expect(isCI({ CI: 'true' })).toBe(true);
    expect(isCI({ CI: '' })).toBe(true);
    expect(isCI({ CI: 'false' })).toBe(false);
    expect(isCI({ CI: '0' })).toBe(false);
    expect(isCI({})).toBe(false);
  });

  it('colours only a TTY, and never with NO_COLOR, --no-color or TERM=dumb', () => {
    expect(colorAllowed({ env: {}, isTTY: true })).toBe(true);
    expect(colorAllowed({ env: {}, isTTY: false })).toBe(false);
    expect(colorAllowed({ env: { NO_COLOR: '1' }, isTTY: true })).toBe(false);
    expect(colorAllowed({ env: {}, isTTY: true, noColor: true })).toBe(false);
    expect(colorAllowed({ env: { TERM: 'dumb' }, isTTY: true })).toBe(false);
  });
});
