// `npm run cluster:real`: prints `cluster ready <url>`, writes a kubeconfig that real kubectl uses,
// listens on loopback only, and on SIGTERM stops every process it started.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { kubectl } from '../support/kubectl.js';
import { makeTempDir } from '../support/tmp.js';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

const start = (args: string[]): ChildProcess =>
  spawn(process.execPath, ['--conditions=@kuberik/source', '--import', 'tsx', main, ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/** Direct children of a pid (Linux /proc). */
function childrenOf(pid: number): number[] {
  const dir = `/proc/${pid}/task`;
  if (!existsSync(dir)) return [];
  return readFileSync(`${dir}/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
}

/** Local addresses of listening TCP sockets owned by `pids` (from /proc/net/tcp + fd links). */
function listenersOf(pids: number[]): string[] {
  const inodes = new Set<string>();
  for (const pid of pids) {
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        try {
          const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
          const m = /^socket:\[(\d+)\]$/.exec(link);
          if (m) inodes.add(m[1] as string);
        } catch {
          // fd closed meanwhile
        }
      }
    } catch {
      // process gone
    }
  }
  const out: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f[3] === '0A' && inodes.has(f[9] as string)) out.push(f[1] as string);
    }
  }
  return out;
}

describe('npm run cluster:real', () => {
  it('starts, serves kubectl on 127.0.0.1 only, and leaves nothing running after SIGTERM', async () => {
    const dir = makeTempDir('real-main');
    const kubeconfig = join(dir, 'k.yaml');
    child = start(['--kubeconfig-out', kubeconfig]);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const t = setInterval(() => {
        const m = /cluster ready (https:\/\/127\.0\.0\.1:\d+)/.exec(out);
        if (m) {
          clearInterval(t);
          resolve(m[1] as string);
        } else if (child?.exitCode !== null) {
          clearInterval(t);
          reject(new Error(`cluster:real exited: ${err}`));
        }
      }, 100);
    });
    const r = await kubectl(['get', 'namespace', 'default', '-o', 'name'], { kubeconfig });
    expect(r.stdout.trim()).toBe('namespace/default');
    expect(readFileSync(kubeconfig, 'utf8')).toContain(url);

    const servers = childrenOf(child.pid as number);
    expect(servers.length).toBe(2); // etcd and kube-apiserver
    const listening = listenersOf(servers);
    expect(listening.length).toBeGreaterThanOrEqual(3); // etcd client + peer, apiserver
    // 0100007F = 127.0.0.1 in /proc/net/tcp's byte order; nothing on 0.0.0.0 or ::.
    expect(listening.filter((a) => !a.startsWith('0100007F:'))).toEqual([]);

    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) =>
      child?.exitCode !== null ? resolve(child?.exitCode ?? null) : child.once('exit', (c) => resolve(c)),
    );
    expect(code).toBe(0);
    for (const pid of servers) expect(existsSync(`/proc/${pid}`), `pid ${pid} still running`).toBe(false);
  });

  it('refuses a bad --port with one line saying what to do', async () => {
    child = start(['--port', 'eighty']);
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child?.once('exit', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(err.trim()).toBe('--port must be a port number, got eighty');
  });
});
