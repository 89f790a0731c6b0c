// The handle on a running real cluster (types and connectRealCluster): what startRealCluster returns
// and what another process rebuilds from `info` (the e2e-real globalSetup hands it to test files).
import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import type { ControlPlane } from './build.js';
import { apiRequest, type ApiResponse } from './https.js';

export const ADMIN_TOKEN = 'kuberik-admin-token';

export interface RealUser {
  username: string;
  groups?: string[];
}

export interface RbacRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  /** Grant only in these namespaces (a Role + RoleBinding in each); cluster-wide when absent. */
  namespaces?: string[];
}

export interface RealKubeconfigOptions {
  /** Bearer token (default: the admin's). */
  token?: string;
  /** Name of the kubeconfig user entry. */
  user?: string;
  namespace?: string;
  /** Impersonate this username (needs the impersonate verb; the admin has it). */
  as?: string;
}

export interface RealCluster {
  info: RealClusterInfo;
  url: string;
  /** PEM of the CA that signed the serving certificate. */
  ca: string;
  /** Versions of the control plane (kubernetes, etcd, controller-tools, Flux APIs, go). */
  versions: Record<string, string>;
  controlPlane: ControlPlane;
  kubeconfig(opts?: RealKubeconfigOptions): string;
  writeKubeconfig(path: string, opts?: RealKubeconfigOptions): Promise<void>;
  /** Kubeconfig of a restricted user of the token file, by username (e.g. 'vera'). */
  userKubeconfig(username: string, opts?: { namespace?: string }): string;
  /** The token of a username in the token file. */
  tokenOf(username: string): string;
  /** Gives `subject` the rules, through a ClusterRole/Role and a binding named after it. */
  grant(subject: string, rules: RbacRule[], opts?: { kind?: 'User' | 'Group' }): Promise<void>;
  /** A token for a service account (created with its namespace when missing) via TokenRequest. */
  serviceAccountToken(namespace: string, name: string): Promise<string>;
  /** A raw request as the admin (or `token`). */
  request(
    method: string,
    path: string,
    body?: unknown,
    opts?: { token?: string; contentType?: string },
  ): Promise<ApiResponse>;
  /** Creates the namespace unless it exists. */
  ensureNamespace(name: string, labels?: Record<string, string>): Promise<void>;
  close(): Promise<void>;
}

/** What a test process needs to use a cluster started elsewhere (JSON, for vitest's provide/inject). */
export interface RealClusterInfo {
  url: string;
  ca: string;
  users: Record<string, RealUser>;
  controlPlane: ControlPlane;
}

