// Which cache updates of a plan's writes may skip re-deciding the rollout (apply-plan.ts `wrote`):
// only the answers of writes guarded by the resourceVersion the plan was decided on. A re-read (after
// a 409) carries someone else's change and must wake the rollout, or that change is never decided.
import { describe, expect, it } from 'vitest';
import type { Plan } from '../engine/plan.js';
import { type EventRecorder, type Kube, KubeError } from '../kube/index.js';
import type { KubeObject, Rollout } from '../model/index.js';
import { applyPlan } from './apply-plan.js';

const rollout = (rv: string, annotations?: Record<string, string>): Rollout =>
  ({
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'Rollout',
    metadata: {
      name: 'app',
      namespace: 'shop',
      resourceVersion: rv,
      ...(annotations ? { annotations } : {}),
    },
    spec: {},
  }) as unknown as Rollout;

const kustomization = (rv: string): KubeObject =>
  ({
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: 'app', namespace: 'shop', resourceVersion: rv },
  }) as KubeObject;

const plan = (p: Partial<Plan>): Plan => ({
  patches: [],
  healthCheckStatuses: [],
  clearAnnotations: [],
  events: [],
  ...p,
});

/** A Kube that answers patches from a script and GETs with `fresh`; records every call. */
function fakeKube(
  answers: Array<KubeObject | KubeError>,
  fresh?: KubeObject,
): { kube: Kube; calls: string[] } {
  const calls: string[] = [];
  const kube = {
    mergePatch: async (
      _k: unknown,
      _ns: string,
      name: string,
      _p: unknown,
      o?: { resourceVersion?: string },
    ) => {
      calls.push(`patch ${name}@${o?.resourceVersion ?? '-'}`);
      const a = answers.shift();
      if (!a) throw new Error('unexpected patch');
      if (a instanceof KubeError) throw a;
      return a;
    },
    get: async () => {
      calls.push('get');
      return fresh;
    },
    find: async () => {
      calls.push('find');
      return fresh;
    },
  } as unknown as Kube;
  return { kube, calls };
}

function run(kube: Kube, r: Rollout, p: Plan) {
  const wrote: string[] = [];
  const remembered: string[] = [];
  const tag = (o: KubeObject) => `${o.kind}@${o.metadata.resourceVersion}`;
  const outcome = applyPlan(
    {
      kube,
      recorder: {} as EventRecorder,
      remember: (o) => remembered.push(tag(o)),
      wrote: (o) => wrote.push(tag(o)),
      stillDriving: () => true,
    },
    r,
    p,
  );
  return { outcome, wrote, remembered };
}

describe('applyPlan: which cache updates wake the rollout again', () => {
  it('the answers of guarded writes are its own result; an unguarded answer is not', async () => {
    const { kube } = fakeKube([rollout('11'), kustomization('21'), kustomization('22')]);
    const r = run(
      kube,
      rollout('10'),
      plan({
        status: { phase: 'Deploying' } as Rollout['status'],
        patches: [
          {
            target: {
              ...kustomization('20').metadata,
              apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
              kind: 'Kustomization',
              name: 'app',
              resourceVersion: '20',
            },
            patch: { spec: {} },
            reason: 'deploy',
          },
          {
            target: {
              apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
              kind: 'Kustomization',
              namespace: 'shop',
              name: 'app',
            },
            patch: { spec: {} },
            reason: 'unguarded',
          },
        ],
      }),
    );
    expect((await r.outcome).ok).toBe(true);
    expect(r.wrote).toEqual(['Rollout@11', 'Kustomization@21']);
    expect(r.remembered).toEqual(['Kustomization@22']);
  });

  it('a rollout re-read after a 409 (someone else changed it) wakes it, even when the retried write lands', async () => {
    const conflict = new KubeError('Conflict', 'the object has been modified');
    const theirs = rollout('12', { 'kuberik.com/deploy': 'v2', 'team/note': 'changed meanwhile' });
    const { kube, calls } = fakeKube(
      [rollout('11', { 'kuberik.com/deploy': 'v2' }), conflict, rollout('13')],
      theirs,
    );
    const r = run(
      kube,
      rollout('10', { 'kuberik.com/deploy': 'v2' }),
      plan({ status: { phase: 'Deploying' } as Rollout['status'], clearAnnotations: ['kuberik.com/deploy'] }),
    );
    expect((await r.outcome).ok).toBe(true);
    expect(calls).toEqual(['patch app@10', 'patch app@11', 'get', 'patch app@12']);
    // The annotation removal's answer wakes it too (kept simple: that path is rare).
    expect(r.wrote).toEqual(['Rollout@11']);
    expect(r.remembered).toEqual(['Rollout@12', 'Rollout@13']);
  });
});
