// The rollout status is the intent record: the driver writes a deploy's history entry before it
// patches the Kustomization. A write that fails (or a driver that dies) in between never turns the
// deploy into an "Adopted running version", never records it twice, and the bake still runs.
import { afterEach, expect, it } from 'vitest';
import { sandboxOnly } from '../support/backend.js';
import type { EngineDriver } from '@kuberik/core/driver';
import { type Harness, patchGate, seedApp, startHarness, substituted } from './harness.js';

const BAKE_MS = 5 * 60_000;
/** The Kube client retries a 5xx twice: three failures make the write fail for the driver. */
const FAILED_WRITE = 3;
const kustomizationPatch = (m: string, p: string): boolean =>
  m === 'PATCH' && /\/kustomizations\/my-app$/.test(p);
const rolloutStatusPatch = (m: string, p: string): boolean =>
  m === 'PATCH' && /\/rollouts\/my-app\/status$/.test(p);

async function approved(h: Harness): Promise<EngineDriver> {
  await seedApp(h.kube, { name: 'my-app', bakeTime: '5m' });
  const d = await h.startDriver({ holder: 'first' });
  await h.flux.publish({ namespace: 'prod', name: 'my-app' }, 'v1.0.0');
  await h.eventually('waiting', async () => (await h.rollout('my-app')).status?.pendingVersion === 'v1.0.0');
  return d;
}

/** The version bakes to Succeeded, recorded once, never adopted, deployed by one patch. */
async function expectDeployedOnce(h: Harness): Promise<void> {
  await h.advance(10_000, 1000);
  await h.eventually('baking', async () => (await h.rollout('my-app')).status?.phase === 'Baking');
  await h.advance(BAKE_MS + 30_000, 15_000);
  const r = await h.eventually('succeeded', async () => {
    const x = await h.rollout('my-app');
    return x.status?.phase === 'Succeeded' && x;
  });
  const history = r.status?.history ?? [];
  expect(history.map((e) => e.version.tag)).toEqual(['v1.0.0']);
  expect(history[0]?.message).not.toBe('Adopted running version');
  expect(history[0]?.bakeStartTime).toBeDefined();
  expect(
    Date.parse(history[0]!.bakeEndTime!) - Date.parse(history[0]!.bakeStartTime!),
  ).toBeGreaterThanOrEqual(BAKE_MS);
  const k = await h.kustomization('my-app');
  expect(substituted(k)).toBe('v1.0.0');
  expect(k.metadata.generation).toBe(2); // created at 1, patched once
  const reasons = h.events.flatMap((e) => (e.type === 'event' ? [e.event.reason] : []));
  expect(reasons.filter((x) => x === 'Deployed')).toHaveLength(1);
  expect(reasons).not.toContain('Adopted');
}

sandboxOnly.describe(
  'injected write failures (faults.failNext)',
  'the rollout status is the intent record',
  () => {
    let h: Harness;
    afterEach(async () => h?.close());

    it('the status write fails: nothing is patched, the deploy happens once on the retry', async () => {
      h = await startHarness();
      await approved(h);
      h.sandbox.faults.failNext(FAILED_WRITE, { code: 500, match: rolloutStatusPatch });
      await patchGate(h.kube, 'my-app-approval', { allowedVersions: ['v1.0.0'] });
      await expectDeployedOnce(h);
    });

    it('the Kustomization patch fails after the status was written: the patch is resumed', async () => {
      h = await startHarness();
      await approved(h);
      h.sandbox.faults.failNext(FAILED_WRITE, { code: 500, match: kustomizationPatch });
      await patchGate(h.kube, 'my-app-approval', { allowedVersions: ['v1.0.0'] });
      await expectDeployedOnce(h);
    });

    it('the driver dies between the status write and the patch: the next holder patches', async () => {
      h = await startHarness();
      const first = await approved(h);
      let down = true; // the Kustomization cannot be written until the first driver is gone
      h.sandbox.faults.failNext(1_000_000, { code: 500, match: (m, p) => down && kustomizationPatch(m, p) });
      await patchGate(h.kube, 'my-app-approval', { allowedVersions: ['v1.0.0'] });
      await h.eventually('deploy recorded', async () => {
        const r = await h.rollout('my-app');
        return r.status?.history?.[0]?.version.tag === 'v1.0.0';
      });
      expect(substituted(await h.kustomization('my-app'))).toBeUndefined();
      await first.stop({ releaseLeases: false }); // a crash: the lease must expire first
      down = false;
      await h.advance(16_000, 1000);
      await h.startDriver({ holder: 'second' });
      await expectDeployedOnce(h);
    });
  },
);
