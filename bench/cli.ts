// `npm run bench -- cli`: cold start of the built kubectl-kuberik (help, version, get, why, the
// completion entry, watch --until deployed on a deployed rollout) beside `node -e 0` and real
// `kubectl get rollouts -A` on the same sandbox, measured in one run (warm-up, then the median of
// N), every ratio printed next to its target (issue #14) with PASS/MISS; and the CPU an idle
// `watch` uses over 30 s (line mode, and the TUI in tmux when available).
import { execFile, execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cliDir, cliEnv, ensureBuilt, startCluster } from '../test/src/cli/support.js';
import { kubectlPath } from '../test/src/support/kubectl.js';

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
  return (await interleavedMedians({ one: [cmd, args, env] })).one;
}

async function interleavedMedians<K extends string>(
  cases: Record<K, [string, string[], NodeJS.ProcessEnv]>,
): Promise<Record<K, number>> {
  const keys = Object.keys(cases) as K[];
  const samples = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round <= RUNS; round++) {
    for (const k of keys) {
      const [cmd, args, env] = cases[k];
      const ms = await timeOnce(cmd, args, env);
      if (round > 0) samples[k].push(ms);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, median(samples[k])])) as Record<K, number>;
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

    const complete = join(cliDir, 'bin', 'complete.js');
    // kubectl with its own discovery cache in the private HOME (the warm-up run fills it).
    const kubectlEnv = { ...env, KUBECACHEDIR: join(env.HOME!, '.kube', 'cache') };
    // A file where the cache dir would be: the fast paths run without their V8 code cache.
    const noCache = join(env.HOME!, 'no-cache');
    writeFileSync(noCache, '');
    const noCacheEnv = { ...env, XDG_CACHE_HOME: noCache };

    // Interleaved rounds (one run of each case per round), so a change of machine load shifts every
    // case alike and the ratios stay fair; the first round is a warm-up (page cache, kubectl's
    // discovery cache) and is not counted.
    const cases = {
      node: [node, ['-e', '0'], env],
      // the floor under `get`: Node, the kubeconfig's server and the same three LISTs (bench/cli-floor.cjs)
      floor: [node, [join(import.meta.dirname, 'cli-floor.cjs')], env],
      kubectl: [kubectlPath(), ['get', 'rollouts', '-A'], kubectlEnv],
      // help from the copy oclif rendered in the warm-up round (cli/src/fast/help.ts), and oclif's own
      help: [node, [bin, '--help'], env],
      helpOclif: [node, [bin, '--help'], { ...env, KUBERIK_NO_FAST_PATH: '1' }],
      version: [node, [bin, 'version'], env],
      get: [node, [bin, 'get'], env],
      // the same through oclif (KUBERIK_NO_FAST_PATH=1), to show what the fast path saves
      getOclif: [node, [bin, 'get'], { ...env, KUBERIK_NO_FAST_PATH: '1' }],
      // the fast path without its V8 code cache (cli/src/fast/code-cache.ts), to show what it saves
      getNoCodeCache: [node, [bin, 'get'], noCacheEnv],
      getAll: [node, [bin, 'get', '-A'], env],
      getOne: [node, [bin, 'get', 'my-app'], env],
      why: [node, [bin, 'why', 'my-app'], env],
      // What kubectl runs on TAB: `kubectl kuberik <TAB>` and `kubectl kuberik get <TAB>`.
      completeTop: [node, [complete, ''], env],
      completeGet: [node, [complete, 'get', ''], env],
      completeGetNoCodeCache: [node, [complete, 'get', ''], noCacheEnv],
    } satisfies Record<string, [string, string[], NodeJS.ProcessEnv]>;
    const times = await interleavedMedians(cases);
    const nodeMs = times.node;
    const kubectlMs = times.kubectl;
    const helpMs = times.help;
    const versionMs = times.version;
    const getMs = times.get;
    const getAllMs = times.getAll;
    const getOneMs = times.getOne;
    const whyMs = times.why;
    const completeTopMs = times.completeTop;
    const completeGetMs = times.completeGet;
    const watchMs = await medianOf(
      node,
      [bin, 'watch', 'my-app', '--until', 'deployed', '--timeout', '30s'],
      env,
    );

    // CLI_BENCH_IDLE_SECONDS=0 skips the idle measurement (start-up figures only).
    let idleLine: number | undefined;
    if (IDLE_S > 0) {
      const line = spawn(node, [bin, 'watch', 'my-app'], { env, stdio: ['ignore', 'ignore', 'ignore'] });
      idleLine = await idleCpu(line.pid!);
      line.kill('SIGTERM');
    }

    let idleTui: number | undefined;
    if (IDLE_S > 0 && hasTmux()) {
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

    const ratio = (ms: number, base = nodeMs) => Math.round((ms / base) * 100) / 100;
    const check = (value: number, limit: number) =>
      `${value} (target < ${limit}: ${value < limit ? 'PASS' : 'MISS'})`;
    const idle = (pct: number) => check(Math.round(pct * 100) / 100, 2);
    return {
      runs: RUNS,
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
      ms: {
        nodeBaseline: Math.round(nodeMs),
        floorNodeAndThreeLists: Math.round(times.floor),
        kubectlGetRolloutsAll: Math.round(kubectlMs),
        help: Math.round(helpMs),
        helpThroughOclif: Math.round(times.helpOclif),
        version: Math.round(versionMs),
        get: Math.round(getMs),
        getThroughOclif: Math.round(times.getOclif),
        getWithoutCodeCache: Math.round(times.getNoCodeCache),
        getAllNamespaces: Math.round(getAllMs),
        getOne: Math.round(getOneMs),
        why: Math.round(whyMs),
        completeCommands: Math.round(completeTopMs),
        completeRolloutNames: Math.round(completeGetMs),
        completeRolloutNamesWithoutCodeCache: Math.round(times.completeGetNoCodeCache),
        watchUntilDeployed: Math.round(watchMs),
      },
      ratios: {
        getVsKubectl: check(ratio(getMs, kubectlMs), 3),
        getAllNamespacesVsKubectl: check(ratio(getAllMs, kubectlMs), 3),
        getVsNode: check(ratio(getMs), 2.5),
        helpVsNode: check(ratio(helpMs), 2),
        completeCommandsVsNode: check(ratio(completeTopMs), 2),
        completeRolloutNamesVsNode: check(ratio(completeGetMs), 2),
        floorVsNode: ratio(times.floor),
        getWithoutCodeCacheVsNode: ratio(times.getNoCodeCache),
        completeRolloutNamesWithoutCodeCacheVsNode: ratio(times.completeGetNoCodeCache),
        getThroughOclifVsNode: ratio(times.getOclif),
        helpThroughOclifVsNode: ratio(times.helpOclif),
        versionVsNode: ratio(versionMs),
        getOneVsNode: ratio(getOneMs),
        whyVsNode: ratio(whyMs),
        watchUntilDeployedVsNode: ratio(watchMs),
      },
      idleWatchSeconds: IDLE_S,
      idleWatchCpuPercentLineMode: idleLine === undefined ? 'skipped' : idle(idleLine),
      idleWatchCpuPercentTui:
        IDLE_S === 0 ? 'skipped' : idleTui === undefined ? 'tmux not installed' : idle(idleTui),
    };
  } finally {
    await cluster.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await run(), null, 2));
}
