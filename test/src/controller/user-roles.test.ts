// The user roles of config/rbac/user_roles.yaml, enforced for bearer tokens by the sandbox and by
// the real kube-apiserver (e2e-real: service accounts bound to the roles' rules), exercised through
// the same actions API the CLI and the extension call: a viewer reads, an approver approves but
// cannot deploy, a deployer deploys and pins.
import { fileURLToPath } from 'node:url';
import { createActions } from '@kuberik/core/actions';
import { Kinds, createKube, isKubeError } from '@kuberik/core/kube';
import type { Rollout, RolloutGate } from '@kuberik/core/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCluster, type TestCluster } from '../support/backend.js';
import { ROLLOUT } from './support/fixtures.js';
import { rulesOf } from './support/rbac.js';

const file = fileURLToPath(new URL('../../../config/rbac/user_roles.yaml', import.meta.url));
let NS: string;
const key = () => ({ namespace: NS, name: 'checkout' });

let cluster: TestCluster;
let admin: ReturnType<typeof createKube>;
const kubes: Array<ReturnType<typeof createKube>> = [];
beforeAll(async () => {
  cluster = await testCluster({
    namespace: 'shop',
    users: Object.fromEntries(
      ['kuberik-viewer', 'kuberik-approver', 'kuberik-deployer'].map((role) => [
        `${role}-token`,
        { username: role.replace('kuberik-', ''), rules: rulesOf(file, 'ClusterRole', role) },
      ]),
    ),
  });
  NS = cluster.ns;
  admin = createKube({ kubeconfigText: cluster.kubeconfig() });
  await admin.create(Kinds.Rollout, {
    ...ROLLOUT,
    metadata: { namespace: NS, name: 'checkout' },
    spec: { releasesImagePolicy: { name: 'checkout' } },
  } as Rollout);
  // Through the status subresource, as the driver writes it.
  await admin.mergePatch(
    Kinds.Rollout,
    NS,
    'checkout',
    {
      status: {
        currentVersion: 'v1',
        pendingVersion: 'v2',
        availableReleases: [{ tag: 'v1' }, { tag: 'v2' }],
        history: [
          { id: 1, version: { tag: 'v1' }, timestamp: '2026-11-27T10:00:00Z', bakeStatus: 'Succeeded' },
        ],
      },
    },
    { status: true },
  );
  await admin.create(Kinds.RolloutGate, {
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'RolloutGate',
    metadata: { namespace: NS, name: 'production-approval' },
    spec: { rolloutRef: { name: 'checkout' } },
  } as RolloutGate);
});
afterAll(async () => {
  for (const k of kubes) k.close();
  admin?.close();
  await cluster?.close();
});

function as(role: string) {
  const kube = createKube({ kubeconfigText: cluster.kubeconfig({ token: `${role}-token`, user: role }) });
  kubes.push(kube);
  return { kube, actions: createActions({ kube, identity: role }) };
}
const forbidden = (e: unknown) => isKubeError(e, 'Forbidden');

describe('user roles (config/rbac/user_roles.yaml)', () => {
  it('kuberik-viewer reads rollouts, gates and leases but cannot approve', async () => {
    const { kube, actions } = as('kuberik-viewer');
    expect((await kube.list(Kinds.Rollout, { namespace: NS })).items.map((r) => r.metadata.name)).toEqual([
      'checkout',
    ]);
    expect((await kube.list(Kinds.RolloutGate, { namespace: NS })).items).toHaveLength(1);
    await kube.list(Kinds.Lease, { namespace: NS });
    await expect(actions.approve(key())).rejects.toSatisfy(forbidden);
  });

  it('kuberik-approver approves the pending version but cannot deploy or pin', async () => {
    const { actions } = as('kuberik-approver');
    expect((await actions.approve(key())).changed).toEqual(['rolloutgate/production-approval']);
    const gate = await admin.get(Kinds.RolloutGate, NS, 'production-approval');
    expect(gate.spec.allowedVersions).toEqual(['v2']);
    // …and may record who approved on the gate's status (rolloutgates/status).
    expect(gate.status?.decisions?.[0]?.version).toBe('v2');
    await expect(actions.deploy(key(), 'v2')).rejects.toSatisfy(forbidden);
    await expect(actions.pin(key(), 'v1')).rejects.toSatisfy(forbidden);
    const r = await admin.get(Kinds.Rollout, NS, 'checkout');
    expect(r.metadata.annotations?.['rollout.kuberik.com/force-deploy']).toBeUndefined();
    expect(r.spec.wantedVersion).toBeUndefined();
  });

  it('kuberik-deployer force-deploys and pins', async () => {
    const { actions } = as('kuberik-deployer');
    await actions.deploy(key(), 'v2', { message: 'hotfix' });
    await actions.pin(key(), 'v1');
    const r = await admin.get(Kinds.Rollout, NS, 'checkout');
    expect(r.metadata.annotations?.['rollout.kuberik.com/force-deploy']).toBe('v2');
    expect(r.spec.wantedVersion).toBe('v1');
  });
});
