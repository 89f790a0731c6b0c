// Spec §10.3 end to end: a rollout whose only target is an OCIRepository deploys by setting
// spec.ref.tag; the Flux simulator stores the new artifact and the Kustomization that reads it
// applies the new revision, which is what the bake waits for.
import { Kinds } from '@kuberik/core/kube';
import type { HealthCheck, Kustomization, OCIRepository, Rollout } from '@kuberik/core/model';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureNamespace, type Harness, startHarness } from './harness.js';

async function seed(h: Harness, ref: Record<string, string> = {}): Promise<void> {
  await ensureNamespace(h.kube, h.ns);
  await h.kube.create(Kinds.ImagePolicy, {
    apiVersion: 'image.toolkit.fluxcd.io/v1',
    kind: 'ImagePolicy',
    metadata: { name: 'my-app', namespace: h.ns },
    spec: { imageRepositoryRef: { name: 'my-app' }, policy: { semver: { range: '>=0.0.0' } } },
  });
  await h.kube.create(Kinds.OCIRepository, {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'OCIRepository',
    metadata: { name: 'my-app', namespace: h.ns, annotations: { 'rollout.kuberik.com/rollout': 'my-app' } },
    spec: { url: 'oci://ghcr.io/acme/my-app-manifests', interval: '1m', ref },
  } as OCIRepository);
  await h.kube.create(Kinds.Kustomization, {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: 'my-app', namespace: h.ns },
    spec: { interval: '5m', path: './', prune: true, sourceRef: { kind: 'OCIRepository', name: 'my-app' } },
  } as Kustomization);
  await h.kube.create(Kinds.HealthCheck, {
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'HealthCheck',
    metadata: {
      name: 'my-app',
      namespace: h.ns,
      labels: { app: 'my-app' },
      annotations: { 'healthcheck.kuberik.com/kustomization': 'my-app' },
    },
    spec: { class: 'kustomization' },
  } as HealthCheck);
  await h.kube.create(Kinds.Rollout, {
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'Rollout',
    metadata: { name: 'my-app', namespace: h.ns },
    spec: {
      releasesImagePolicy: { name: 'my-app' },
      bakeTime: '3s',
      healthCheckSelector: { selector: { matchLabels: { app: 'my-app' } } },
    },
  } as Rollout);
}

/**
 * Moves the fake clock a second at a time until `check` holds: lease renewals and wake-ups run
 * on that clock, so a check that needs one of them never waits on a clock nobody moves.
 */
async function ticking(h: Harness, what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await h.advance(1000, 1000);
  }
  throw new Error(`${what}: not reached within 300 s of fake time`);
}

const tagOf = async (h: Harness) => (await h.kube.get(Kinds.OCIRepository, h.ns, 'my-app')).spec?.ref;

describe('OCIRepository targets (spec §10.3)', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('deploys by setting spec.ref.tag and bakes once Flux applied the new revision', async () => {
    h = await startHarness();
    await seed(h);
    await h.startDriver();
    await h.flux.publish({ namespace: h.ns, name: 'my-app' }, 'v1.0.0');

    await h.eventually('spec.ref.tag set', async () => (await tagOf(h))?.tag === 'v1.0.0');
    const deploying = await h.rollout('my-app');
    expect(deploying.status).toMatchObject({ currentVersion: 'v1.0.0', phase: 'Deploying' });

    await h.advance(4000);
    const ks = await h.eventually('the Kustomization applied the new artifact', async () => {
      const k = await h.kustomization('my-app');
      return k.status?.lastAppliedRevision?.startsWith('v1.0.0@sha256:') && k;
    });
    expect(ks.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    await ticking(h, 'baking', async () => (await h.rollout('my-app')).status?.phase === 'Baking');
    await ticking(h, 'succeeded', async () => (await h.rollout('my-app')).status?.phase === 'Succeeded');

    // The next release: the bake does not start on the old revision's Ready.
    await h.flux.publish({ namespace: h.ns, name: 'my-app' }, 'v1.1.0');
    await h.eventually('v1.1.0 set', async () => (await tagOf(h))?.tag === 'v1.1.0');
    expect((await h.rollout('my-app')).status?.phase).toBe('Deploying');
    await h.advance(4000);
    await ticking(h, 'v1.1.0 baking', async () => (await h.rollout('my-app')).status?.phase === 'Baking');
  });

  it('keeps ref.digest and warns that it overrides the tag', async () => {
    h = await startHarness();
    await seed(h, { digest: 'sha256:0123' });
    await h.startDriver();
    await h.flux.publish({ namespace: h.ns, name: 'my-app' }, 'v1.0.0');
    await h.eventually('spec.ref.tag set', async () => (await tagOf(h))?.tag === 'v1.0.0');
    expect(await tagOf(h)).toEqual({ digest: 'sha256:0123', tag: 'v1.0.0' });
    const warning = await h.eventually('TagOverridden Event', async () =>
      (await h.kube.list(Kinds.Event, { namespace: h.ns })).items.find((e) => e.reason === 'TagOverridden'),
    );
    expect(warning.type).toBe('Warning');
    expect(warning.message).toContain(`OCIRepository ${h.ns}/my-app sets spec.ref.digest`);
  });
});
