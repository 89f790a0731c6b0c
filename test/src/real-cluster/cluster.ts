// startRealCluster(): etcd + kube-apiserver built from their Go modules (build.ts), serving TLS on
// 127.0.0.1 only, with RBAC, a static token file (an admin in system:masters and restricted users),
// the project's CRDs and Flux's own CRDs installed and Established before it resolves.
// The handle mirrors the sandbox's (url, kubeconfig, writeKubeconfig, close); the sandbox-only
// parts (store, faults, request log) do not exist here. See docs/real-cluster.md.
import { type ChildProcess, spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { makeTempDir } from '../support/tmp.js';
import { ensureControlPlane, type ControlPlane } from './build.js';
import { ADMIN_TOKEN, connectRealCluster, type RealCluster, type RealUser } from './handle.js';
import { apiRequest } from './https.js';
import { startNamespaceFinalizer, type NamespaceFinalizer } from './namespace-finalizer.js';

export {
  ADMIN_TOKEN,
  connectRealCluster,
  type RbacRule,
  type RealCluster,
  type RealClusterInfo,
  type RealKubeconfigOptions,
  type RealUser,
} from './handle.js';

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
  /**
   * Serve kube-apiserver's /debug/pprof (investigation only; default off, or on when
   * KUBERIK_APISERVER_PROFILING=1). `npm run bench -- controller --apiserver-profile=DIR` uses it.
   */
  profiling?: boolean;
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
  let finalizer: NamespaceFinalizer | undefined;
  const close = async (): Promise<void> => {
    await finalizer?.stop();
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
          `--profiling=${opts.profiling ?? process.env.KUBERIK_APISERVER_PROFILING === '1'}`,
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

    // No kube-controller-manager runs: this client finalizes deleted namespaces in its place.
    finalizer = startNamespaceFinalizer(request, { log });
    return connectRealCluster({ url, ca, users, controlPlane: cp }, close);
  } catch (e) {
    await close();
    throw e;
  }
}
