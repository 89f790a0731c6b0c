// startRealCluster(): etcd + kube-apiserver built from their Go modules (build.ts), serving TLS on
// 127.0.0.1 only, with RBAC, a static token file (an admin in system:masters and restricted users),
// the project's CRDs and Flux's own CRDs installed and Established before it resolves.
// The handle mirrors the sandbox's (url, kubeconfig, writeKubeconfig, close); the sandbox-only
// parts (store, faults, request log) do not exist here. See docs/real-cluster.md.
import { type ChildProcess, spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, stringify } from 'yaml';
import { makeTempDir } from '../support/tmp.js';
import { ensureControlPlane, type ControlPlane } from './build.js';
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

/**
 * The restricted users every real cluster knows (token → identity): none has any permission until a
 * test grants it (`grant`). The token file is read once at start, so the set is fixed per cluster;
 * one cluster serves a whole test run, so tests pick distinct names (or a service account, which
 * `serviceAccountToken` makes on demand).
 */
export const DEFAULT_USERS: Record<string, RealUser> = {
  'viewer-token': { username: 'vera' },
  'kuberik-viewer-token': { username: 'viewer' },
  'kuberik-approver-token': { username: 'approver' },
  'kuberik-deployer-token': { username: 'deployer' },
  'controller-token': {
    username: 'system:serviceaccount:kuberik-system:kuberik-controller',
    groups: ['system:serviceaccounts', 'system:serviceaccounts:kuberik-system'],
  },
  ...Object.fromEntries(
    Array.from({ length: 20 }, (_, i) => [`tester-${i + 1}-token`, { username: `tester-${i + 1}` }]),
  ),
};

