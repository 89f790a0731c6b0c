// The Kubernetes layer against an HTTP API server (the sandbox, and the real kube-apiserver in
// e2e-real): typed calls, content types, preconditions, the status subresource, server-side apply,
// error messages, Event aggregation.
import { createKube, EventRecorder, Kinds, type Kube, KubeError } from '@kuberik/core/kube';
import type { Rollout, RolloutGate } from '@kuberik/core/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testCluster, type TestCluster } from '../support/backend.js';

describe('kube layer', () => {
  let sb: TestCluster;
  let kube: Kube;
  let ns: string;
  beforeEach(async () => {
    sb = await testCluster({
      namespace: 'kube',
      users: {
        'viewer-token': {
          username: 'vera',
          rules: [{ verbs: ['get', 'list', 'watch'], apiGroups: ['*'], resources: ['*'] }],
        },
      },
    });
    ns = sb.ns;
    kube = createKube({ kubeconfigText: sb.kubeconfig() });
  });
  afterEach(async () => {
    kube.close();
    await sb.close();
  });

  const gate = (name: string): RolloutGate => ({
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'RolloutGate',
    metadata: { name, namespace: ns },
    spec: { rolloutRef: { name: 'my-app' } },
  });

  it('merge patches guarded by resourceVersion: a stale write is a Conflict, never an overwrite', async () => {
    const created = await kube.create(Kinds.RolloutGate, gate('production-approval'));
    const v1 = await kube.mergePatch(
      Kinds.RolloutGate,
      ns,
      'production-approval',
      { spec: { allowedVersions: ['v1'] } },
      { resourceVersion: created.metadata.resourceVersion },
    );
    expect(v1.spec.allowedVersions).toEqual(['v1']);
    const stale = await kube
      .mergePatch(
        Kinds.RolloutGate,
        ns,
        'production-approval',
        { spec: { allowedVersions: ['v2'] } },
        { resourceVersion: created.metadata.resourceVersion },
      )
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(KubeError);
    expect(stale).toMatchObject({
      kind: 'Conflict',
      message:
        'rolloutgate production-approval was changed by someone else meanwhile — re-read and try again',
    });
    expect((await kube.get(Kinds.RolloutGate, ns, 'production-approval')).spec.allowedVersions).toEqual([
      'v1',
    ]);
    const viaJsonPatch = await kube
      .jsonPatch(
        Kinds.RolloutGate,
        ns,
        'production-approval',
        [{ op: 'add', path: '/spec/passing', value: true }],
        { resourceVersion: created.metadata.resourceVersion },
      )
      .catch((e: unknown) => e);
    expect(viaJsonPatch).toBeInstanceOf(KubeError);
  });

  it('writes status only through the status subresource', async () => {
    await kube.create(Kinds.Rollout, {
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'Rollout',
      metadata: { name: 'my-app', namespace: ns },
      spec: { releasesImagePolicy: { name: 'my-app' } },
    } as Rollout);
    await kube.mergePatch(Kinds.Rollout, ns, 'my-app', { status: { phase: 'Idle' } });
    expect((await kube.get(Kinds.Rollout, ns, 'my-app')).status?.phase).toBeUndefined();
    const written = await kube.mergePatch(
      Kinds.Rollout,
      ns,
      'my-app',
      { status: { phase: 'Idle' } },
      { status: true },
    );
    expect(written.status?.phase).toBe('Idle');
    expect(written.metadata.generation).toBe(1);
  });

  it('server-side apply with field manager kuberik creates, then merges', async () => {
    const applied = await kube.apply(Kinds.RolloutGate, {
      metadata: { name: 'qa', namespace: ns },
      spec: { rolloutRef: { name: 'my-app' }, passing: true },
    });
    expect(applied.spec.passing).toBe(true);
    expect(applied.metadata).toHaveProperty('managedFields');
    expect(JSON.stringify((applied.metadata as { managedFields?: unknown }).managedFields)).toContain(
      '"manager":"kuberik"',
    );
    const again = await kube.apply(Kinds.RolloutGate, {
      metadata: { name: 'qa', namespace: ns },
      spec: { rolloutRef: { name: 'my-app' }, passing: false },
    });
    expect(again.spec.passing).toBe(false);
  });

  it('says what is missing and what RBAC refuses, in one line', async () => {
    await expect(kube.get(Kinds.Rollout, ns, 'nope')).rejects.toThrow(
      `rollout nope not found in namespace ${ns}`,
    );
    expect(await kube.find(Kinds.Rollout, ns, 'nope')).toBeUndefined();
    const vera = createKube({ kubeconfigText: sb.kubeconfig({ token: 'viewer-token', user: 'vera' }) });
    await expect(vera.create(Kinds.RolloutGate, gate('x'))).rejects.toThrow(
      `you may not create rolloutgates in namespace ${ns} (RBAC) — ask for the kuberik-approver role`,
    );
    vera.close();
  });

  it('aggregates identical Events into one with a count', async () => {
    const rec = new EventRecorder(kube);
    const involved = {
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'Rollout',
      namespace: ns,
      name: 'my-app',
    };
    await rec.record(involved, { type: 'Normal', reason: 'Approved', message: 'v1 approved by alice on qa' });
    await rec.record(involved, { type: 'Normal', reason: 'Approved', message: 'v1 approved by alice on qa' });
    await rec.record(involved, { type: 'Warning', reason: 'Denied', message: 'v2 denied by bob on qa' });
    const events = (await kube.list(Kinds.Event, { namespace: ns })).items;
    expect(events.map((e) => [e.reason, e.count, e.source?.component]).sort()).toEqual([
      ['Approved', 2, 'kuberik'],
      ['Denied', 1, 'kuberik'],
    ]);
  });
});
