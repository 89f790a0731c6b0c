import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoredObject } from '../types.js';
import { IMAGE_POLICY_API, SimAnnotations } from './annotations.js';
import { ready, startHarness, type Harness } from './test-support/harness.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const NS = 'flux-system';
const ref = { namespace: NS, name: 'my-app' };

async function start(): Promise<void> {
  h = await startHarness();
  h.sandbox.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
}

function createPolicy(annotations: Record<string, string> = {}, status?: object, withRepo = true): void {
  if (withRepo) {
    h.sandbox.store.create({
      apiVersion: 'image.toolkit.fluxcd.io/v1',
      kind: 'ImageRepository',
      metadata: { name: 'my-app-repo', namespace: NS },
      spec: { image: 'ghcr.io/acme/my-app', interval: '1m' },
    });
  }
  h.sandbox.store.create({
    apiVersion: IMAGE_POLICY_API,
    kind: 'ImagePolicy',
    metadata: { name: 'my-app', namespace: NS, annotations },
    spec: {
      imageRepositoryRef: { name: 'my-app-repo' },
      policy: { semver: { range: '>=1.0.0' } },
    },
    ...(status ? { status } : {}),
  });
}

const policy = (apiVersion = IMAGE_POLICY_API): StoredObject | undefined =>
  h.sandbox.store.get(apiVersion, 'ImagePolicy', 'my-app', NS);
const latest = (): { name?: string; tag?: string; digest?: string } | undefined =>
  (policy()?.status as { latestRef?: { name?: string; tag?: string; digest?: string } } | undefined)
    ?.latestRef;
const annotate = (annotations: Record<string, string | null>): void => {
  h.sandbox.store.patch(IMAGE_POLICY_API, 'ImagePolicy', 'my-app', NS, { metadata: { annotations } });
};

describe('image reflector', () => {
  it('publish() moves latestRef and the Ready condition', async () => {
    await start();
    createPolicy();
    await h.sim.publish(ref, 'v1.2.0');
    const sha = createHash('sha256').update('v1.2.0').digest('hex');
    expect(latest()).toEqual({ name: 'ghcr.io/acme/my-app', tag: 'v1.2.0', digest: `sha256:${sha}` });
    expect(ready(policy())).toMatchObject({ status: 'True', reason: 'Succeeded' });

    await h.sim.publish(ref, 'v1.3.0');
    expect(latest()?.tag).toBe('v1.3.0');
    expect(latest()?.digest).not.toBe(`sha256:${sha}`);
  });

  it('names the image after the repository reference when that ImageRepository does not exist', async () => {
    await start();
    createPolicy({}, undefined, false);
    await h.sim.publish(ref, 'v1.0.0');
    expect(latest()?.name).toBe('my-app-repo');
  });

  it('refuses a missing policy and a malformed tag with a clear message', async () => {
    await start();
    await expect(h.sim.publish(ref, 'v1.0.0')).rejects.toThrow('ImagePolicy flux-system/my-app not found');
    createPolicy();
    await expect(h.sim.publish(ref, 'no spaces')).rejects.toThrow('not a valid image tag');
    expect(latest()).toBeUndefined();
  });

  it('publishes the tag of the publish annotation and removes the annotation', async () => {
    await start();
    createPolicy();
    annotate({ [SimAnnotations.publish]: 'v1.4.0' });
    await h.sim.settled();
    expect(latest()?.tag).toBe('v1.4.0');
    expect(policy()?.metadata?.annotations?.[SimAnnotations.publish]).toBeUndefined();

    annotate({ [SimAnnotations.publish]: 'bad tag!' });
    await h.sim.settled();
    expect(latest()?.tag).toBe('v1.4.0');
    expect(policy()?.metadata?.annotations?.[SimAnnotations.publish]).toBeUndefined();
    expect(h.logs.join('\n')).toContain('not a valid image tag');
  });

  it('reacts to the annotation written over HTTP, as `kubectl annotate` does', async () => {
    await start();
    createPolicy();
    const res = await fetch(
      `${h.sandbox.url}/apis/image.toolkit.fluxcd.io/v1/namespaces/${NS}/imagepolicies/my-app`,
      {
        method: 'PATCH',
        headers: { 'content-type': 'application/merge-patch+json' },
        body: JSON.stringify({ metadata: { annotations: { [SimAnnotations.publish]: 'v2.0.0' } } }),
      },
    );
    expect(res.status).toBe(200);
    await h.sim.settled();
    expect(latest()?.tag).toBe('v2.0.0');
    expect(policy()?.metadata?.annotations?.[SimAnnotations.publish]).toBeUndefined();
  });

  it('publishes a series one tag per interval, in order, and stops at the end', async () => {
    await start();
    createPolicy({ [SimAnnotations.every]: '30s', [SimAnnotations.tags]: 'v1.1.0, v1.2.0,v1.3.0' });
    await h.advance(29_000);
    expect(latest()).toBeUndefined();
    await h.advance(1000);
    expect(latest()?.tag).toBe('v1.1.0');
    await h.advance(30_000);
    expect(latest()?.tag).toBe('v1.2.0');
    await h.advance(30_000);
    expect(latest()?.tag).toBe('v1.3.0');
    expect(h.clock.pending).toBe(0);
    await h.advance(120_000);
    expect(latest()?.tag).toBe('v1.3.0');
  });

  it('resumes a series after the tag already published', async () => {
    await start();
    createPolicy(
      { [SimAnnotations.every]: '1m', [SimAnnotations.tags]: 'v1.1.0,v1.2.0,v1.3.0' },
      { latestRef: { name: 'ghcr.io/acme/my-app', tag: 'v1.2.0' } },
    );
    await h.advance(60_000);
    expect(latest()?.tag).toBe('v1.3.0');
    expect(h.clock.pending).toBe(0);
  });

  it('cancels the series when its annotations are removed, and restarts it when they change', async () => {
    await start();
    createPolicy({ [SimAnnotations.every]: '10s', [SimAnnotations.tags]: 'v1,v2' });
    await h.sim.settled();
    expect(h.clock.pending).toBe(1);
    annotate({ [SimAnnotations.every]: null });
    await h.advance(60_000);
    expect(h.clock.pending).toBe(0);
    expect(latest()).toBeUndefined();

    annotate({ [SimAnnotations.every]: '5s', [SimAnnotations.tags]: 'v7' });
    await h.advance(5000);
    expect(latest()?.tag).toBe('v7');
  });

  it('logs and skips a series whose interval is not a positive Go duration', async () => {
    await start();
    createPolicy({ [SimAnnotations.every]: 'often', [SimAnnotations.tags]: 'v1' });
    await h.advance(60_000);
    expect(h.clock.pending).toBe(0);
    expect(latest()).toBeUndefined();
    expect(h.logs.join('\n')).toContain('"often" is not a positive Go duration');
  });

  it('stop() cancels running series', async () => {
    await start();
    createPolicy({ [SimAnnotations.every]: '10s', [SimAnnotations.tags]: 'v1,v2' });
    await h.sim.settled();
    await h.sim.stop();
    expect(h.clock.pending).toBe(0);
    await expect(h.sim.publish(ref, 'v3')).rejects.toThrow('stopped');
  });
});
