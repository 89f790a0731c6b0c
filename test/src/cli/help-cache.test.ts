// Help is printed from a copy of what oclif rendered for the same inputs (cli/src/fast/help.ts).
// For several commands, widths and colour modes: oclif's own output (KUBERIK_NO_FAST_PATH=1), the
// first run (oclif runs, the copy is kept) and the second (served from the copy, oclif not loaded)
// must be byte for byte the same.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTempDir } from '../support/tmp.js';
import { ensureBuilt, kuberik } from './support.js';

let cache: string;
beforeAll(async () => {
  await ensureBuilt();
  cache = makeTempDir('help-cache');
}, 240_000);
afterAll(() => undefined);

const cases: [string[], string, string][] = [
  [['--help'], '80', '0'],
  [['--help'], '120', '3'],
  [['-h'], '60', '1'],
  [[], '100', '0'],
  [['help'], '80', '2'],
  [['get', '--help'], '80', '0'],
  [['help', 'watch'], '140', '3'],
  [['deploy', '-h'], '50', '0'],
  [['sandbox', '--help'], '200', '1'],
];

describe('help from the cache is oclif help', () => {
  test.each(cases)(
    '%j at %s columns, FORCE_COLOR=%s',
    async (args, columns, color) => {
      const env = { XDG_CACHE_HOME: cache, OCLIF_COLUMNS: columns, FORCE_COLOR: color };
      const oclif = await kuberik(args, { env: { ...env, KUBERIK_NO_FAST_PATH: '1' } });
      expect(oclif.code, oclif.stderr).toBe(0);
      expect(oclif.stdout).toMatch(/USAGE/);
      const first = await kuberik(args, { env });
      const second = await kuberik(args, { env });
      const traced = await kuberik(args, { env: { ...env, NODE_DEBUG: 'esm' } });
      for (const r of [first, second]) expect(r).toEqual(oclif);
      expect(traced.stdout).toBe(oclif.stdout);
      expect(traced.stderr).toContain('fast-help.js');
      expect(traced.stderr, 'served without loading oclif').not.toMatch(/bundle\/index\.js/);
    },
    120_000,
  );

  test('a width or colour mode never gets the text of another', async () => {
    const run = (env: Record<string, string>) =>
      kuberik(['--help'], { env: { XDG_CACHE_HOME: cache, ...env } }).then((r) => r.stdout);
    const narrow = await run({ OCLIF_COLUMNS: '45', FORCE_COLOR: '0' });
    const wide = await run({ OCLIF_COLUMNS: '150', FORCE_COLOR: '0' });
    const colour = await run({ OCLIF_COLUMNS: '45', FORCE_COLOR: '3' });
    expect(await run({ OCLIF_COLUMNS: '45', FORCE_COLOR: '0' })).toBe(narrow);
    expect(wide).not.toBe(narrow);
    expect(colour).not.toBe(narrow);
    expect(colour).toContain('\u001b[');
    expect(narrow).not.toContain('\u001b[');
  }, 60_000);
});
