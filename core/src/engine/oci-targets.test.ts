// OCIRepository targets (spec §10.3): which repositories a rollout deploys, what it patches and
// resumes, when it warns that Flux ignores the tag, and which Kustomizations consume them.
import { describe, expect, it } from 'vitest';
import type { OCIRepository } from '../model/index.js';
import {
  ociConsumers,
  ociOverrideWarnings,
  ociPatches,
  ociResumePatches,
  ociRunning,
  ociTargets,
} from './oci.js';
import { kustomization, rollout } from './test-support/fixtures.js';

const repo = (
  name: string,
  ref: Record<string, string> = {},
  o: { namespace?: string | null; rollout?: string } = {},
): OCIRepository => ({
  apiVersion: 'source.toolkit.fluxcd.io/v1',
  kind: 'OCIRepository',
  metadata: {
    name,
    ...(o.namespace === null ? {} : { namespace: o.namespace ?? 'prod' }),
    resourceVersion: '3',
    annotations: { 'rollout.kuberik.com/rollout': o.rollout ?? 'app' },
  },
  spec: { url: 'oci://ghcr.io/acme/manifests', ref },
});
const names = (list: OCIRepository[]) => list.map((o) => o.metadata.name);

describe('ociTargets', () => {
  it('takes repositories of the rollout’s namespace annotated with its name, sorted', () => {
    const list = [
      repo('web', {}, { rollout: ' app ' }),
      repo('api'),
      repo('same-ns-implicit', {}, { namespace: null }),
      repo('elsewhere', {}, { namespace: 'apps' }),
      repo('other', {}, { rollout: 'api' }),
    ];
    expect(names(ociTargets(rollout(), list))).toEqual(['same-ns-implicit', 'api', 'web']);
    expect(ociTargets(rollout(), undefined)).toEqual([]);
  });
});

describe('ociRunning', () => {
  it('is the first non-empty tag', () => {
    expect(
      ociRunning([repo('a', { tag: '' }), repo('b', { digest: 'sha256:x' }), repo('c', { tag: 'v4' })]),
    ).toBe('v4');
    expect(ociRunning([repo('a')])).toBeUndefined();
  });
});

describe('ociPatches and ociResumePatches', () => {
  it('sets spec.ref.tag where it differs, guarded by resourceVersion', () => {
    const bare = repo('bare', {}, { namespace: null });
    delete bare.metadata.resourceVersion;
    expect(
      ociPatches([repo('a', { tag: 'v2' }), repo('b', { tag: 'v1', digest: 'sha256:x' }), bare], 'v2'),
    ).toEqual([
      {
        target: {
          apiVersion: 'source.toolkit.fluxcd.io/v1',
          kind: 'OCIRepository',
          namespace: 'prod',
          name: 'b',
          resourceVersion: '3',
        },
        patch: { spec: { ref: { tag: 'v2' } } },
        reason: 'Deploy v2: set spec.ref.tag',
      },
      {
        target: { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'OCIRepository', name: 'bare' },
        patch: { spec: { ref: { tag: 'v2' } } },
        reason: 'Deploy v2: set spec.ref.tag',
      },
    ]);
  });

  it('resumes only repositories still at the previous tag or without one', () => {
    const list = [
      repo('a', { tag: 'v1' }),
      repo('b', { tag: '' }),
      repo('c'),
      repo('d', { tag: 'v9' }),
      repo('e', { tag: 'v2' }),
    ];
    expect(ociResumePatches(list, 'v2', 'v1').map((p) => [p.target.name, p.reason])).toEqual([
      ['a', 'Resume deploy of v2: set spec.ref.tag'],
      ['b', 'Resume deploy of v2: set spec.ref.tag'],
      ['c', 'Resume deploy of v2: set spec.ref.tag'],
    ]);
    expect(ociResumePatches(list, 'v2', undefined).map((p) => p.target.name)).toEqual(['b', 'c']);
  });
});

describe('ociOverrideWarnings', () => {
  it('warns once per repository whose digest or semver wins over the tag', () => {
    expect(
      ociOverrideWarnings(
        [
          repo('a', { digest: 'sha256:x' }),
          repo('b', { digest: 'sha256:x', semver: '>=1' }),
          repo('c', { digest: '', tag: 'v1' }),
        ],
        'v2',
      ),
    ).toEqual([
      {
        type: 'Warning',
        reason: 'TagOverridden',
        message:
          'OCIRepository prod/a sets spec.ref.digest, which Flux uses instead of spec.ref.tag: v2 takes effect only once it is removed',
      },
      {
        type: 'Warning',
        reason: 'TagOverridden',
        message:
          'OCIRepository prod/b sets spec.ref.digest and spec.ref.semver, which Flux uses instead of spec.ref.tag: v2 takes effect only once they are removed',
      },
    ]);
  });
});

describe('ociConsumers', () => {
  it('finds Kustomizations whose sourceRef is a target, defaulting the ref’s namespace to their own', () => {
    const withSource = (name: string, sourceRef: Record<string, string>, namespace = 'prod') => {
      const k = kustomization(name, { namespace });
      return { ...k, spec: { ...k.spec, sourceRef } } as typeof k;
    };
    const consumers = ociConsumers(
      [repo('manifests')],
      [
        withSource('same-ns', { kind: 'OCIRepository', name: 'manifests' }),
        withSource('explicit', { kind: 'OCIRepository', name: 'manifests', namespace: 'prod' }, 'apps'),
        withSource('other-ns', { kind: 'OCIRepository', name: 'manifests' }, 'apps'),
        withSource('git', { kind: 'GitRepository', name: 'manifests' }),
        kustomization('no-source'),
      ],
    );
    expect([...consumers].sort()).toEqual(['apps/explicit', 'prod/same-ns']);
  });
});
