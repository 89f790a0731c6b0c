// Everything under config/ applies to a sandbox with real kubectl: the kustomization that installs
// the controller (CRDs, RBAC, ServiceAccount, Deployment), its namespaced variant, and the samples —
// first with --dry-run=server, then for real.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { type KubeEnv, kubeEnv } from '../support/sandbox.js';

const config = (p: string) => fileURLToPath(new URL(`../../../config/${p}`, import.meta.url));

let env: KubeEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

async function ok(args: string[]): Promise<string> {
  const r = await env!.run(args);
  expect(r.stderr, `kubectl ${args.join(' ')}`).not.toMatch(/error/i);
  expect(r.code, `kubectl ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

type Doc = { kind: string; metadata: { name: string; namespace?: string }; [k: string]: unknown };
const docs = (yaml: string): Doc[] => parseAllDocuments(yaml).map((d) => d.toJS() as Doc);

describe('config/', () => {
  it('config/default renders to the CRDs, RBAC and a hardened two-replica Deployment in kuberik-system', async () => {
    env = await kubeEnv({ crds: [] });
    const rendered = docs(await ok(['kustomize', config('default')]));
    expect(rendered.map((d) => `${d.kind}/${d.metadata.name}`).sort()).toEqual(
      [
        'ClusterRole/kuberik-approver',
        'ClusterRole/kuberik-controller',
        'ClusterRole/kuberik-deployer',
        'ClusterRole/kuberik-viewer',
        'ClusterRoleBinding/kuberik-controller',
        'CustomResourceDefinition/clusterrolloutschedules.kuberik.com',
        'CustomResourceDefinition/healthchecks.kuberik.com',
        'CustomResourceDefinition/rolloutgates.kuberik.com',
        'CustomResourceDefinition/rollouts.kuberik.com',
        'CustomResourceDefinition/rolloutschedules.kuberik.com',
        'Deployment/kuberik-controller',
        'Namespace/kuberik-system',
        'ServiceAccount/kuberik-controller',
      ].sort(),
    );
    interface Container {
      args: string[];
      env: unknown[];
      securityContext: unknown;
      livenessProbe: { httpGet: unknown };
      readinessProbe: { httpGet: unknown };
      resources: { requests?: unknown; limits?: unknown };
    }
    const deployment = rendered.find((d) => d.kind === 'Deployment') as unknown as {
      metadata: { namespace: string };
      spec: {
        replicas: number;
        template: { spec: { serviceAccountName: string; securityContext: unknown; containers: Container[] } };
      };
    };
    expect(deployment.metadata.namespace).toBe('kuberik-system');
    expect(deployment.spec.replicas).toBe(2);
    const pod = deployment.spec.template.spec;
    const c = pod.containers[0]!;
    expect(pod.serviceAccountName).toBe('kuberik-controller');
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true });
    expect(c.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(c.args).toEqual(['controller', '-A', '--metrics-addr=:8080', '--health-addr=:8081']);
    expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'health' });
    expect(c.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'health' });
    expect(c.resources.requests).toBeDefined();
    expect(c.resources.limits).toBeDefined();
    expect(c.env).toContainEqual({
      name: 'POD_NAME',
      valueFrom: { fieldRef: { fieldPath: 'metadata.name' } },
    });
  });

  it('applies config/default and config/namespaced with --dry-run=server, then for real', async () => {
    env = await kubeEnv({ crds: [] });
    // In a real cluster Flux brings these; the sandbox gets copies of Flux's CRDs from config/crd/flux.
    await ok(['apply', '-k', config('crd/flux')]);
    // The install needs these built-in kinds; say so plainly if the sandbox does not serve them.
    const served = (await ok(['api-resources', '-o', 'name'])).split('\n');
    const needed = [
      'serviceaccounts',
      'deployments.apps',
      'clusterroles.rbac.authorization.k8s.io',
      'clusterrolebindings.rbac.authorization.k8s.io',
      'roles.rbac.authorization.k8s.io',
      'rolebindings.rbac.authorization.k8s.io',
    ];
    expect(
      needed.filter((r) => !served.includes(r)),
      'built-in kinds the sandbox must serve',
    ).toEqual([]);
    // A server-side dry run creates nothing, so objects in a namespace the same manifest creates are
    // refused (kubernetes/kubernetes#83562): make the namespaces first, as a real dry run needs too.
    await ok(['create', 'namespace', 'kuberik-system']);
    await ok(['create', 'namespace', 'my-team']);
    await ok(['apply', '--dry-run=server', '-k', config('default')]);
    expect(
      env.sandbox.store.get('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'rollouts.kuberik.com'),
    ).toBeUndefined();
    await ok(['apply', '-k', config('default')]);
    expect(
      env.sandbox.store.get('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'rollouts.kuberik.com'),
    ).toBeDefined();
    await ok(['apply', '--dry-run=server', '-k', config('namespaced')]);
    await ok(['apply', '-k', config('namespaced')]);
  });

  it('applies config/samples, valid against the CRDs, with --dry-run=server, then for real, idempotently', async () => {
    env = await kubeEnv({ crds: [] });
    await ok(['apply', '-k', config('crd/flux')]);
    await ok(['apply', '-k', config('crd')]);
    await ok(['apply', '--dry-run=server', '-k', config('samples')]);
    await ok(['apply', '-k', config('samples')]);
    const listed = await ok([
      'get',
      'rollouts,rolloutgates,healthchecks,rolloutschedules,imagepolicies,kustomizations',
      '-n',
      'default',
      '-o',
      'name',
    ]);
    expect(listed.trim().split('\n').sort()).toEqual(
      [
        'healthcheck.kuberik.com/my-app-kustomization',
        'imagepolicy.image.toolkit.fluxcd.io/my-app',
        'kustomization.kustomize.toolkit.fluxcd.io/my-app',
        'rollout.kuberik.com/my-app',
        'rolloutgate.kuberik.com/production-approval',
      ].sort(),
    );
    expect((await ok(['get', 'clusterrolloutschedules', '-o', 'name'])).trim()).toBe(
      'clusterrolloutschedule.kuberik.com/year-end-freeze',
    );
    // Applying again changes nothing (what a GitOps loop does every few minutes).
    expect(await ok(['apply', '-k', config('samples')])).not.toMatch(/configured|created/);
    // The business-hours schedule is an example to switch on, not part of the set (issue 13 point 2).
    expect(await ok(['apply', '-f', join(config('samples'), 'rolloutschedule.yaml')])).toMatch(
      /rolloutschedule.kuberik.com\/business-hours created/,
    );
  });
});
