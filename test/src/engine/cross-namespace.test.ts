// Issue #10 point 1 / spec §10.6: a namespaced driver (watch and the extension's Watch: one
// rollout; `controller -n`: a namespace) follows what its rollouts reference in other namespaces
// — a Kustomization elsewhere that deploys it, a kustomization-class HealthCheck reading a
// Kustomization elsewhere, HealthChecks chosen by namespaceSelector — and holds, saying why,
// where RBAC forbids one of those reads.
import { Kinds } from '@kuberik/core/kube';
import type { HealthCheck, Kustomization, Rollout } from '@kuberik/core/model';
import type { SandboxUser } from '@kuberik/core/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureNamespace, type Harness, startHarness, substituted } from './harness.js';

// Besides the harness's own (prod): the Flux simulator reconciles these too.
const namespaces = ['flux-system', 'team-b'];
const everything = { verbs: ['*'], apiGroups: ['*'], resources: ['*'] };
const clusterReads = {
  verbs: ['get', 'list', 'watch'],
  apiGroups: ['', 'kuberik.com'],
  resources: ['namespaces', 'clusterrolloutschedules'],
};
const users: Record<string, SandboxUser> = {
  // May do anything in prod and team-b, read namespaces and cluster schedules; nothing in flux-system.
  'no-flux-system': {
    username: 'dev',
    rules: [{ ...everything, namespaces: ['prod', 'team-b'] }, clusterReads],
  },
  // Everything except ClusterRolloutSchedules.
  'no-cluster-schedules': {
    username: 'dev2',
    rules: [
      {
        verbs: ['*'],
        apiGroups: ['*'],
        resources: [
          'rollouts',
          'rollouts/status',
          'rolloutgates',
          'healthchecks',
          'healthchecks/status',
          'rolloutschedules',
          'imagepolicies',
          'kustomizations',
          'namespaces',
          'leases',
          'events',
        ],
      },
    ],
  },
};

/**
 * my-app in prod, deployed by a Kustomization in flux-system, checked from prod and team-b. On the
 * shared real server those are unique namespaces (h.namespace), and the namespaceSelector's label
 * value is unique too: other tests' namespaces (running at the same time, or still being deleted)
 * would otherwise be selected, with their HealthChecks.
 */
async function seed(h: Harness): Promise<void> {
  const [prod, fluxSystem, teamB] = [h.ns, h.namespace('flux-system'), h.namespace('team-b')];
  for (const ns of [prod, fluxSystem, teamB]) await ensureNamespace(h.kube, ns);
  for (const ns of [prod, teamB])
    await h.kube.mergePatch(Kinds.Namespace, undefined, ns, { metadata: { labels: healthLabel(h) } });
  await h.kube.create(Kinds.ImagePolicy, {
    apiVersion: 'image.toolkit.fluxcd.io/v1',
    kind: 'ImagePolicy',
    metadata: { name: 'my-app', namespace: prod },
    spec: { imageRepositoryRef: { name: 'my-app' }, policy: { semver: { range: '>=0.0.0' } } },
  });
  await h.kube.create(Kinds.Kustomization, {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: {
      name: 'my-app',
      namespace: fluxSystem,
      annotations: { 'rollout.kuberik.com/substitute.APP_VERSION.from': `${prod}/my-app` },
    },
    spec: {
      interval: '5m',
      path: './apps/my-app',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'fleet' },
    },
  } as Kustomization);
  await h.kube.create(Kinds.HealthCheck, {
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'HealthCheck',
    metadata: {
      name: 'my-app-kustomization',
      namespace: prod,
      labels: { app: 'my-app' },
      annotations: { 'healthcheck.kuberik.com/kustomization': `${fluxSystem}/my-app` },
    },
    spec: { class: 'kustomization' },
  } as HealthCheck);
  // A third-party check in another namespace, chosen only through the namespaceSelector.
  await h.kube.create(Kinds.HealthCheck, {
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'HealthCheck',
    metadata: { name: 'error-rate', namespace: teamB, labels: { app: 'my-app' } },
    spec: { class: 'datadog' },
  } as HealthCheck);
  await h.kube.create(Kinds.Rollout, {
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'Rollout',
    metadata: { name: 'my-app', namespace: prod },
    spec: {
      releasesImagePolicy: { name: 'my-app' },
      healthCheckSelector: {
        selector: { matchLabels: { app: 'my-app' } },
        namespaceSelector: { matchLabels: healthLabel(h) },
      },
    },
  } as Rollout);
}

const healthLabel = (h: Harness) => ({ health: h.uniqueName('my-app') });

const setHealth = (h: Harness, status: 'Healthy' | 'Unhealthy', message: string) =>
  h.kube.mergePatch(
    Kinds.HealthCheck,
    h.namespace('team-b'),
    'error-rate',
    { status: { status, message, lastChangeTime: h.clock.now().toISOString() } },
    { status: true },
  );

const blockedBy = (r: Rollout) => r.status?.conditions?.find((c) => c.type === 'DeploymentBlocked');