export interface RealClusterOptions {
  /** The API server's port on 127.0.0.1 (default: a free one). */
  port?: number;
  /** Extra token → identity entries for the token file. */
  users?: Record<string, RealUser>;
  /** Install config/crd and Flux's CRDs (default true). */
  installCrds?: boolean;
  /** Progress lines (build, start); default stderr. */
  log?: (line: string) => void;
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

const PROJECT_CRD_DIR = fileURLToPath(new URL('../../../config/crd/', import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function waitFor(
  what: string,
  timeoutMs: number,
  check: () => Promise<boolean>,
  died: () => string | undefined,
) {
  const deadline = Date.now() + timeoutMs;
  let lastErr = '';
  while (Date.now() < deadline) {
    const dead = died();
    if (dead) throw new Error(`${what}: ${dead}`);
    try {
      if (await check()) return;
    } catch (e) {
      lastErr = (e as Error).message;
    }
    await sleep(250);
  }
  throw new Error(`${what}: not ready after ${timeoutMs / 1000} s${lastErr ? ` (${lastErr})` : ''}`);
}

/** A child whose last output lines we keep, so a failed start says why. */
function startProcess(bin: string, args: string[], name: string): { child: ChildProcess; tail: string[] } {
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  const keep = (d: Buffer): void => {
    for (const l of d.toString().split('\n').filter(Boolean)) {
      tail.push(l);
      if (tail.length > 40) tail.shift();
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('error', (e) => tail.push(`${name}: ${e.message}`));
  return { child, tail };
}

function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function yamlDocs(file: string): Array<Record<string, unknown>> {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((d) => d.toJS() as Record<string, unknown> | null)
    .filter((d): d is Record<string, unknown> => !!d && d.kind === 'CustomResourceDefinition');
}

/** The project's CRDs (config/crd, without the sandbox's Flux stand-ins) and Flux's real ones. */
export function crdsToInstall(cp: ControlPlane): Array<Record<string, unknown>> {
  const own = readdirSync(PROJECT_CRD_DIR)
    .filter((f) => f.endsWith('.kuberik.com.yaml'))
    .flatMap((f) => yamlDocs(join(PROJECT_CRD_DIR, f)));
  const flux = readdirSync(cp.fluxCrdDir)
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => yamlDocs(join(cp.fluxCrdDir, f)));
  return [...own, ...flux];
}

export async function startRealCluster(opts: RealClusterOptions = {}): Promise<RealCluster> {
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const cp = await ensureControlPlane(log);
  const dir = makeTempDir('real-cluster');
  const pkiDir = join(dir, 'pki');
  mkdirSync(pkiDir);
  execFileSync(cp.pki, ['-dir', pkiDir]);
  const ca = readFileSync(join(pkiDir, 'ca.crt'), 'utf8');

  const users: Record<string, RealUser> = {
    [ADMIN_TOKEN]: { username: 'kuberik-admin', groups: ['system:masters'] },
    ...DEFAULT_USERS,
    ...opts.users,
  };
  const tokenFile = join(dir, 'tokens.csv');
  writeFileSync(
    tokenFile,
    Object.entries(users)
      .map(
        ([token, u], i) =>
          `${token},${u.username},uid-${i}${u.groups?.length ? `,"${u.groups.join(',')}"` : ''}`,
      )
      .join('\n') + '\n',
    { mode: 0o600 },
  );

  const [etcdClient, etcdPeer, apiPort] = await Promise.all([
    freePort(),
    freePort(),
    opts.port ? Promise.resolve(opts.port) : freePort(),
  ]);
  const children: Array<{ child: ChildProcess; tail: string[]; name: string }> = [];
  const killAll = (): void => {
    for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
  };
  // A test process that exits without close() must not leave the servers behind.
  process.once('exit', killAll);
  const close = async (): Promise<void> => {
    for (const c of [...children].reverse()) await stopProcess(c.child);
    process.removeListener('exit', killAll);
  };
  const died = (c: { child: ChildProcess; tail: string[]; name: string }) => () =>
    c.child.exitCode !== null || c.child.signalCode !== null
      ? `${c.name} exited (${c.child.exitCode ?? c.child.signalCode}):\n${c.tail.slice(-15).join('\n')}`
      : undefined;

  try {
    const etcd = {
      ...startProcess(
        cp.etcd,
        [
          '-data-dir',
          join(dir, 'etcd'),
          '-client-url',
          `http://127.0.0.1:${etcdClient}`,
          '-peer-url',
          `http://127.0.0.1:${etcdPeer}`,
        ],
        'etcd',
      ),
      name: 'etcd',
    };
    children.push(etcd);
    await waitFor(
      'etcd',
      60_000,
      async () => {
        const res = await fetch(`http://127.0.0.1:${etcdClient}/health`);
        return res.ok && ((await res.json()) as { health?: string }).health === 'true';
      },
      died(etcd),
    );

    const url = `https://127.0.0.1:${apiPort}`;
    const api = {
      ...startProcess(
        cp.kubeApiserver,
        [
          `--etcd-servers=http://127.0.0.1:${etcdClient}`,
          '--bind-address=127.0.0.1',
          '--advertise-address=127.0.0.1',
          `--secure-port=${apiPort}`,
          `--cert-dir=${join(dir, 'certs')}`,
          `--tls-cert-file=${join(pkiDir, 'apiserver.crt')}`,
          `--tls-private-key-file=${join(pkiDir, 'apiserver.key')}`,
          `--token-auth-file=${tokenFile}`,
          '--anonymous-auth=false',
          '--authorization-mode=Node,RBAC',
          '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
          `--service-account-key-file=${join(pkiDir, 'sa.pub')}`,
          `--service-account-signing-key-file=${join(pkiDir, 'sa.key')}`,
          '--service-cluster-ip-range=10.0.0.0/24',
          // No controller-manager runs, so nothing would maintain the kubernetes Service endpoints.
          '--endpoint-reconciler-type=none',
          '--profiling=false',
          '--enable-priority-and-fairness=false',
          '--v=0',
        ],
        'kube-apiserver',
      ),
      name: 'kube-apiserver',
    };
    children.push(api);
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
    await waitFor(
      'kube-apiserver',
      180_000,
      async () => (await request('GET', '/readyz')).status === 200,
      died(api),
    );

    if (opts.installCrds !== false) {
      const crds = crdsToInstall(cp);
      for (const crd of crds) {
        const res = await request('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd);
        if (res.status !== 201 && res.status !== 409) {
          throw new Error(
            `installing CRD ${(crd.metadata as { name: string }).name}: ${res.status} ${res.text}`,
          );
        }
      }
      for (const crd of crds) {
        const name = (crd.metadata as { name: string }).name;
        await waitFor(
          `CRD ${name}`,
          60_000,
          async () => {
            const res = await request(
              'GET',
              `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`,
            );
            const conds = (res.json as { status?: { conditions?: Array<{ type: string; status: string }> } })
              ?.status?.conditions;
            return !!conds?.some((c) => c.type === 'Established' && c.status === 'True');
          },
          died(api),
        );
      }
    }

    return connectRealCluster({ url, ca, users, controlPlane: cp }, close);
  } catch (e) {
    await close();
    throw e;
  }
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
