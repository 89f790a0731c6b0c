import { afterEach, describe, expect, it } from 'vitest';
import type { StoredObject } from '../types.js';
import { KUSTOMIZATION_API, SimAnnotations } from './annotations.js';
import { startFluxSimulator } from './simulator.js';
import { FakeClock } from './test-support/fake-clock.js';
import { ready, startHarness, type Harness } from './test-support/harness.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const NS = 'default';
const get = (name = 'app'): StoredObject | undefined =>
  h.sandbox.store.get(KUSTOMIZATION_API, 'Kustomization', name, NS);
const status = (name = 'app') => (get(name)?.status ?? {}) as Record<string, unknown>;

function createKustomization(
  annotations: Record<string, string> = {},
  version = 'v1.2.0',
  name = 'app',
): void {
  h.sandbox.store.create({
    apiVersion: KUSTOMIZATION_API,
    kind: 'Kustomization',
    metadata: { name, namespace: NS, annotations },
    spec: {
      interval: '5m',
      path: './deploy',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'repo' },
      postBuild: { substitute: { APP_VERSION: version, REGION: 'eu' } },
    },
  });
}

const setVersion = (version: string, name = 'app'): void => {
  h.sandbox.store.patch(KUSTOMIZATION_API, 'Kustomization', name, NS, {
    spec: { postBuild: { substitute: { APP_VERSION: version } } },
  });
};

