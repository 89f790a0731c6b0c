// Black-box support for the kubectl-kuberik tests: build the binary once (when stale), run it as a
// child process with a clean environment, and start an API server (the sandbox, or the real
// kube-apiserver in e2e-real) with simulated Flux and the demo-like fixture.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKube, kindFor, Kinds, type Kube, type ResourceKind } from '@kuberik/core/kube';
import {
  sampleApp,
  startFluxSimulator,
  startFluxSimulatorOverApi,
  type Sandbox,
  type SandboxUser,
} from '@kuberik/core/sandbox';
import { testCluster } from '../support/backend.js';
import { makeTempDir } from '../support/tmp.js';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const cliDir = join(repo, 'cli');
export const binDir = join(repo, 'node_modules', '.bin');
const bundle = join(cliDir, 'dist', 'bundle', 'index.js');
const manifest = join(cliDir, 'oclif.manifest.json');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
      newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function isStale(): boolean {
  if (!existsSync(bundle) || !existsSync(manifest)) return true;
  const built = Math.min(statSync(bundle).mtimeMs, statSync(manifest).mtimeMs);
  return newestMtime(join(cliDir, 'src')) > built || newestMtime(join(repo, 'core', 'src')) > built;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function run(cmd: string, args: string[], cwd: string): Promise<void> {
  return new Promise((res, rej) =>
    execFile(cmd, args, { cwd, maxBuffer: 32 * 1024 * 1024, timeout: 180_000 }, (err, _o, stderr) =>
      err ? rej(new Error(`${cmd} ${args.join(' ')} failed:\n${stderr}`)) : res(),
    ),
  );
}

/** Builds cli/dist/bundle + oclif.manifest.json when missing or older than the sources (one builder at a time). */
export async function ensureBuilt(): Promise<void> {
  const lock = join(cliDir, 'dist', '.build-lock');
  mkdirSync(join(cliDir, 'dist'), { recursive: true });
  for (;;) {
    if (!isStale()) return;
    try {
      mkdirSync(lock);
    } catch {
      // another test file is building; wait for it (a lock older than 3 minutes is abandoned)
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 180_000) rmdirSync(lock);
      await sleep(500);
      continue;
    }
    try {
      if (isStale()) await run('npm', ['run', 'build', '-w', 'kubectl-kuberik'], repo);
    } finally {
      rmdirSync(lock);
    }
    return;
  }
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  kubeconfig?: string;
  env?: Record<string, string | undefined>;
  input?: string;
  timeoutMs?: number;
}

