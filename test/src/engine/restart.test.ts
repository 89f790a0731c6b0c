// Spec §6: a process restarted at any moment resumes exactly where the status says — nothing is
// deployed twice, a bake half done continues from bakeStartTime.
import { afterEach, expect, it } from 'vitest';
import { sandboxOnly } from '../support/backend.js';
import { type Harness, patchGate, seedApp, startHarness, substituted } from './harness.js';

const BAKE_MS = 5 * 60_000;

sandboxOnly.describe(
  'fake clock: time stands still between a stop and the next driver',
  'restart safety',
  () => {
    let h: Harness;
    afterEach(async () => h?.close());

    it.each([
      ['WaitingForGates', 'stop'],
      ['Deploying', 'stop'],
      ['Deploying', 'crash'],
      ['Baking', 'stop'],
      ['Baking', 'crash'],
    ] as const)(
      'a driver stopped (%s, %s) is replaced and the version finishes exactly once',
      async (phase, how) => {
        h = await startHarness();
        await seedApp(h.kube, { name: 'my-app', bakeTime: '5m' });
        const first = await h.startDriver({ holder: 'first' });
        await h.flux.publish({ namespace: 'prod', name: 'my-app' }, 'v1.0.0');
        await h.eventually(
          'waiting',
          async () => (await h.rollout('my-app')).status?.phase === 'WaitingForGates',
        );

        if (phase !== 'WaitingForGates') {
          await patchGate(h.kube, 'my-app-approval', { allowedVersions: ['v1.0.0'] });
          await h.eventually(
            'deploying',
            async () => (await h.rollout('my-app')).status?.phase === 'Deploying',
          );
        }
        let bakeStart: string | undefined;
        if (phase === 'Baking') {
          await h.advance(4000, 1000);
          bakeStart = await h.eventually('baking', async () => {
            const r = await h.rollout('my-app');
            return r.status?.phase === 'Baking' && r.status.history?.[0]?.bakeStartTime;
          });
          await h.advance(2 * 60_000); // two of five minutes baked
        }

        await first.stop({ releaseLeases: how === 'stop' });
        if (phase === 'WaitingForGates')
          await patchGate(h.kube, 'my-app-approval', { allowedVersions: ['v1.0.0'] });
        await h.advance(how === 'crash' ? 16_000 : 1000, 1000); // a crashed holder's lease must expire first

        await h.startDriver({ holder: 'second' });
        await h.advance(10_000, 1000);
        await h.advance(BAKE_MS, 15_000);
        const done = await h.eventually('succeeded', async () => {
          const r = await h.rollout('my-app');
          return r.status?.phase === 'Succeeded' && r;
        });

        const k = await h.kustomization('my-app');
        expect(substituted(k)).toBe('v1.0.0');
        expect(k.metadata.generation).toBe(2); // created at 1, one deploy: never patched twice
        expect(done.status?.history).toHaveLength(1);
        const entry = done.status!.history![0]!;
        if (bakeStart) {
          expect(entry.bakeStartTime).toBe(bakeStart);
          // Not restarted: the bake ended five minutes after it started, within the test's 5 s clock steps.
          const baked = Date.parse(entry.bakeEndTime!) - Date.parse(bakeStart);
          expect(baked).toBeGreaterThanOrEqual(BAKE_MS);
          expect(baked).toBeLessThan(BAKE_MS + 30_000);
        }
        const deployed = h.events.filter((e) => e.type === 'event' && e.event.reason === 'Deployed');
        expect(deployed).toHaveLength(1);
      },
    );
  },
);
