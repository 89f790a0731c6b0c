// Issue 11 point 4: `controller` with bad flags ends at start with exit 1 and one clear line
// (oclif's default was 2, the code this CLI keeps for "not found").
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, kuberik } from './support.js';

beforeAll(async () => {
  await ensureBuilt();
}, 240_000);

describe('kubectl kuberik controller: bad flags', () => {
  it.each([
    [['--bogus'], /error: .*--bogus/],
    [['-A', '--lease-duration', '0'], /error: .*lease-duration/],
    [['-A', '-n', 'x'], /error: .*(all-namespaces|namespace)/],
    [['-A', '--metrics-addr'], /error: .*metrics-addr/],
  ])('%j exits 1 with one error line and where to look', async (args, line) => {
    const r = await kuberik(['controller', ...args], { timeoutMs: 30_000 });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toMatch(line);
    expect(r.stderr).toContain("See 'kubectl kuberik controller --help'.");
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
