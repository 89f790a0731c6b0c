// A sandbox with the project's CRDs, a kubeconfig file for it, and kubectl bound to that file.
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allCrds } from '@kuberik/core/model';
import { startSandbox } from '@kuberik/core/sandbox';
import type { Sandbox, SandboxOptions } from '@kuberik/core/sandbox';
import { kubectl, spawnKubectl } from './kubectl.js';
import type { KubectlResult } from './kubectl.js';
import { makeTempDir } from './tmp.js';

export interface KubeEnv {
  sandbox: Sandbox;
  dir: string;
  kubeconfig: string;
  /** Runs kubectl against the sandbox; `input` goes to stdin. */
  run(args: string[], input?: string): Promise<KubectlResult>;
  spawn(args: string[]): ChildProcess;
  /** Writes a manifest into the temp dir and returns its path. */
  file(name: string, text: string): string;
  close(): Promise<void>;
}

export async function kubeEnv(opts: SandboxOptions = {}): Promise<KubeEnv> {
  const sandbox = await startSandbox({ crds: allCrds() as object[], ...opts });
  const dir = makeTempDir('kubectl');
  const kubeconfig = join(dir, 'kubeconfig.yaml');
  await sandbox.writeKubeconfig(kubeconfig);
  return {
    sandbox,
    dir,
    kubeconfig,
    run: (args, input) => kubectl(args, { kubeconfig, ...(input !== undefined ? { input } : {}) }),
    spawn: (args) => spawnKubectl(args, { kubeconfig, requestTimeout: '60s' }),
    file(name, text) {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    },
    close: () => sandbox.close(),
  };
}

/** Collects a child's stdout from the start, so no output is lost between waits. */
export function collectOutput(child: ChildProcess): {
  text(): string;
  waitFor(pattern: RegExp): Promise<string>;
} {
  let out = '';
  const waiters: Array<{ pattern: RegExp; resolve: (s: string) => void; reject: (e: Error) => void }> = [];
  const check = (): void => {
    for (const w of [...waiters]) {
      if (w.pattern.test(out)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(out);
      }
    }
  };
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    check();
  });
  child.once('exit', (code) => {
    for (const w of waiters.splice(0))
      w.reject(new Error(`kubectl exited (${code}) before printing ${w.pattern}: ${out}`));
  });
  return {
    text: () => out,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        if (pattern.test(out)) resolve(out);
        else if (child.exitCode !== null)
          reject(new Error(`kubectl exited (${child.exitCode}) before printing ${pattern}: ${out}`));
        else waiters.push({ pattern, resolve, reject });
      }),
  };
}

export function waitForExit(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    // 'close' (not 'exit') so that all of stdout has been read by then.
    if (child.exitCode !== null && child.stdout?.readableEnded !== false) resolve(child.exitCode);
    else child.once('close', (code) => resolve(code ?? -1));
  });
}