const scopes = [
  ['watch and the extension (one rollout)', { name: 'my-app' }],
  ['controller -n prod', {}],
] as const;

describe('namespaced drivers follow cross-namespace references (issue #10 point 1)', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  for (const [label, scope] of scopes) {
    it(`${label}: deploys through a Kustomization in another namespace and honours checks chosen by namespaceSelector`, async () => {
      h = await startHarness({ namespaces });
      await seed(h);
      await setHealth(h, 'Healthy', 'error rate 0.1%');
      await h.startDriver(scope);
      await h.flux.publish({ namespace: h.ns, name: 'my-app' }, 'v1.0.0');

      await h.eventually(
        'the flux-system Kustomization deployed',
        async () => substituted(await h.kustomization('my-app', h.namespace('flux-system'))) === 'v1.0.0',
      );
      // The kustomization-class check reads flux-system/my-app: never "not found".
      await h.advance(4000);
      const hc = await h.eventually('prod health check observed', async () => {
        const c = await h.kube.get(Kinds.HealthCheck, h.ns, 'my-app-kustomization');
        return c.status?.status === 'Healthy' && c;
      });
      expect(hc.status?.message ?? '').not.toMatch(/not found/);
      // Its provider reports after the deploy (fresh health): without a bake time it succeeds.
      await setHealth(h, 'Healthy', 'error rate 0.2%');
      await h.eventually(
        'v1.0.0 succeeded',
        async () => (await h.rollout('my-app')).status?.phase === 'Succeeded',
      );

      // The check in team-b (namespaceSelector) turns Unhealthy: the next version must wait.
      await setHealth(h, 'Unhealthy', 'error rate 12%');
      await h.flux.publish({ namespace: h.ns, name: 'my-app' }, 'v1.1.0');
      const held = await h.eventually('blocked by the team-b check', async () => {
        const r = await h.rollout('my-app');
        return r.status?.phase === 'Blocked' && r;
      });
      expect(blockedBy(held)).toMatchObject({
        status: 'True',
        reason: 'UnhealthyHealthChecks',
        message: expect.stringContaining(`'error-rate' in namespace '${h.namespace('team-b')}'`),
      });
      expect(substituted(await h.kustomization('my-app', h.namespace('flux-system')))).toBe('v1.0.0');

      await setHealth(h, 'Healthy', 'error rate 0.1%');
      await h.eventually(
        'v1.1.0 deployed once team-b is healthy',
        async () => substituted(await h.kustomization('my-app', h.namespace('flux-system'))) === 'v1.1.0',
      );
    });

    it(`${label}: holds, naming namespace, resource and verb, when RBAC forbids flux-system`, async () => {
      h = await startHarness({ users, namespaces });
      await seed(h);
      await setHealth(h, 'Healthy', 'error rate 0.1%');
      await h.startDriver({ ...scope, token: 'no-flux-system' });
      await h.flux.publish({ namespace: h.ns, name: 'my-app' }, 'v1.0.0');

      // The simulator publishes through the API (on the real server, after the driver started):
      // wait for the published version to be held, not only for the condition.
      const held = await h.eventually('v1.0.0 held for RBAC', async () => {
        const r = await h.rollout('my-app');
        return r.status?.phase === 'Blocked' && blockedBy(r)?.reason === 'ReadForbidden' && r;
      });
      expect(blockedBy(held)?.message).toContain(
        `cannot list kustomizations.kustomize.toolkit.fluxcd.io in namespace ${h.namespace('flux-system')}`,
      );
      expect(blockedBy(held)?.message).toContain(
        'cannot list kustomizations.kustomize.toolkit.fluxcd.io at the cluster scope',
      );
      // The Event is its own write, made after the status (it may land a moment later).
      await h.eventually('a ReadForbidden warning Event', async () =>
        (await h.kube.list(Kinds.Event, { namespace: h.ns })).items.some(
          (e) => e.reason === 'ReadForbidden' && e.type === 'Warning',
        ),
      );
      expect(substituted(await h.kustomization('my-app', h.namespace('flux-system')))).toBeUndefined();
      // Unreadable is not missing: the check in prod is left alone.
      const hc = await h.kube.get(Kinds.HealthCheck, h.ns, 'my-app-kustomization');
      expect(hc.status?.message ?? '').not.toMatch(/not found/);
    });
  }

  it('holds when ClusterRolloutSchedules cannot be read', async () => {
    h = await startHarness({ users, namespaces });
    await seed(h);
    await setHealth(h, 'Healthy', 'ok');
    await h.startDriver({ token: 'no-cluster-schedules' });
    await h.flux.publish({ namespace: h.ns, name: 'my-app' }, 'v1.0.0');
    const held = await h.eventually('held for RBAC', async () => {
      const r = await h.rollout('my-app');
      return blockedBy(r)?.reason === 'ReadForbidden' && r;
    });
    expect(blockedBy(held)?.message).toContain(
      'cannot list clusterrolloutschedules.kuberik.com at the cluster scope',
    );
    expect(substituted(await h.kustomization('my-app', h.namespace('flux-system')))).toBeUndefined();
  });
});