/** A handle on a running cluster; `close` stops it only when this process started it. */
export function connectRealCluster(
  info: RealClusterInfo,
  close: () => Promise<void> = async () => {},
): RealCluster {
  const { url, ca, users } = info;
  const cp = info.controlPlane;
  const request: RealCluster['request'] = (method, path, body, o = {}) =>
    apiRequest({
      url,
      ca,
      method,
      path,
      token: o.token ?? ADMIN_TOKEN,
      body,
      ...(o.contentType ? { contentType: o.contentType } : {}),
    });
  const kubeconfig = (k: RealKubeconfigOptions = {}): string =>
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: 'real',
          cluster: { server: url, 'certificate-authority-data': Buffer.from(ca).toString('base64') },
        },
      ],
      contexts: [
        {
          name: 'real',
          context: { cluster: 'real', user: k.user ?? 'admin', namespace: k.namespace ?? 'default' },
        },
      ],
      'current-context': 'real',
      preferences: {},
      users: [
        { name: k.user ?? 'admin', user: { token: k.token ?? ADMIN_TOKEN, ...(k.as ? { as: k.as } : {}) } },
      ],
    });
  const tokenOf = (username: string): string => {
    const hit = Object.entries(users).find(([, u]) => u.username === username);
    if (!hit) throw new Error(`no user ${username} in the real cluster's token file`);
    return hit[0];
  };
  const ensureNamespace: RealCluster['ensureNamespace'] = async (name, labels) => {
    const res = await request('POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, ...(labels ? { labels } : {}) },
    });
    if (res.status !== 201 && res.status !== 409) throw new Error(`creating namespace ${name}: ${res.text}`);
  };
  const must = async (p: Promise<ApiResponse>, what: string): Promise<ApiResponse> => {
    const res = await p;
    if (res.status >= 300 && res.status !== 409) throw new Error(`${what}: ${res.status} ${res.text}`);
    return res;
  };

  return {
    info,
    url,
    ca,
    versions: cp.versions,
    controlPlane: cp,
    kubeconfig,
    writeKubeconfig: (path, k) => writeFile(path, kubeconfig(k), { mode: 0o600 }),
    userKubeconfig: (username, o = {}) =>
      kubeconfig({
        token: tokenOf(username),
        user: username,
        ...(o.namespace ? { namespace: o.namespace } : {}),
      }),
    tokenOf,
    async grant(subject, rules, o = {}) {
      const kind = o.kind ?? 'User';
      const roleName = `test:${subject}`.replace(/[^a-z0-9.:-]/gi, '-').toLowerCase();
      const clusterRules = rules.filter((r) => !r.namespaces);
      const rbac = '/apis/rbac.authorization.k8s.io/v1';
      const subjects = [{ kind, name: subject, apiGroup: 'rbac.authorization.k8s.io' }];
      const strip = (r: RbacRule) => ({ verbs: r.verbs, apiGroups: r.apiGroups, resources: r.resources });
      // PUT is create-or-replace for RBAC objects, so granting again replaces the rules.
      const put = (path: string, obj: Record<string, unknown>, what: string) =>
        must(request('PUT', path, obj), what);
      await put(
        `${rbac}/clusterroles/${roleName}`,
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRole',
          metadata: { name: roleName },
          rules: clusterRules.map(strip),
        },
        `ClusterRole ${roleName}`,
      );
      await put(
        `${rbac}/clusterrolebindings/${roleName}`,
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'ClusterRoleBinding',
          metadata: { name: roleName },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
          subjects,
        },
        `ClusterRoleBinding ${roleName}`,
      );
      const byNs = new Map<string, RbacRule[]>();
      for (const r of rules) for (const ns of r.namespaces ?? []) byNs.set(ns, [...(byNs.get(ns) ?? []), r]);
      for (const [ns, nsRules] of byNs) {
        await ensureNamespace(ns);
        await put(
          `${rbac}/namespaces/${ns}/roles/${roleName}`,
          {
            apiVersion: 'rbac.authorization.k8s.io/v1',
            kind: 'Role',
            metadata: { name: roleName, namespace: ns },
            rules: nsRules.map(strip),
          },
          `Role ${ns}/${roleName}`,
        );
        await put(
          `${rbac}/namespaces/${ns}/rolebindings/${roleName}`,
          {
            apiVersion: 'rbac.authorization.k8s.io/v1',
            kind: 'RoleBinding',
            metadata: { name: roleName, namespace: ns },
            roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: roleName },
            subjects,
          },
          `RoleBinding ${ns}/${roleName}`,
        );
      }
    },
    async serviceAccountToken(namespace, name) {
      await ensureNamespace(namespace);
      await must(
        request('POST', `/api/v1/namespaces/${namespace}/serviceaccounts`, {
          apiVersion: 'v1',
          kind: 'ServiceAccount',
          metadata: { name, namespace },
        }),
        `ServiceAccount ${namespace}/${name}`,
      );
      const res = await must(
        request('POST', `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`, {
          apiVersion: 'authentication.k8s.io/v1',
          kind: 'TokenRequest',
          spec: { expirationSeconds: 86_400 },
        }),
        `token for ${namespace}/${name}`,
      );
      return (res.json as { status: { token: string } }).status.token;
    },
    request,
    ensureNamespace,
    close,
  };
}
