// The API server under a test file: the sandbox (default) or the run's one real kube-apiserver
// (KUBERIK_TEST_BACKEND=real, set by the e2e-real vitest project). testCluster() gives either as the
// same handle; on the shared real cluster a file isolates itself in a namespace of its own, and its
// restricted users are service accounts of that namespace. See docs/real-cluster.md "The tiers".
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { allCrds } from '@kuberik/core/model';
import { startSandbox } from '@kuberik/core/sandbox';
import type { Sandbox, SandboxOptions, SandboxUser } from '@kuberik/core/sandbox';
import { describe, it } from 'vitest';
import { sharedRealCluster } from '../real-cluster/shared.js';
import type { RealCluster } from './real-cluster.js';

export type Backend = 'sandbox' | 'real';

export const backend: Backend = process.env.KUBERIK_TEST_BACKEND === 'real' ? 'real' : 'sandbox';
export const onRealBackend = backend === 'real';

/**
 * Tests that need what only the sandbox has (a fake server clock, injected faults, a restart with
 * its data, the request log). On the real backend they are skipped — visibly: the reason is part
 * of the name, so the report shows "… [sandbox-only: fake server clock]" as skipped.
 */
export const sandboxOnly = {
  it(reason: string, name: string, fn: () => Promise<void> | void, timeout?: number): void {
    it.skipIf(onRealBackend)(`${name} [sandbox-only: ${reason}]`, fn, timeout);
  },
  describe(reason: string, name: string, fn: () => void): void {
    describe.skipIf(onRealBackend)(`${name} [sandbox-only: ${reason}]`, fn);
  },
};

export interface TestKubeconfigOptions {
  /** A token of `users` (default: the admin). */
  token?: string;
  /** Name of the kubeconfig user entry. */
  user?: string;
  /** The context's namespace (default: the handle's `ns`). */
  namespace?: string;
}

export interface TestCluster {
  backend: Backend;
  url: string;
  /** This handle's namespace (created): `namespace` as asked on the sandbox, made unique on the real server. */
  ns: string;
  /** Maps a namespace name a test uses to the one on this backend (unique on the real server). */
  namespace(name: string): string;
  /** A cluster-scoped object's name, unique on the real server (several files share it). */
  uniqueName(base: string): string;
  /** Kubeconfig text for the admin, or for a user of `users` by its token. */
  kubeconfig(opts?: TestKubeconfigOptions): string;
  writeKubeconfig(path: string, opts?: TestKubeconfigOptions): Promise<void>;
  /** The username the server sees for a token of `users`. */
  username(token: string): string;
  ensureNamespace(name: string): Promise<void>;
  /** The sandbox itself; throws on the real backend (the test should be sandbox-only). */
  readonly sandbox: Sandbox;
  close(): Promise<void>;
}

export interface TestClusterOptions {
  /** The namespace to create (default `test`); on the real server a unique suffix is added. */
  namespace?: string;
  /** Other namespaces the file uses, created too (mapped like `namespace`). */
  namespaces?: string[];
  /**
   * Restricted users, by bearer token, as the sandbox's `users`. On the real server each becomes a
   * service account of `ns` named after its username, bound to its rules (rules with `namespaces`
   * through Roles in those namespaces, mapped by `namespace()`); no rules means cluster-admin.
   */
  users?: Record<string, SandboxUser>;
  /** Sandbox-only options (clock, data file, port); ignored on the real server. */
  sandbox?: SandboxOptions;
}

const suffix = (): string => randomBytes(3).toString('hex');

// One connection per test process to the run's cluster (a file calls testCluster once per test).
let shared: Promise<RealCluster> | undefined;

export async function testCluster(opts: TestClusterOptions = {}): Promise<TestCluster> {
  const base = opts.namespace ?? 'test';
  if (backend === 'real') return realTestCluster(base, opts);
  const sandbox = await startSandbox({
    crds: allCrds(),
    ...(opts.users ? { users: opts.users } : {}),
    ...opts.sandbox,
  });
  const users = opts.users ?? {};
  const kubeconfig = (k: TestKubeconfigOptions = {}): string =>
    sandbox.kubeconfig({
      namespace: k.namespace ?? base,
      ...(k.token ? { token: k.token, user: k.user ?? k.token } : k.user ? { user: k.user } : {}),
    });
  const handle: TestCluster = {
    backend,
    url: sandbox.url,
    ns: base,
    namespace: (name) => name,
    uniqueName: (name) => name,
    kubeconfig,
    writeKubeconfig: (path, k) => writeFile(path, kubeconfig(k), { mode: 0o600 }),
    username: (token) => users[token]?.username ?? token,
    async ensureNamespace(name) {
      if (!sandbox.store.get('v1', 'Namespace', name)) {
        sandbox.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
      }
    },
    sandbox,
    close: () => sandbox.close(),
  };
  for (const ns of [base, ...(opts.namespaces ?? [])]) await handle.ensureNamespace(ns);
  return handle;
}

async function realTestCluster(base: string, opts: TestClusterOptions): Promise<TestCluster> {
  shared ??= sharedRealCluster();
  const cluster = await shared;
  const id = suffix();
  const namespace = (name: string): string => `${name}-${id}`;
  const ns = namespace(base);
  for (const n of [base, ...(opts.namespaces ?? [])]) await cluster.ensureNamespace(namespace(n));

  const tokens = new Map<string, { token: string; username: string }>();
  for (const [token, user] of Object.entries(opts.users ?? {})) {
    const sa = user.username.replace(/[^a-z0-9-]/gi, '-').toLowerCase();
    const real = await cluster.serviceAccountToken(ns, sa);
    const username = `system:serviceaccount:${ns}:${sa}`;
    const rules = user.rules ?? [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }];
    await cluster.grant(
      username,
      rules.map((r) => ({ ...r, ...(r.namespaces ? { namespaces: r.namespaces.map(namespace) } : {}) })),
    );
    tokens.set(token, { token: real, username });
  }
  const tokenOf = (token: string) => {
    const t = tokens.get(token);
    if (!t) throw new Error(`no test user with token ${token}`);
    return t;
  };
  const kubeconfig = (k: TestKubeconfigOptions = {}): string =>
    cluster.kubeconfig({
      namespace: k.namespace ?? ns,
      ...(k.token
        ? { token: tokenOf(k.token).token, user: k.user ?? k.token }
        : k.user
          ? { user: k.user }
          : {}),
    });
  return {
    backend,
    url: cluster.url,
    ns,
    namespace,
    uniqueName: (name) => `${name}-${id}`,
    kubeconfig,
    writeKubeconfig: (path, k) => writeFile(path, kubeconfig(k), { mode: 0o600 }),
    username: (token) => tokenOf(token).username,
    ensureNamespace: (name) => cluster.ensureNamespace(name),
    get sandbox(): Sandbox {
      throw new Error('this test needs the sandbox (mark it sandboxOnly with its reason)');
    },
    // The cluster is the run's; its namespace finalizer (real-cluster/namespace-finalizer.ts)
    // removes the file's namespaces and everything in them, so the cluster does not grow.
    close: async () => {
      for (const n of [base, ...(opts.namespaces ?? [])])
        await cluster.request('DELETE', `/api/v1/namespaces/${namespace(n)}`);
    },
  };
}
