import { afterEach, describe, expect, it } from 'vitest';
import type { RolloutGate } from '../model/index.js';
import { createKube, type Kube } from './client.js';
import type { KubeError } from './errors.js';
import { Informer } from './informer.js';
import { Kinds } from './kinds.js';
import { startTinyApi, type TinyApi } from './test-support/tiny-api.js';

/** Polls a condition on real I/O (no timing assertion: it only bounds a hang). */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('Informer (list + watch that never gives up)', () => {
  let api: TinyApi | undefined;
  let kube: Kube | undefined;
  let inf: Informer<RolloutGate> | undefined;
  afterEach(async () => {
    inf?.stop();
    kube?.close();
    await api?.close();
  });

  it('lists, follows the watch, and survives a dropped watch, a 500 and a 410 without losing a change', async () => {
    api = await startTinyApi();
    api.put('production-approval', { rolloutRef: { name: 'my-app' } });
    kube = createKube({ kubeconfigText: api.kubeconfig() });
    inf = new Informer(kube, Kinds.RolloutGate, { namespace: 'prod', maxBackoffMs: 50 });
    const errors: KubeError[] = [];
    inf.on({ error: (e) => errors.push(e) });
    await inf.start();
    expect(inf.list().map((g) => g.metadata.name)).toEqual(['production-approval']);

    await until(() => api!.requests.some((r) => r.includes('watch=1')), 'the first watch');
    api.put('qa', { rolloutRef: { name: 'my-app' }, passing: true });
    await until(() => inf!.get('prod', 'qa') !== undefined, 'qa via watch');

    // The connection dies and the next re-list fails with 500 (twice, past the transport retries).
    api.failNext(3, 500, (r) => !r.url?.includes('watch'));
    api.dropWatches();
    api.put('late', { rolloutRef: { name: 'my-app' } }); // happens while nobody watches
    await until(() => inf!.get('prod', 'late') !== undefined, 'late after the drop');
    expect(errors.some((e) => e.kind === 'Unreachable')).toBe(true);

    api.expireNextWatch();
    await until(() => inf!.lists >= 2, 'a re-list after 410');
    api.objects.delete('qa');
    api.expireNextWatch();
    await until(() => inf!.get('prod', 'qa') === undefined, 'qa gone after a re-list');
  });

  it('keeps retrying while the server is down and resumes when it is back on the same port', async () => {
    api = await startTinyApi();
    const port = Number(new URL(api.url).port);
    api.put('production-approval', { rolloutRef: { name: 'my-app' } });
    kube = createKube({ kubeconfigText: api.kubeconfig() });
    inf = new Informer(kube, Kinds.RolloutGate, { namespace: 'prod', maxBackoffMs: 50 });
    const errors: KubeError[] = [];
    inf.on({ error: (e) => errors.push(e) });
    await inf.start();
    await api.close();
    await until(() => errors.some((e) => /connection refused/.test(e.message)), 'a connection-refused error');
    expect(errors.at(-1)?.message).toMatch(
      /cannot reach the API server at http:\/\/127\.0\.0\.1:\d+: connection refused/,
    );
    // A server restarted without its data is behind our resourceVersion: 410, then a re-list.
    api = await startTinyApi(port, { 'after-restart': { rolloutRef: { name: 'my-app' } } });
    await until(() => inf!.get('prod', 'after-restart') !== undefined, 'objects from the restarted server');
    expect(inf.get('prod', 'production-approval')).toBeUndefined(); // the new server does not have it
  });

  it('restarts a watch that went silent past its watchdog', async () => {
    api = await startTinyApi();
    kube = createKube({ kubeconfigText: api.kubeconfig() });
    inf = new Informer(kube, Kinds.RolloutGate, { namespace: 'prod', watchdogMs: 100, maxBackoffMs: 20 });
    const errors: KubeError[] = [];
    inf.on({ error: (e) => errors.push(e) });
    await inf.start();
    await until(() => api!.requests.filter((r) => r.includes('watch=1')).length >= 3, 'repeated watches');
    expect(errors[0]?.message).toBe('watch of rolloutgates went silent; restarting it');
    api.put('late', { rolloutRef: { name: 'my-app' } });
    await until(() => inf!.get('prod', 'late') !== undefined, 'an event on a restarted watch');
  });
});
