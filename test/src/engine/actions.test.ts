// The actions API against a real API server: each action written exactly as spec §4 says, conflict-safe,
// idempotent, recorded, and refused with a reason a human can act on.
import { createActions, rejectionOf } from '@kuberik/core/actions';
import { canI, createKube, Kinds, whoAmI } from '@kuberik/core/kube';
import type { RolloutGate } from '@kuberik/core/model';
import { rollbackTarget } from '@kuberik/core/present';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, seedApp, startHarness, substituted } from './harness.js';

const readOnly = {
  'bob-token': {
    username: 'bob',
    rules: [
      { verbs: ['get', 'list', 'watch'], apiGroups: ['*'], resources: ['*'] },
      // What every authenticated user may do on a real cluster (system:basic-user).
      {
        verbs: ['create'],
        apiGroups: ['authorization.k8s.io', 'authentication.k8s.io'],
        resources: ['selfsubjectaccessreviews', 'selfsubjectreviews'],
      },
    ],
  },
  'alice-token': { username: 'alice@example.com' },
};

async function gate(h: Harness, name = 'my-app-approval'): Promise<RolloutGate['spec']> {
  return (await h.kube.get(Kinds.RolloutGate, h.ns, name)).spec;
}

describe('actions', () => {
  let h: Harness;
  afterEach(async () => h?.close());
  const key = () => ({ namespace: h.ns, name: 'my-app' });

  async function withPending(): Promise<void> {
    h = await startHarness({ users: readOnly });
    await seedApp(h.kube, { name: 'my-app', healthCheck: false });
    await h.kube.create(Kinds.RolloutGate, {
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'RolloutGate',
      metadata: { name: 'qa-signoff', namespace: h.ns },
      spec: { rolloutRef: { name: 'my-app' }, passing: true },
    } as RolloutGate);
    await h.kube.create(Kinds.RolloutGate, {
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'RolloutGate',
      metadata: {
        name: 'office-hours',
        namespace: h.ns,
        labels: { 'gate.kuberik.com/schedule-name': 'office-hours' },
      },
      spec: { rolloutRef: { name: 'my-app' }, passing: true },
    } as RolloutGate);
    await h.startDriver();
    await h.flux.publish({ namespace: h.ns, name: 'my-app' }, 'v1.0.0');
    await h.eventually(
      'pending',
      async () => (await h.rollout('my-app')).status?.pendingVersion === 'v1.0.0',
    );
  }

  it('approve: default gates, Event with who and why, idempotent, and the driver deploys', async () => {
    await withPending();
    const actions = createActions({ kube: h.kube, identity: 'alice' });
    const res = await actions.approve(key(), { message: 'ship it' });
    expect(res).toEqual({
      summary: 'v1.0.0 approved on my-app-approval',
      version: 'v1.0.0',
      changed: ['rolloutgate/my-app-approval'],
    });
    expect(await gate(h)).toMatchObject({ allowedVersions: ['v1.0.0'] });
    expect((await gate(h, 'qa-signoff')).allowedVersions).toBeUndefined(); // it already approved

    const again = await actions.approve(key(), { version: 'v1.0.0' });
    expect(again.changed).toEqual([]);
    expect(again.summary).toBe('v1.0.0 was already approved on every gate');

    const events = (await h.kube.list(Kinds.Event, { namespace: h.ns })).items.filter(
      (e) => e.reason === 'Approved',
    );
    expect(events.map((e) => e.message)).toEqual(['v1.0.0 approved by alice on my-app-approval: ship it']);
    await h.eventually('deployed', async () => substituted(await h.kustomization('my-app')) === 'v1.0.0');
  });

  it('approve records who, when and why on the gate, and the history entry names the approver', async () => {
    await withPending();
    const aliceKube = createKube({
      kubeconfigText: h.kubeconfig({ token: 'alice-token', user: 'alice' }),
    });
    const identity = await whoAmI(aliceKube);
    expect(identity).toBe(h.username('alice-token'));
    const actions = createActions({
      kube: aliceKube,
      identity,
      now: () => new Date('2026-12-03T08:30:15.678Z'),
    });
    await actions.approve(key(), { message: 'QA signed off' });
    const recorded = await h.kube.get(Kinds.RolloutGate, h.ns, 'my-app-approval');
    expect(recorded.status?.decisions).toEqual([
      {
        verdict: 'Approved',
        version: 'v1.0.0',
        user: h.username('alice-token'),
        time: '2026-12-03T08:30:15Z',
        message: 'QA signed off',
      },
    ]);
    await h.eventually('deployed with its approver', async () => {
      const entry = (await h.rollout('my-app')).status?.history?.[0];
      return entry?.version.tag === 'v1.0.0' && entry.approvedBy !== undefined;
    });
    expect((await h.rollout('my-app')).status?.history?.[0]?.approvedBy).toEqual([
      {
        gate: 'my-app-approval',
        user: h.username('alice-token'),
        time: '2026-12-03T08:30:15Z',
        message: 'QA signed off',
      },
    ]);
  });

  it('deny, and concurrent approvals of two versions both land (optimistic concurrency)', async () => {
    await withPending();
    await h.flux.publish({ namespace: h.ns, name: 'my-app' }, 'v1.1.0');
    await h.eventually(
      'v1.1.0 known',
      async () => (await h.rollout('my-app')).status?.pendingVersion === 'v1.1.0',
    );
    const a = createActions({ kube: h.kube, identity: 'alice' });
    const carolKube = createKube({ kubeconfigText: h.kubeconfig() });
    const b = createActions({ kube: carolKube, identity: 'carol' });
    await Promise.all([
      a.deny(key(), { version: 'v1.0.0', gate: 'my-app-approval' }),
      b.approve(key(), { version: 'v1.1.0', gate: 'my-app-approval' }),
      a.approve(key(), { version: 'v1.1.0', gate: 'qa-signoff' }),
    ]);
    expect(await gate(h)).toMatchObject({ allowedVersions: ['v1.1.0'], deniedVersions: ['v1.0.0'] });
    expect((await gate(h, 'qa-signoff')).allowedVersions).toEqual(['v1.1.0']);
    carolKube.close();
  });

  it('refuses with reasons: unknown rollout, unknown version, schedule-owned gate, missing RBAC', async () => {
    await withPending();
    const actions = createActions({ kube: h.kube, identity: 'alice' });
    await expect(actions.approve({ namespace: h.ns, name: 'my-ap' })).rejects.toThrow(
      `rollout "my-ap" not found in namespace ${h.ns} (did you mean "my-app"?)`,
    );
    const unknown = await actions.approve(key(), { version: 'v9.9.9' }).catch((e: unknown) => e);
    expect(unknown).toMatchObject({ kind: 'NotFound' });
    expect(rejectionOf(unknown)).toMatchObject({
      kind: 'VersionUnknown',
      action: 'approve',
      message: 'version "v9.9.9" is not a release of my-app — known versions: v1.0.0',
    });
    await expect(actions.deny(key(), { gate: 'office-hours' })).rejects.toThrow(
      'gate office-hours is managed by schedule office-hours; it opens and closes with the schedule — change the schedule instead',
    );
    await expect(actions.deploy(key(), 'v2')).rejects.toMatchObject({
      kind: 'NotFound',
      rejection: { kind: 'VersionUnknown', action: 'deploy' },
    });

    const bobKube = createKube({ kubeconfigText: h.kubeconfig({ token: 'bob-token', user: 'bob' }) });
    expect(await whoAmI(bobKube)).toBe(h.username('bob-token'));
    const bob = createActions({ kube: bobKube, identity: 'bob' });
    const refused = await bob.approve(key()).catch((e: unknown) => e);
    expect(refused).toMatchObject({ kind: 'Forbidden', rejection: { kind: 'Forbidden', action: 'approve' } });
    expect((refused as Error).message).toBe(
      `you may not patch rolloutgates in namespace ${h.ns} (RBAC) — ask for the kuberik-approver role`,
    );
    expect(await canI(bobKube, 'patch', Kinds.RolloutGate, h.ns)).toMatchObject({ allowed: false });
    expect(await canI(h.kube, 'patch', Kinds.RolloutGate, h.ns)).toMatchObject({ allowed: true });
    bobKube.close();
  });

  it('approve on a closed gate (passing: false) says an approval cannot open it (issue 11 point 6)', async () => {
    await withPending();
    await h.kube.create(Kinds.RolloutGate, {
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'RolloutGate',
      metadata: { name: 'freeze', namespace: h.ns },
      spec: { rolloutRef: { name: 'my-app' }, passing: false },
    } as RolloutGate);
    const actions = createActions({ kube: h.kube, identity: 'alice' });
    const refused = await actions.approve(key(), { gate: 'freeze' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ kind: 'Invalid', rejection: { kind: 'GateClosed', gates: ['freeze'] } });
    expect((refused as Error).message).toBe(
      'cannot approve v1.0.0: gate freeze is closed (spec.passing: false) and an approval cannot open it — set spec.passing to true on the gate, or deploy past it: kubectl kuberik deploy my-app v1.0.0',
    );
    expect((await gate(h, 'freeze')).allowedVersions).toBeUndefined();
    const some = await actions.approve(key());
    expect(some.changed).toEqual(['rolloutgate/my-app-approval']);
    expect(some.summary).toContain('still held by closed gate freeze (spec.passing: false)');
    // Only the closed gate is left holding it: nothing an approval can do.
    await expect(actions.approve(key())).rejects.toThrow('gate freeze is closed (spec.passing: false)');
  });

  it('whoAmI: SelfSubjectReview names the user, else the kubeconfig user', async () => {
    h = await startHarness({ users: readOnly });
    const alice = createKube({
      kubeconfigText: h.kubeconfig({ token: 'alice-token', user: 'kc-alice' }),
    });
    expect(await whoAmI(alice)).toBe(h.username('alice-token'));
    alice.close();
    const nowhere = createKube({
      kubeconfigText: h.kubeconfig({ user: 'kc-user' }).replace(/:\d+/, ':1'),
    });
    expect(await whoAmI(nowhere)).toBe('kc-user');
    nowhere.close();
  });

  it('deploy, pin, rollback, unpin, retry and unblock', async () => {
    h = await startHarness();
    await seedApp(h.kube, { name: 'my-app', gate: false, bakeTime: '2s', failVersions: 'v1.2.0' });
    await h.startDriver();
    const actions = createActions({ kube: h.kube, identity: 'alice' });
    for (const tag of ['v1.0.0', 'v1.1.0']) {
      await h.flux.publish({ namespace: h.ns, name: 'my-app' }, tag);
      await h.eventually(`${tag} deployed`, async () => substituted(await h.kustomization('my-app')) === tag);
      await h.advance(6000, 1000); // Flux reconciles (3 s), then the 2 s bake
      await h.eventually(
        `${tag} succeeded`,
        async () => (await h.rollout('my-app')).status?.phase === 'Succeeded',
      );
    }
    await expect(actions.retry(key())).rejects.toThrow(
      'nothing to retry: the latest deployment of my-app (v1.1.0) is Succeeded, not Failed',
    );

    // rollback defaults to the previous succeeded version and pins it: the one every UI offers.
    expect(rollbackTarget(await h.rollout('my-app'))).toBe('v1.0.0');
    expect((await actions.rollback(key())).summary).toBe(
      'my-app rolling back to v1.0.0 (pinned; unpin to resume automation)',
    );
    await h.eventually('rolled back', async () => substituted(await h.kustomization('my-app')) === 'v1.0.0');
    const rolled = await h.rollout('my-app');
    expect(rolled.spec.wantedVersion).toBe('v1.0.0');
    expect(rolled.status?.history?.[0]?.triggeredBy).toEqual({ kind: 'User', name: 'alice' });
    expect((await actions.pin(key(), 'v1.0.0')).changed).toEqual([]);
    expect((await actions.unpin(key())).summary).toBe('my-app unpinned from v1.0.0; automation resumes');
    // Automation resumes from the candidates after the current version: v1.1.0 again, once the
    // rollback's own bake is over (one version at a time).
    await h.advance(6000, 1000); // Flux reconciles (3 s), then the 2 s bake
    await h.eventually('v1.1.0 again', async () => substituted(await h.kustomization('my-app')) === 'v1.1.0');
    await h.advance(6000, 1000); // Flux reconciles (3 s), then the 2 s bake
    await h.eventually(
      'v1.1.0 succeeded again',
      async () => (await h.rollout('my-app')).status?.phase === 'Succeeded',
    );

    // A failing version: retry and unblock become possible.
    await h.flux.publish({ namespace: h.ns, name: 'my-app' }, 'v1.2.0');
    await h.eventually(
      'v1.2.0 deployed',
      async () => substituted(await h.kustomization('my-app')) === 'v1.2.0',
    );
    await h.advance(5000, 1000);
    await h.eventually('failed', async () => (await h.rollout('my-app')).status?.phase === 'Failed');
    expect((await actions.unblock(key())).changed).toEqual(['rollout/my-app']);
    expect((await actions.retry(key())).summary).toBe('retrying v1.2.0 on my-app');
    await h.eventually(
      'retried',
      async () => (await h.rollout('my-app')).status?.history?.[0]?.lastRetryTimestamp,
    );

    expect((await h.rollout('my-app')).status?.history?.[0]?.bakeStatus).toBe('Deploying');

    // Force deploy goes through the annotation (cancelling the retried bake); the driver removes it after use.
    expect((await actions.deploy(key(), 'v1.1.0', { message: 'back to safety' })).changed).toEqual([
      'rollout/my-app',
    ]);
    await h.eventually(
      'force-deployed',
      async () => substituted(await h.kustomization('my-app')) === 'v1.1.0',
    );
    const forced = await h.eventually('annotation cleared', async () => {
      const r = await h.rollout('my-app');
      return r.metadata.annotations?.['rollout.kuberik.com/force-deploy'] === undefined && r;
    });
    expect(forced.status?.history?.[0]).toMatchObject({
      version: { tag: 'v1.1.0' },
      triggeredBy: { kind: 'User', name: 'alice' },
    });
  });
});