describe('kustomize reconciler', () => {
  it('goes Progressing on a spec change and Ready=True after the default 3s, observing the generation', async () => {
    h = await startHarness();
    createKustomization();
    await h.sim.settled();
    expect(ready(get())).toMatchObject({ status: 'Unknown', reason: 'Progressing' });
    expect(status().observedGeneration).toBe(-1);

    await h.advance(2999);
    expect(ready(get())?.status).toBe('Unknown');

    await h.advance(1);
    expect(ready(get())).toMatchObject({ status: 'True', reason: 'ReconciliationSucceeded' });
    expect(status().observedGeneration).toBe(1);
    expect(status().lastAppliedRevision).toMatch(/^sandbox@sha1:[0-9a-f]{40}$/);
    expect(ready(get())?.message).toBe(`Applied revision: ${String(status().lastAppliedRevision)}`);

    // The next deploy: generation 2 is Progressing with observedGeneration still 1, then applied.
    setVersion('v1.3.0');
    await h.sim.settled();
    expect(get()?.metadata?.generation).toBe(2);
    expect(ready(get())).toMatchObject({ status: 'Unknown', reason: 'Progressing' });
    expect(status().observedGeneration).toBe(1);
    const before = status().lastAppliedRevision;
    await h.advance(3000);
    expect(status().observedGeneration).toBe(2);
    expect(status().lastAppliedRevision).not.toBe(before);
    expect(h.clock.pending).toBe(0);
  });

  it('fails health (Ready=False, HealthCheckFailed) when a substituted value matches fail-versions', async () => {
    h = await startHarness();
    createKustomization({
      [SimAnnotations.failVersions]: 'v1.3.*, *-rc*',
      [SimAnnotations.reconcileDelay]: '500ms',
    });
    await h.advance(500);
    expect(ready(get())?.status).toBe('True');

    setVersion('v1.3.1');
    await h.sim.settled();
    expect(status().observedGeneration).toBe(1);
    await h.advance(500);
    expect(ready(get())).toMatchObject({
      status: 'False',
      reason: 'HealthCheckFailed',
      observedGeneration: 2,
    });
    expect(status().observedGeneration).toBe(2);
    expect(ready(get())?.message).toContain('APP_VERSION=v1.3.1 matches');
    expect(ready(get())?.message).toContain('"v1.3.*"');

    setVersion('v2.0.0-rc1');
    await h.advance(500);
    expect(ready(get())).toMatchObject({ status: 'False', reason: 'HealthCheckFailed' });
    expect(ready(get())?.message).toContain('"*-rc*"');

    setVersion('v1.4.0');
    await h.advance(500);
    expect(ready(get())).toMatchObject({
      status: 'True',
      reason: 'ReconciliationSucceeded',
      observedGeneration: 4,
    });
  });

  it('does nothing for changes that keep the generation (annotations, status)', async () => {
    h = await startHarness();
    createKustomization({ [SimAnnotations.reconcileDelay]: '1s' });
    await h.advance(1000);
    const rv = get()?.metadata?.resourceVersion;
    h.sandbox.store.patch(KUSTOMIZATION_API, 'Kustomization', 'app', NS, {
      metadata: { annotations: { note: 'hello' } },
    });
    const afterAnnotate = get()?.metadata?.resourceVersion;
    await h.advance(5000);
    expect(afterAnnotate).not.toBe(rv);
    expect(get()?.metadata?.resourceVersion).toBe(afterAnnotate);
    expect(h.clock.pending).toBe(0);
  });

  it('is not postponed by metadata edits while progressing', async () => {
    h = await startHarness();
    createKustomization();
    await h.advance(2000);
    h.sandbox.store.patch(KUSTOMIZATION_API, 'Kustomization', 'app', NS, {
      metadata: { labels: { a: 'b' } },
    });
    await h.advance(1000);
    expect(ready(get())?.status).toBe('True');
  });

  it('applies only the newest spec when the spec changes again while progressing', async () => {
    h = await startHarness();
    createKustomization();
    await h.advance(2000);
    setVersion('v1.3.0');
    await h.advance(2000);
    // The first timer would have fired by now; it was replaced by one for generation 2.
    expect(ready(get())?.status).toBe('Unknown');
    await h.advance(1000);
    expect(ready(get())?.status).toBe('True');
    expect(status().observedGeneration).toBe(2);
  });

  it('uses the default delay and logs when reconcile-delay is not a Go duration', async () => {
    h = await startHarness({ reconcileDelayMs: 100 });
    createKustomization({ [SimAnnotations.reconcileDelay]: 'soon', [SimAnnotations.failVersions]: ',, ,' });
    await h.advance(100);
    expect(ready(get())?.status).toBe('True');
    expect(h.logs.join('\n')).toContain('"soon" is not a Go duration');
  });

  it('leaves objects that are being deleted alone and forgets deleted ones', async () => {
    h = await startHarness();
    h.sandbox.store.create({
      apiVersion: KUSTOMIZATION_API,
      kind: 'Kustomization',
      metadata: { name: 'held', namespace: NS, finalizers: ['example.com/hold'] },
      spec: {
        interval: '5m',
        prune: true,
        sourceRef: { kind: 'GitRepository', name: 'repo' },
        postBuild: { substitute: { APP_VERSION: 'v1' } },
      },
    });
    createKustomization();
    await h.sim.settled();
    expect(h.clock.pending).toBe(2);

    h.sandbox.store.delete(KUSTOMIZATION_API, 'Kustomization', 'held', NS);
    h.sandbox.store.delete(KUSTOMIZATION_API, 'Kustomization', 'app', NS);
    await h.sim.settled();
    expect(get('held')?.metadata?.deletionTimestamp).toBeDefined();
    expect(get('app')).toBeUndefined();
    expect(h.clock.pending).toBe(0);
    await h.advance(10_000);
    expect(ready(get('held'))?.status).toBe('Unknown');
  });

  it('finishes a reconcile left half done by a stopped simulator, and stop() cancels every timer', async () => {
    h = await startHarness();
    createKustomization();
    await h.sim.settled();
    expect(h.clock.pending).toBe(1);
    await h.sim.stop();
    expect(h.clock.pending).toBe(0);

    // Changes while stopped are not seen.
    setVersion('v1.3.0');
    await h.advance(10_000);
    expect(ready(get())?.status).toBe('Unknown');

    const clock = new FakeClock();
    const again = startFluxSimulator(h.sandbox, { clock, log: () => {} });
    await again.settled();
    clock.advance(3000);
    await again.settled();
    expect(ready(get())?.status).toBe('True');
    expect(status().observedGeneration).toBe(2);
    await again.stop();
  });
});
