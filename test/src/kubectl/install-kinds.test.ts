// Real kubectl 1.32 with the built-in kinds a controller install uses: ServiceAccount, Deployment and
// RBAC. Storage only (no controllers), but scope, discovery, printing, generation, strategic merge on
// re-apply and the protobuf bodies of `kubectl create` behave as on a real API server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeEnv } from '../support/sandbox.js';
import type { KubeEnv } from '../support/sandbox.js';

let env: KubeEnv;
beforeAll(async () => {
  env = await kubeEnv({ crds: [] });
});
afterAll(() => env.close());

const install = (image: string): string => `apiVersion: v1
kind: ServiceAccount
metadata: { name: kuberik-controller, namespace: default }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: kuberik-controller, namespace: default }
spec:
  replicas: 2
  selector: { matchLabels: { app: kuberik } }
  template:
    metadata: { labels: { app: kuberik } }
    spec:
      serviceAccountName: kuberik-controller
      containers:
        - name: controller
          image: ${image}
          args: [controller, -A]
          ports: [{ name: metrics, containerPort: 8080 }]
          env: [{ name: LOG_LEVEL, value: info }]
        - name: sidecar
          image: busybox:1.36
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: kuberik-viewer }
rules:
  - apiGroups: [kuberik.com]
    resources: [rollouts]
    verbs: [get, list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: kuberik-viewer, namespace: default }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: kuberik-viewer }
subjects:
  - { kind: ServiceAccount, name: kuberik-controller, namespace: default }
  - { kind: User, name: alice, apiGroup: rbac.authorization.k8s.io }
`;

/** The fields these tests read from `kubectl get -o json`. */
interface Got {
  metadata: { name: string; namespace?: string; generation?: number };
  spec: { template: { spec: { containers: unknown[] } } };
  rules?: unknown[];
  subjects?: unknown[];
}

