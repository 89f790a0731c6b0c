// Issue 13 point 7: risky actions warn; without a terminal and without --yes they refuse (exit 1),
// with --yes they go through.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, kuberik, startCluster, type TestCluster } from './support.js';

let c: TestCluster;
const as = (args: string[]) => kuberik(args, { kubeconfig: c.kubeconfig });
const REFUSE = 'error: refusing without a terminal to ask on — pass --yes if you mean it';

beforeAll(async () => {
  await ensureBuilt();
  c = await startCluster({}, { bakeTime: '1s' });
  await c.publish('v1.1.0');
  const waiting = await as(['watch', 'my-app', '--until', 'awaiting-approval', '--timeout', '60s']);
  if (waiting.code !== 0) throw new Error(waiting.stderr);
  const ok = await as(['approve', 'my-app', '--yes']);
  if (ok.code !== 0) throw new Error(ok.stderr);
  const baked = await as(['watch', 'my-app', '--until', 'succeeded', '--timeout', '60s']);
  if (baked.code !== 0) throw new Error(baked.stderr);
  await c.publish('v1.3.0');
  const next = await as(['watch', 'my-app', '--until', 'awaiting-approval', '--timeout', '60s']);
  if (next.code !== 0) throw new Error(next.stderr);
}, 240_000);
afterAll(async () => c?.close());

describe('guard rails (v1.1.0 live, v1.3.0 pending)', () => {
  it.each([
    [
      ['deny', 'my-app', 'v1.1.0'],
      'warning: v1.1.0 is the live version of my-app: denying it marks it rejected',
    ],
    [
      ['approve', 'my-app', 'v1.0.0'],
      'warning: v1.0.0 is older than the live v1.1.0: approving it does not deploy it',
    ],
    [['rollback', 'my-app', '--to', 'v1.3.0'], 'warning: v1.3.0 never ran on my-app'],
  ])('%j warns and refuses without a terminal (exit 1)', async (args, warning) => {
    const r = await as(args);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(warning);
    expect(r.stderr).toContain(REFUSE);
    expect(r.stdout).not.toContain('✔');
  });

  it('--yes goes through, still warning', async () => {
    const r = await as(['approve', 'my-app', 'v1.0.0', '--yes']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('warning: v1.0.0 is older than the live v1.1.0');
    expect(r.stdout).toMatch(/^✔ /m);
  });

  it('an ordinary approval needs no --yes off a terminal and gets no warning', async () => {
    const r = await as(['approve', 'my-app', 'v1.3.0']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('warning:');
  });
});