/** A clean environment: our bin dir first on PATH, a private HOME, no CI, no colours forced. */
export function cliEnv(o: CliOptions = {}): NodeJS.ProcessEnv {
  const home = makeTempDir('cli-home');
  const env: NodeJS.ProcessEnv = {
    PATH: `${binDir}:${dirname(process.execPath)}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: home,
    TZ: 'UTC',
    LANG: 'C.UTF-8',
  };
  if (o.kubeconfig) env.KUBECONFIG = o.kubeconfig;
  for (const [k, v] of Object.entries(o.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Runs the built binary (cli/bin/run.js, exactly what kubectl finds on PATH). */
export function kuberik(args: string[], o: CliOptions = {}): Promise<CliResult> {
  return new Promise((res, rej) => {
    const child = execFile(
      process.execPath,
      [join(cliDir, 'bin', 'run.js'), ...args],
      { env: cliEnv(o), maxBuffer: 16 * 1024 * 1024, timeout: o.timeoutMs ?? 60_000 },
      (err, stdout, stderr) => {
        if (err && typeof (err as { code?: unknown }).code !== 'number') return rej(err);
        res({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(o.input ?? '');
  });
}

export function spawnKuberik(args: string[], o: CliOptions = {}): ChildProcess {
  return spawn(process.execPath, [join(cliDir, 'bin', 'run.js'), ...args], {
    env: cliEnv(o),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

export interface TestCluster {
  /** The sandbox; throws on the real backend (such a test is sandbox-only). */
  sandbox: Sandbox;
  /** The namespace of the fixture app (`default` on the sandbox, unique on the real server). */
  ns: string;
  kubeconfig: string;
  /** The admin kubeconfig's current context (what the TUI's header names). */
  context: string;
  /** A kubeconfig for a bearer-token user (RBAC tests). */
  kubeconfigFor(user: string): string;
  publish(tag: string): Promise<void>;
  /** An object of the fixture's namespace, read from the server (undefined when absent). */
  get<T = Record<string, unknown>>(kind: ResourceKind, name: string): Promise<T | undefined>;
  close(): Promise<void>;
}

/**
 * The fixture app (rollout my-app, like the demo's) with simulated Flux, on the sandbox or on the
 * run's real kube-apiserver (test/src/support/backend.ts): on the real server in a namespace of its
 * own, its users service accounts bound to their rules.
 */
export async function startCluster(
  users: Record<string, SandboxUser> = {},
  opts: { bakeTime?: string; requestLogSize?: number } = {},
): Promise<TestCluster> {
  const tokens = Object.fromEntries(Object.entries(users).map(([name, u]) => [`token-${name}`, u]));
  const cluster = await testCluster({
    namespace: 'default',
    users: tokens,
    ...(opts.requestLogSize ? { sandbox: { requestLogSize: opts.requestLogSize } } : {}),
  });
  const kube = createKube({ kubeconfigText: cluster.kubeconfig() });
  const flux =
    cluster.backend === 'sandbox'
      ? startFluxSimulator(cluster.sandbox, { reconcileDelayMs: 200, log: () => undefined })
      : await startFluxSimulatorOverApi(kube, {
          namespaces: [cluster.ns],
          reconcileDelayMs: 200,
          log: (m) => process.stderr.write(`${m}\n`),
        });
  await seedApp(kube, cluster.ns, opts.bakeTime ?? '2s');
  const dir = makeTempDir('cli-cluster');
  const kubeconfig = join(dir, 'admin.yaml');
  const text = cluster.kubeconfig();
  writeFileSync(kubeconfig, text);
  return {
    get sandbox() {
      return cluster.sandbox;
    },
    ns: cluster.ns,
    kubeconfig,
    context: /current-context"?:\s*"?([^"\s,]+)/.exec(text)?.[1] ?? '',
    kubeconfigFor(user) {
      const p = join(dir, `${user}.yaml`);
      writeFileSync(p, cluster.kubeconfig({ token: `token-${user}`, user }));
      return p;
    },
    publish: (tag) => flux.publish({ namespace: cluster.ns, name: 'my-app' }, tag),
    get: async <T>(kind: ResourceKind, name: string) =>
      (await kube.find(kind as ResourceKind<never>, cluster.ns, name)) as T | undefined,
    async close() {
      await flux.stop();
      kube.close();
      await cluster.close();
    },
  };
}

/** Creates the fixture through the API (as any client would), statuses through the subresource. */
async function seedApp(kube: Kube, ns: string, bakeTime: string): Promise<void> {
  const app = sampleApp({
    namespace: ns,
    name: 'my-app',
    published: 'v1.0.0',
    applied: { version: 'v1.0.0', at: new Date() },
    kustomizationAnnotations: {
      'sandbox.kuberik.com/fail-versions': 'v1.2.0',
      'sandbox.kuberik.com/reconcile-delay': '200ms',
    },
    healthCheck: {},
    gate: { name: 'production-approval', prettyName: 'Production approval' },
    bakeTime,
    deployTimeout: '20s',
  });
  for (const { status, ...o } of app as Array<{
    apiVersion: string;
    kind: string;
    metadata: { name: string };
    status?: unknown;
  }>) {
    const k = kindFor(o.apiVersion, o.kind) as ResourceKind<never>;
    await kube.create(k, o as never);
    const name = o.metadata.name;
    if (status) await kube.mergePatch(k, ns, name, { status }, { status: true });
  }
}

/** The fixture Rollout's status as written on the server (assertions about what was written). */
export async function rolloutStatus(c: TestCluster): Promise<Record<string, unknown>> {
  return ((await c.get<{ status?: Record<string, unknown> }>(Kinds.Rollout, 'my-app'))?.status ??
    {}) as Record<string, unknown>;
}

/** Polls `cond` every 50 ms until it holds (the test's own timeout bounds the wait). */
export async function until(cond: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await cond())) await sleep(50);
}
