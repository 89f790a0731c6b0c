// Deploying = setting spec.postBuild.substitute.<VAR> on the Kustomizations annotated for this rollout
// (spec §2.5, §9.6): which ones are targets, what is patched, and what a half-done deploy resumes.
import { describe, expect, it } from 'vitest';
import type { Kustomization } from '../model/index.js';
import {
  noTargetMessage,
  resumePatches,
  runningVersion,
  substitutePatches,
  substituteTargets,
} from './deploy.js';
import { kustomization, rollout } from './test-support/fixtures.js';

const A = (v: string) => `rollout.kuberik.com/substitute.${v}.from`;
const ks = (
  name: string,
  annotations: Record<string, string>,
  o: { namespace?: string; substitute?: Record<string, string> } = {},
) => kustomization(name, { annotations, ...o });
const names = (targets: { kustomization: Kustomization; variables: string[] }[]) =>
  targets.map(
    (t) => `${t.kustomization.metadata.namespace}/${t.kustomization.metadata.name}:${t.variables.join('+')}`,
  );

describe('substituteTargets', () => {
  it('takes Kustomizations naming the rollout by name in its namespace or by namespace/name anywhere, sorted', () => {
    const { targets, problems } = substituteTargets(rollout(), [
      ks('web', { [A('TAG')]: 'app', [A('IMAGE')]: ' app ' }),
      ks('api', { [A('V')]: 'prod/app' }, { namespace: 'apps' }),
      ks('other-ns-by-name', { [A('V')]: 'app' }, { namespace: 'apps' }),
      ks('other-rollout', { [A('V')]: 'prod/api' }),
      ks('three-parts', { [A('V')]: 'x/prod/app' }),
      ks('wrong-ns', { [A('V')]: 'apps/app' }),
      ks('not-ours', { 'rollout.kuberik.com/substitute.V': 'app', 'example.com/substitute.V.from': 'app' }),
      ks('not-a-string', { [A('V')]: 7 as unknown as string }),
    ]);
    expect(names(targets)).toEqual(['apps/api:V', 'prod/web:IMAGE+TAG']);
    expect(problems).toEqual([]);
  });

  it('reports annotations aimed at this rollout that name no valid variable', () => {
    const { targets, problems } = substituteTargets(rollout(), [
      ks('web', { [A('1BAD')]: 'app', [A('my-var')]: 'app', [A('OK')]: 'app' }),
      ks('else', { [A('1BAD')]: 'prod/api' }),
    ]);
    expect(names(targets)).toEqual(['prod/web:OK']);
    expect(problems).toEqual([
      'Kustomization prod/web has annotation "rollout.kuberik.com/substitute.1BAD.from", which names no valid variable; use rollout.kuberik.com/substitute.<VAR>.from with a variable name of letters, digits and underscores',
      'Kustomization prod/web has annotation "rollout.kuberik.com/substitute.my-var.from", which names no valid variable; use rollout.kuberik.com/substitute.<VAR>.from with a variable name of letters, digits and underscores',
    ]);
  });

  it('a Kustomization without namespace is read in the rollout’s namespace', () => {
    const k = ks('web', { [A('V')]: 'app' });
    delete k.metadata.namespace;
    expect(substituteTargets(rollout(), [k]).targets).toHaveLength(1);
  });
});

describe('patches', () => {
  const targets = substituteTargets(rollout(), [
    ks('web', { [A('TAG')]: 'app', [A('IMAGE')]: 'app' }, { substitute: { TAG: 'v2', IMAGE: 'v1' } }),
    ks('api', { [A('V')]: 'app' }, { substitute: { V: 'v2' } }),
    ks('db', { [A('V')]: 'app' }),
  ]).targets;

  it('sets only the variables not at the tag yet, guarded by resourceVersion', () => {
    expect(substitutePatches(targets, 'v2')).toEqual([
      {
        target: {
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
          kind: 'Kustomization',
          namespace: 'prod',
          name: 'db',
          resourceVersion: '1',
        },
        patch: { spec: { postBuild: { substitute: { V: 'v2' } } } },
        reason: 'Deploy v2: set spec.postBuild.substitute.V',
      },
      {
        target: {
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
          kind: 'Kustomization',
          namespace: 'prod',
          name: 'web',
          resourceVersion: '1',
        },
        patch: { spec: { postBuild: { substitute: { IMAGE: 'v2' } } } },
        reason: 'Deploy v2: set spec.postBuild.substitute.IMAGE',
      },
    ]);
    expect(substitutePatches(targets, 'v3').map((p) => p.reason)).toContain(
      'Deploy v3: set spec.postBuild.substitute.IMAGE, spec.postBuild.substitute.TAG',
    );
  });

  it('omits namespace and resourceVersion the object does not have', () => {
    const k = ks('web', { [A('V')]: 'app' });
    delete k.metadata.namespace;
    delete k.metadata.resourceVersion;
    const [patch] = substitutePatches(substituteTargets(rollout(), [k]).targets, 'v2');
    expect(patch?.target).toEqual({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      name: 'web',
    });
  });

  it('resumes only variables still at the previous version or empty, leaving others’ values alone', () => {
    const mixed = substituteTargets(rollout(), [
      ks('a', { [A('V')]: 'app' }, { substitute: { V: 'v1' } }),
      ks('b', { [A('V')]: 'app' }, { substitute: { V: '' } }),
      ks('c', { [A('V')]: 'app' }, { substitute: { V: 'v9' } }),
      ks('d', { [A('V')]: 'app' }, { substitute: { V: 'v2' } }),
      ks('e', { [A('V')]: 'app' }),
    ]).targets;
    expect(resumePatches(mixed, 'v2', 'v1').map((p) => [p.target.name, p.reason])).toEqual([
      ['a', 'Resume deploy of v2: set spec.postBuild.substitute.V'],
      ['b', 'Resume deploy of v2: set spec.postBuild.substitute.V'],
      ['e', 'Resume deploy of v2: set spec.postBuild.substitute.V'],
    ]);
    expect(resumePatches(mixed, 'v2', undefined).map((p) => p.target.name)).toEqual(['b', 'e']);
  });

  it('reads the running version from the first target that has one', () => {
    const t = substituteTargets(rollout(), [
      ks('a', { [A('V')]: 'app' }, { substitute: { V: '' } }),
      ks('b', { [A('V')]: 'app', [A('W')]: 'app' }, { substitute: { W: 'v7' } }),
      ks('c', { [A('V')]: 'app' }, { substitute: { V: 'v8' } }),
    ]).targets;
    expect(runningVersion(t)).toBe('v7');
    expect(runningVersion([])).toBeUndefined();
  });
});

describe('noTargetMessage', () => {
  it('says which annotation to set on what, in the rollout’s namespace', () => {
    expect(noTargetMessage(rollout())).toBe(
      'No Kustomization is annotated rollout.kuberik.com/substitute.<VAR>.from: app (in namespace prod, or with value prod/app), and no OCIRepository in prod is annotated rollout.kuberik.com/rollout: app; annotate the Kustomization or OCIRepository that deploys this app',
    );
    const r = rollout();
    delete r.metadata.namespace;
    expect(noTargetMessage(r)).toContain('(in namespace default, or with value default/app)');
  });
});
