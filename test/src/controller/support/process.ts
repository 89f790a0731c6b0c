// A controller as its own OS process (support/controller-main.ts from sources), with its JSON log
// parsed line by line, so tests can find its endpoints, kill it, or SIGTERM it and read its exit code.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('./controller-main.ts', import.meta.url));
const watchMain = fileURLToPath(new URL('./watch-main.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

export interface ControllerProcess {
  identity: string;
  child: ChildProcess;
  lines: Array<Record<string, unknown>>;
  stderr(): string;
  /** Resolves with the log line that matches; rejects if the process exits first. */
  line(match: (l: Record<string, unknown>) => boolean, what: string): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** nodeArgs go to node itself, before the script (the bench's `--cpu-prof` for instance). */
export function startControllerProcess(
  identity: string,
  args: string[],
  nodeArgs: string[] = [],
): ControllerProcess {
  return startJsonProcess(main, identity, args, nodeArgs);
}

/** A developer's `watch` on one rollout (support/watch-main.ts): one JSON line per snapshot. */
export function startWatchProcess(identity: string, args: string[]): ControllerProcess {
  return startJsonProcess(watchMain, identity, args);
}

function startJsonProcess(
  script: string,
  identity: string,
  args: string[],
  nodeArgs: string[] = [],
): ControllerProcess {
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--conditions=@kuberik/source', '--import', 'tsx', script, '--identity', identity, ...args],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } },
  );
  const lines: Array<Record<string, unknown>> = [];
  let err = '';
  let partial = '';
  const waiters: Array<() => void> = [];
  child.stdout?.on('data', (c: Buffer) => {
    partial += c.toString();
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    for (const p of parts) {
      if (!p.trim()) continue;
      try {
        lines.push(JSON.parse(p) as Record<string, unknown>);
      } catch {
        lines.push({ msg: `(not JSON) ${p}`, notJson: true });
      }
    }
    for (const w of waiters.splice(0)) w();
  });
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      for (const w of waiters.splice(0)) w();
      resolve({ code, signal });
    }),
  );
  return {
    identity,
    child,
    lines,
    stderr: () => err,
    exited,
    async line(match, what) {
      for (;;) {
        const found = lines.find(match);
        if (found) return found;
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(`${identity} exited before ${what}: ${err.slice(-2000)}`);
        }
        await new Promise<void>((r) => waiters.push(r));
      }
    },
  };
}

/** Ends a process if still running (cleanup). */
export async function killProcess(p: ControllerProcess | undefined): Promise<void> {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill('SIGKILL');
  await p.exited;
}
