// Spec §6: bad input shows as a condition and an Event that say what to fix, and every other
// rollout keeps running.
import { Kinds } from '@kuberik/core/kube';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, seedApp, startHarness, substituted } from './harness.js';

interface Case {
  name: string;
  seed(h: Harness): Promise<void>;
  condition: { type: string; reason: string };
  /** What the condition and Event say, given the namespace. */
  says(ns: string): RegExp;
}

const cases: Case[] = [
  {
    name: 'missing ImagePolicy',
    async seed(h) {
      await seedApp(h.kube, { name: 'broken', healthCheck: false });
      await h.kube.delete(Kinds.ImagePolicy, h.ns, 'broken');
    },
    condition: { type: 'ReleasesUpdated', reason: 'ImagePolicyNotFound' },
    says: (ns) => new RegExp(`ImagePolicy ${ns}/broken not found; create it or fix spec.releasesImagePolicy`),
  },
  {
    name: 'malformed tag',
    async seed(h) {
      await seedApp(h.kube, { name: 'broken', healthCheck: false });
      await h.kube.mergePatch(
        Kinds.ImagePolicy,
        h.ns,
        'broken',
        { status: { latestRef: { name: 'ghcr.io/acme/broken', tag: 'not a tag!' } } },
        { status: true },
      );
    },
    condition: { type: 'ReleasesUpdated', reason: 'InvalidTag' },
    says: () => /"not a tag!", which is not a valid image tag/,
  },
  {
    name: 'invalid health-check selector',
    async seed(h) {
      await seedApp(h.kube, {
        name: 'broken',
        healthCheck: false,
        extraSpec: {
          healthCheckSelector: {
            selector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] },
          },
        },
      });
    },
    condition: { type: 'Ready', reason: 'InvalidSpec' },
    says: () => /healthCheckSelector.selector is invalid/,
  },
  {
    name: 'unknown force-deploy tag',
    async seed(h) {
      await seedApp(h.kube, { name: 'broken', healthCheck: false, gate: { passing: true } });
      await h.flux.publish({ namespace: h.ns, name: 'broken' }, 'v1.0.0');
      await h.kube.mergePatch(Kinds.Rollout, h.ns, 'broken', {
        metadata: { annotations: { 'rollout.kuberik.com/force-deploy': 'v9.9.9' } },
      });
    },
    condition: { type: 'ManualRequest', reason: 'ForceDeployRefused' },
    says: () => /Force deploy of v9.9.9 refused: it is not in available releases/,
  },
  {
    name: 'no Kustomization substitutes the version',
    async seed(h) {
      await seedApp(h.kube, { name: 'broken', healthCheck: false, gate: { passing: true } });
      await h.kube.mergePatch(Kinds.Kustomization, h.ns, 'broken', {
        metadata: { annotations: { 'rollout.kuberik.com/substitute.APP_VERSION.from': null } },
      });
      await h.flux.publish({ namespace: h.ns, name: 'broken' }, 'v1.0.0');
    },
    condition: { type: 'Ready', reason: 'RolloutFailed' },
    says: () => /No Kustomization is annotated rollout.kuberik.com\/substitute.<VAR>.from: broken/,
  },
];

describe('bad input (spec §6)', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it.each(cases)('$name → a condition and an Event say what to fix; other rollouts keep going', async (c) => {
    h = await startHarness();
    await seedApp(h.kube, { name: 'good', healthCheck: false, gate: { passing: true } });
    await c.seed(h);
    await h.startDriver();
    await h.flux.publish({ namespace: h.ns, name: 'good' }, 'v1.0.0');

    const cond = await h.eventually(`${c.condition.type}=${c.condition.reason}`, async () =>
      (await h.rollout('broken')).status?.conditions?.find(
        (x) => x.type === c.condition.type && x.reason === c.condition.reason,
      ),
    );
    expect(cond.message).toMatch(c.says(h.ns));
    const warning = await h.eventually('a Warning Event on the rollout', async () =>
      (await h.kube.list(Kinds.Event, { namespace: h.ns })).items.find(
        (e) =>
          e.involvedObject.name === 'broken' && e.type === 'Warning' && c.says(h.ns).test(e.message ?? ''),
      ),
    );
    expect(warning.source?.component).toBe('kuberik');
    await h.eventually(
      'the good rollout deployed',
      async () => substituted(await h.kustomization('good')) === 'v1.0.0',
    );
  });

  it('an unparseable duration never gets in: the CRD schema refuses it, naming field and value', async () => {
    h = await startHarness();
    const err = await seedApp(h.kube, { name: 'broken', healthCheck: false, bakeTime: 'soon' }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ kind: 'Invalid' });
    expect((err as Error).message).toMatch(
      /refused the create of rollout broken: .*spec\.bakeTime: Invalid value: "soon"/,
    );
  });
});
