// Issue 3 acceptance: dropped watches, 410 Gone, an API server restart, 409 storms, 500s and slow
// responses — the driver recovers and loses nothing (nothing missed, nothing done twice).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { sandboxOnly } from '../support/backend.js';
import { type Harness, patchGate, seedApp, startHarness, substituted } from './harness.js';

const isRolloutStatusPatch = (m: string, p: string): boolean =>
  m === 'PATCH' && /\/rollouts\/[^/]+\/status$/.test(p);

async function waitingFor(h: Harness, version: string): Promise<void> {
  await h.flux.publish({ namespace: 'prod', name: 'my-app' }, version);
  await h.eventually(
    `${version} waiting`,
    async () => (await h.rollout('my-app')).status?.pendingVersion === version,
  );
}

async function approveAndSee(h: Harness, versions: string[]): Promise<void> {
  await patchGate(h.kube, 'my-app-approval', { allowedVersions: versions });
  await h.eventually(
    `${versions.at(-1)} deployed`,
    async () => substituted(await h.kustomization('my-app')) === versions.at(-1),
  );
}

sandboxOnly.describe('injected faults and a server restart with its data', 'fault tolerance', () => {
  let h: Harness;
  let dir: string | undefined;
  afterEach(async () => {
    await h?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('a dropped watch: the approval made while disconnected is still seen', async () => {
    h = await startHarness();
    await seedApp(h.kube, { name: 'my-app', healthCheck: false });
    await h.startDriver();
    await waitingFor(h, 'v1.0.0');
    h.sandbox.faults.dropWatches();
    await approveAndSee(h, ['v1.0.0']);
  });

  it('410 Gone after compaction: the driver re-lists and carries on', async () => {
    h = await startHarness();
    await seedApp(h.kube, { name: 'my-app', healthCheck: false });
    const d = await h.startDriver();
    await waitingFor(h, 'v1.0.0');
    const listsBefore = d.stats().lists;
    h.sandbox.faults.compact();
    h.sandbox.faults.endWatches();
    await approveAndSee(h, ['v1.0.0']);
    expect(d.stats().lists).toBeGreaterThan(listsBefore); // re-listed after 410
  });

  it('500s on writes and a storm of 409s on the status: the version is deployed exactly once', async () => {
    h = await startHarness();
    await seedApp(h.kube, { name: 'my-app', healthCheck: false });
    await h.startDriver();
    await waitingFor(h, 'v1.0.0');
    h.sandbox.faults.failNext(4, {
      code: 500,
      match: (m, p) => m === 'PATCH' && /\/(kustomizations|rollouts)\//.test(p),
    });
    h.sandbox.faults.failNext(6, { code: 409, match: isRolloutStatusPatch });
    await approveAndSee(h, ['v1.0.0']);
    const r = await h.eventually('status written', async () => {
      const x = await h.rollout('my-app');
      return x.status?.currentVersion === 'v1.0.0' && x;
    });
    expect(r.status?.history).toHaveLength(1);
    expect((await h.kustomization('my-app')).metadata.generation).toBe(2);
    expect(h.events.some((e) => e.type === 'error')).toBe(true); // the 500s were reported, not thrown
  });

  it('slow responses: still converges', async () => {
    h = await startHarness();
    await seedApp(h.kube, { name: 'my-app', healthCheck: false });
    await h.startDriver();
    h.sandbox.faults.delay(150);
    await waitingFor(h, 'v1.0.0');
    await approveAndSee(h, ['v1.0.0']);
  });

  it('an API server restart with its data file: nothing lost, work resumes', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kuberik-restart-'));
    h = await startHarness({ dataFile: join(dir, 'sandbox.json') });
    await seedApp(h.kube, { name: 'my-app', healthCheck: false });
    await h.startDriver();
    await waitingFor(h, 'v1.0.0');
    await approveAndSee(h, ['v1.0.0']);
    await h.restartSandbox();
    await waitingFor(h, 'v1.1.0');
    await approveAndSee(h, ['v1.0.0', 'v1.1.0']);
    const r = await h.rollout('my-app');
    expect(r.status?.history?.map((e) => e.version.tag)).toEqual(['v1.1.0', 'v1.0.0']);
  });
});