const json = async (args: string[]): Promise<Got> => {
  const r = await env.run([...args, '-o', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Got;
};

describe('install kinds', () => {
  it('lists them in api-resources with their scope and short names', async () => {
    const r = await env.run(['api-resources']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^serviceaccounts\s+sa\s+v1\s+true\s+ServiceAccount$/m);
    expect(r.stdout).toMatch(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
    expect(r.stdout).toMatch(/^clusterroles\s+rbac\.authorization\.k8s\.io\/v1\s+false\s+ClusterRole$/m);
    expect(r.stdout).toMatch(
      /^clusterrolebindings\s+rbac\.authorization\.k8s\.io\/v1\s+false\s+ClusterRoleBinding$/m,
    );
    expect(r.stdout).toMatch(/^roles\s+rbac\.authorization\.k8s\.io\/v1\s+true\s+Role$/m);
    expect(r.stdout).toMatch(/^rolebindings\s+rbac\.authorization\.k8s\.io\/v1\s+true\s+RoleBinding$/m);
  });

  it('applies a ServiceAccount, Deployment, ClusterRole and RoleBinding and gets them back', async () => {
    const applied = await env.run(['apply', '-f', '-'], install('ghcr.io/kuberik/kubectl-kuberik:0.1.0'));
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout.trim().split('\n')).toEqual([
      'serviceaccount/kuberik-controller created',
      'deployment.apps/kuberik-controller created',
      'clusterrole.rbac.authorization.k8s.io/kuberik-viewer created',
      'rolebinding.rbac.authorization.k8s.io/kuberik-viewer created',
    ]);
    const got = await env.run(['get', 'deploy,sa,clusterrole,rolebinding']);
    expect(got.code, got.stderr).toBe(0);
    const lines = got.stdout.split('\n').map((l) => l.trim().split(/\s{2,}/));
    expect(lines).toContainEqual(['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
    expect(lines.find((l) => l[0] === 'deployment.apps/kuberik-controller')?.slice(0, 4)).toEqual([
      'deployment.apps/kuberik-controller',
      '0/2',
      '0',
      '0',
    ]);
    expect(lines).toContainEqual(['NAME', 'SECRETS', 'AGE']);
    expect(lines.find((l) => l[0] === 'serviceaccount/kuberik-controller')?.[1]).toBe('0');
    expect(lines).toContainEqual(['NAME', 'CREATED AT']);
    expect(lines.find((l) => l[0] === 'clusterrole.rbac.authorization.k8s.io/kuberik-viewer')?.[1]).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
    expect(lines).toContainEqual(['NAME', 'ROLE', 'AGE']);
    expect(lines.find((l) => l[0] === 'rolebinding.rbac.authorization.k8s.io/kuberik-viewer')?.[1]).toBe(
      'ClusterRole/kuberik-viewer',
    );

    const wide = await env.run(['get', 'deploy', 'kuberik-controller', '-o', 'wide']);
    expect(wide.stdout).toMatch(
      /kuberik-controller\s+0\/2\s+0\s+0\s+\S+\s+controller,sidecar\s+ghcr\.io\/kuberik\/kubectl-kuberik:0\.1\.0,busybox:1\.36\s+app=kuberik/,
    );
    const bindingWide = await env.run(['get', 'rolebinding', 'kuberik-viewer', '-o', 'wide']);
    expect(bindingWide.stdout).toMatch(
      /kuberik-viewer\s+ClusterRole\/kuberik-viewer\s+\S+\s+alice\s+default\/kuberik-controller/,
    );

    // Cluster-scoped: no namespace on the object, and -n does not matter.
    const role = await json(['get', 'clusterrole', 'kuberik-viewer', '-n', 'kube-system']);
    expect(role.metadata.namespace).toBeUndefined();
    expect(role.metadata.generation).toBeUndefined();
    expect(role.rules).toEqual([
      { apiGroups: ['kuberik.com'], resources: ['rollouts'], verbs: ['get', 'list', 'watch'] },
    ]);
    expect((await json(['get', 'sa', 'kuberik-controller'])).metadata.generation).toBeUndefined();
  });

  it('re-applies a Deployment by strategic merge: other containers, ports and env survive, generation bumps', async () => {
    const before = await json(['get', 'deploy', 'kuberik-controller']);
    expect(before.metadata.generation).toBe(1);
    const r = await env.run(['apply', '-f', '-'], install('ghcr.io/kuberik/kubectl-kuberik:0.2.0'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('deployment.apps/kuberik-controller configured');
    expect(r.stdout).toContain('serviceaccount/kuberik-controller unchanged');
    const patch = env.sandbox.requests.find(
      (q) => q.method === 'PATCH' && q.path.endsWith('/deployments/kuberik-controller'),
    );
    expect(patch?.contentType).toBe('application/strategic-merge-patch+json');
    const after = await json(['get', 'deploy', 'kuberik-controller']);
    expect(after.metadata.generation).toBe(2);
    expect(after.spec.template.spec.containers).toEqual([
      {
        name: 'controller',
        image: 'ghcr.io/kuberik/kubectl-kuberik:0.2.0',
        args: ['controller', '-A'],
        ports: [{ name: 'metrics', containerPort: 8080 }],
        env: [{ name: 'LOG_LEVEL', value: 'info' }],
      },
      { name: 'sidecar', image: 'busybox:1.36' },
    ]);
    // Metadata and status are not spec: no new generation.
    expect((await env.run(['annotate', 'deploy', 'kuberik-controller', 'team=platform'])).code).toBe(0);
    const sb = env.sandbox.store;
    const stored = sb.get('apps/v1', 'Deployment', 'kuberik-controller', 'default')!;
    sb.updateStatus({
      ...stored,
      status: { replicas: 2, readyReplicas: 1, updatedReplicas: 2, availableReplicas: 1 },
    });
    const final = await json(['get', 'deploy', 'kuberik-controller']);
    expect(final.metadata.generation).toBe(2);
    const table = await env.run(['get', 'deploy', 'kuberik-controller', '--no-headers']);
    expect(table.stdout.trim().split(/\s+/).slice(0, 4)).toEqual(['kuberik-controller', '1/2', '2', '1']);
  });

  it('creates each kind with the protobuf bodies of `kubectl create`', async () => {
    const cmds = [
      ['create', 'serviceaccount', 'bot'],
      ['create', 'deployment', 'web', '--image=nginx:1.27', '--port=80', '--replicas=3'],
      ['create', 'role', 'reader', '--verb=get,list', '--resource=configmaps'],
      ['create', 'clusterrole', 'deployer', '--verb=create', '--resource=deployments.apps'],
      ['create', 'rolebinding', 'bot-reader', '--role=reader', '--serviceaccount=default:bot'],
      ['create', 'clusterrolebinding', 'alice-deployer', '--clusterrole=deployer', '--user=alice'],
    ];
    for (const args of cmds) {
      const r = await env.run(args);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    }
    const posts = env.sandbox.requests.filter((q) => q.method === 'POST').slice(-cmds.length);
    expect(posts.map((q) => [q.contentType, q.status])).toEqual(
      cmds.map(() => ['application/vnd.kubernetes.protobuf', 201]),
    );
    const web = await json(['get', 'deploy', 'web']);
    expect(web.spec).toEqual({
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
      },
    });
    expect((await json(['get', 'role', 'reader'])).rules).toEqual([
      { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] },
    ]);
    expect(await json(['get', 'rolebinding', 'bot-reader'])).toMatchObject({
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'bot', namespace: 'default' }],
    });
    const crb = await json(['get', 'clusterrolebinding', 'alice-deployer']);
    expect(crb.metadata.namespace).toBeUndefined();
    expect(crb.subjects).toEqual([{ kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' }]);
    expect((await json(['get', 'sa', 'bot'])).metadata.name).toBe('bot');
  });
});
