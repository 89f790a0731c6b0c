// Spec §10.5 through the driver: a force-deploy made by another client (no deploy-user) is
// credited to the field manager that set the annotation, never to the identity running the driver.
import { Kinds } from '@kuberik/core/kube';
import { Annotations } from '@kuberik/core/model';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, seedApp, startHarness, substituted } from './harness.js';

describe('honest attribution (spec §10.5)', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('credits a plain-kubectl force-deploy to its field manager, not to the driver user', async () => {
    h = await startHarness();
    await seedApp(h.kube, { name: 'my-app', gate: false, healthCheck: false });
    await h.startDriver(); // runs as 'alice'
    await h.flux.publish({ namespace: h.ns, name: 'my-app' }, 'v1.0.0');
    await h.eventually('v1.0.0', async () => substituted(await h.kustomization('my-app')) === 'v1.0.0');
    await h.flux.publish({ namespace: h.ns, name: 'my-app' }, 'v1.1.0');
    await h.eventually('v1.1.0', async () => substituted(await h.kustomization('my-app')) === 'v1.1.0');

    // As `kubectl annotate rollout my-app rollout.kuberik.com/force-deploy=v1.0.0` would.
    await h.kube.mergePatch(
      Kinds.Rollout,
      h.ns,
      'my-app',
      { metadata: { annotations: { [Annotations.forceDeploy]: 'v1.0.0' } } },
      { fieldManager: 'kubectl-annotate' },
    );
    const r = await h.eventually('forced back to v1.0.0', async () => {
      const x = await h.rollout('my-app');
      return x.status?.history?.[0]?.version.tag === 'v1.0.0' && x.status.history.length === 3 && x;
    });
    expect(r.status?.history?.[0]?.triggeredBy).toEqual({ kind: 'FieldManager', name: 'kubectl-annotate' });
    expect(r.status?.history?.[1]?.triggeredBy).toEqual({ kind: 'System', name: 'kuberik' });
  });
});
