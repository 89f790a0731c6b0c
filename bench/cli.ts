// `npm run bench -- cli`: cold start of the built kubectl-kuberik (help, get, watch --until deployed
// on a deployed rollout), each as a ratio to `node -e 0` measured in the same run (median of N),
// and the CPU an idle `watch` uses over 30 s (line mode, and the TUI in tmux when available).
import { execFile, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cliDir, cliEnv, ensureBuilt, startCluster } from '../test/src/cli/support.js';

const RUNS = Number(process.env.CLI_BENCH_RUNS ?? 9);
const IDLE_S = Number(process.env.CLI_BENCH_IDLE_SECONDS ?? 30);
const CLK_TCK = 100; // Linux USER_HZ

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timeOnce(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((res, rej) => {
    const t0 = process.hrtime.bigint();
    execFile(cmd, args, { env, maxBuffer: 16 * 1024 * 1024 }, (err) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (err && (err as { code?: number }).code !== 0)
        return rej(new Error(`${args.join(' ')}: ${err.message}`));
      res(ms);
    });
  });
}

async function medianOf(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  await timeOnce(cmd, args, env); // warm the page cache
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) xs.push(await timeOnce(cmd, args, env));
  return median(xs);
}

/** utime+stime of a process in seconds, from /proc. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

async function idleCpu(pid: number, settleMs = 6000): Promise<number> {
  await new Promise((r) => setTimeout(r, settleMs));
  const c0 = cpuSeconds(pid);
  const t0 = Date.now();
  await new Promise((r) => setTimeout(r, IDLE_S * 1000));
  return (100 * (cpuSeconds(pid) - c0)) / ((Date.now() - t0) / 1000);
}

function hasTmux(): boolean {
  try {
    execFileSync('tmux', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function run(): Promise<Record<string, unknown>> {
  await ensureBuilt();
  const cluster = await startCluster({}, { bakeTime: '1s' });
  try {
    const env = cliEnv({ kubeconfig: cluster.kubeconfig });
    const node = process.execPath;
    const bin = join(cliDir, 'bin', 'run.js');
    // Adopt v1.0.0 first, so `watch --until deployed` measures an already-deployed rollout.
    await timeOnce(node, [bin, 'watch', 'my-app', '--until', 'done', '--timeout', '30s'], env);

    const nodeMs = await medianOf(node, ['-e', '0'], env);
    const helpMs = await medianOf(node, [bin, '--help'], env);
    const versionMs = await medianOf(node, [bin, 'version'], env);
    const getMs = await medianOf(node, [bin, 'get'], env);
    const watchMs = await medianOf(
      node,
      [bin, 'watch', 'my-app', '--until', 'deployed', '--timeout', '30s'],
      env,
    );

    const line = spawn(node, [bin, 'watch', 'my-app'], { env, stdio: ['ignore', 'ignore', 'ignore'] });
    const idleLine = await idleCpu(line.pid!);
    line.kill('SIGTERM');

    let idleTui: number | undefined;
    if (hasTmux()) {
      const sock = `kuberik-bench-${process.pid}`;
      const vars = ['PATH', 'HOME', 'KUBECONFIG', 'TZ'].map((k) => `${k}='${env[k] ?? ''}'`).join(' ');
      execFileSync('tmux', [
        '-u',
        '-L',
        sock,
        '-f',
        '/dev/null',
        'new-session',
        '-d',
        '-x',
        '110',
        '-y',
        '32',
        `exec env -u CI TERM=xterm-256color LANG=C.UTF-8 ${vars} ${node} ${bin} watch my-app`,
      ]);
      const pid = Number(
        execFileSync('tmux', ['-L', sock, 'display-message', '-p', '#{pane_pid}']).toString().trim(),
      );
      try {
        idleTui = await idleCpu(pid);
      } finally {
        execFileSync('tmux', ['-L', sock, 'kill-server']);
      }
    }

    const ratio = (ms: number) => Math.round((ms / nodeMs) * 100) / 100;
    return {
      runs: RUNS,
      nodeBaselineMs: Math.round(nodeMs),
      helpMs: Math.round(helpMs),
      helpRatio: ratio(helpMs),
      versionMs: Math.round(versionMs),
      versionRatio: ratio(versionMs),
      getMs: Math.round(getMs),
      getRatio: ratio(getMs),
      watchUntilDeployedMs: Math.round(watchMs),
      watchUntilDeployedRatio: ratio(watchMs),
      idleWatchSeconds: IDLE_S,
      idleWatchCpuPercentLineMode: Math.round(idleLine * 100) / 100,
      idleWatchCpuPercentTui: idleTui === undefined ? 'tmux not installed' : Math.round(idleTui * 100) / 100,
      targets: { getRatio: '< 4', idleWatchCpuPercent: '< 2' },
    };
  } finally {
    await cluster.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await run(), null, 2));
}
