// `deploy --bypass-gates` and `deploy --pin --allow-unknown` (issue 10 points 5 and 10) with the
// built CLI against an API server (sandbox or real): what each writes, and the one-line refusals.
import { readFileSync } from 'node:fs';
import { createKube, Kinds } from '@kuberik/core/kube';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, kuberik, startCluster, type TestCluster } from './support.js';

let c: TestCluster;
let kube: ReturnType<typeof createKube>;
const as = (args: string[]) => kuberik(args, { kubeconfig: c.kubeconfig });
/** The Rollout as written on the server. */
const rollout = () => kube.get(Kinds.Rollout, c.ns, 'my-app');
const BYPASS = 'rollout.kuberik.com/bypass-gates';

beforeAll(async () => {
  await ensureBuilt();
  c = await startCluster();
  // The status a driver would have written: v1.0.0 running, v1.1.0 and v1.2.0 waiting for approval.
  kube = createKube({ kubeconfigText: readFileSync(c.kubeconfig, 'utf8') });
  await kube.mergePatch(
    Kinds.Rollout,
    c.ns,
    'my-app',
    {
      status: {
        currentVersion: 'v1.0.0',
        pendingVersion: 'v1.2.0',
        phase: 'WaitingForGates',
        availableReleases: [{ tag: 'v1.0.0' }, { tag: 'v1.1.0' }, { tag: 'v1.2.0' }],
        releaseCandidates: [{ tag: 'v1.2.0' }, { tag: 'v1.1.0' }],
        history: [
          { id: 1, version: { tag: 'v1.0.0' }, timestamp: '2026-01-01T00:00:00Z', bakeStatus: 'Succeeded' },
        ],
      },
    },
    { status: true },
  );
}, 240_000);
afterAll(async () => c?.close());

describe('deploy --bypass-gates', () => {
  it('refuses a version that is not a candidate, naming the candidates', async () => {
    const r = await as(['deploy', 'my-app', 'v1.0.0', '--bypass-gates', '--yes']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      'cannot bypass gates for v1.0.0: it is already deployed of my-app (candidates: v1.2.0, v1.1.0)',
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect((await rollout()).metadata.annotations?.[BYPASS]).toBeUndefined();
  });

  it('sets the annotation for a candidate and records who asked', async () => {
    const r = await as(['deploy', 'my-app', 'v1.1.0', '--bypass-gates', '--yes', '-m', 'change meeting']);
    expect(r.code, r.stderr).toBe(0);
    // Nothing drives the rollout in this test: the command says so instead of claiming success.
    expect(r.stdout).toContain('gate bypass for v1.1.0 requested, but nothing drives my-app');
    expect((await rollout()).metadata.annotations?.[BYPASS]).toBe('v1.1.0');
    const events = (await kube.list(Kinds.Event, { namespace: c.ns })).items;
    expect(events.find((e) => e.reason === 'BypassRequested')?.message).toMatch(
      /^Gate bypass for v1\.1\.0 requested by .+: change meeting$/,
    );
  });

  it('cannot be combined with --pin', async () => {
    const r = await as(['deploy', 'my-app', 'v1.1.0', '--bypass-gates', '--pin', '--yes']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--pin');
  });
});

describe('deploy --pin of a tag the ImagePolicy never reported', () => {
  it('is refused with a clear message, and accepted with --allow-unknown', async () => {
    const refused = await as(['deploy', 'my-app', 'v1.2.1-hotfix', '--pin', '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('version "v1.2.1-hotfix" is not a release of my-app');
    expect(refused.stderr).toContain('add --allow-unknown');
    expect((await rollout()).spec.wantedVersion).toBeUndefined();

    const pinned = await as(['deploy', 'my-app', 'v1.2.1-hotfix', '--pin', '--allow-unknown', '--yes']);
    expect(pinned.code, pinned.stderr).toBe(0);
    expect((await rollout()).spec.wantedVersion).toBe('v1.2.1-hotfix');
  });

  it('--allow-unknown without --pin is a usage error', async () => {
    const r = await as(['deploy', 'my-app', 'v9', '--allow-unknown', '--yes']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--pin');
  });
});
