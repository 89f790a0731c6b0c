// `npm run bench -- controller [--rollouts=10000] [--updates=300] [--rate=10] [--settle-timeout=900]
//   [--lease-duration=15] [--lease-renew=5] [--backend=sandbox|real|both] [--apiserver-profile=DIR]
//   [--controller-profile=DIR]` (seconds; the
// controller's defaults are the spec's 15/5). One controller process (`kubectl kuberik controller
// -A` from sources) against an API server holding N rollouts (ImagePolicy + Kustomization +
// Rollout each): the in-process sandbox, then the real kube-apiserver + etcd (bench/controller-backend.ts):
//   - time to ready (first lists) and to settle (every rollout deployed and Succeeded),
//   - requests and CPU per rollout while settling (controller, kube-apiserver, etcd, the bench
//     itself) and the settle time those allow on this machine's cores, with the load average,
//   - the controller's heap and RSS after settle (read from its own /metrics),
//   - p50/p99 from an ImagePolicy update to the Kustomization patch, under a steady update rate.
//   - steady Lease writes per second once everything settled (shard Leases, spec §10.7),
//   - failover: a second replica joins, then the first is SIGKILLed; time until the second drives all.
// Targets (issue 14): settle < 30 s, p99 < 100 ms at 10 updates/s, heap < 512 MB, steady Lease
// writes < 10/s whatever the count, failover within one Lease duration.
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { liveHolder } from '@kuberik/core/driver';
import type { Lease } from '@kuberik/core/kube';
import { leaseName } from '@kuberik/core/model';
import {
  KUSTOMIZATION,
  LEASE,
  ROLLOUT,
  substituted,
  waitFor,
} from '../test/src/controller/support/fixtures.js';
import { profileUntil } from './apiserver-profile.js';
import { type BackendName, startBackend } from './controller-backend.js';
import { killProcess, startControllerProcess } from '../test/src/controller/support/process.js';

export interface ControllerBenchOptions {
  rollouts?: number;
  /** ImagePolicy updates sent during the latency phase. */
  updates?: number;
  /** Updates per second. */
  rate?: number;
  perNamespace?: number;
  /** Give up settling after this long and report how far it got (default 15 min). */
  settleTimeoutMs?: number;
  /** Lease timing passed to the controller, in seconds (default: the controller's own). */
  leaseDurationSeconds?: number;
  leaseRenewSeconds?: number;
  /** sandbox, real (kube-apiserver + etcd, docs/real-cluster.md) or both (default), one after the other. */
  backend?: BackendName | 'both';
  /** Real backend: write kube-apiserver CPU profiles of the settle here (bench/apiserver-profile.ts). */
  apiserverProfileDir?: string;
  /**
   * Write the controller's V8 CPU profile (`node --cpu-prof`) here and stop after the settle: the
   * controller is sent SIGTERM once every rollout settled, so the profile covers start-up and settle.
   */
  controllerProfileDir?: string;
}

export async function run(opts: ControllerBenchOptions = cliOptions()): Promise<Record<string, unknown>> {
  const which = opts.backend ?? 'both';
  const names: BackendName[] = which === 'both' ? ['sandbox', 'real'] : [which];
  const results: Record<string, unknown> = {};
  for (const name of names) {
    results[name] = await runOn(name, opts).catch((e: unknown) => ({
      notRun: e instanceof Error ? e.message : String(e),
    }));
  }
  return results;
}

async function runOn(
  backendName: BackendName,
  opts: ControllerBenchOptions,
): Promise<Record<string, unknown>> {
  const n = opts.rollouts ?? 10_000;
  const updates = opts.updates ?? 300;
  const rate = opts.rate ?? 10;
  const perNamespace = opts.perNamespace ?? 100;
  const settleTimeoutMs = opts.settleTimeoutMs ?? 15 * 60_000;
  const dir = await mkdtemp(join(tmpdir(), 'kuberik-bench-controller-'));
  const apps = Array.from({ length: n }, (_, i) => ({
    namespace: `team-${String(Math.floor(i / perNamespace)).padStart(3, '0')}`,
    name: `app-${String(i).padStart(5, '0')}`,
  }));
  const backend = await startBackend(backendName, n * 4, { profiling: !!opts.apiserverProfileDir });
  const seedStart = performance.now();
  await backend.seed(apps);
  const seedMs = performance.now() - seedStart;
  await backend.writeKubeconfig(join(dir, 'kubeconfig'));

  // Count rollouts settled as their status arrives instead of rescanning 10,000 objects.
  const settled = new Set<string>();
  const unwatchRollouts = await backend.watch(ROLLOUT, (type, obj) => {
    const st = obj.status as { phase?: string; currentVersion?: string } | undefined;
    if (type !== 'DELETED' && st?.phase === 'Succeeded' && st.currentVersion === 'v1') {
      settled.add(`${obj.metadata?.namespace}/${obj.metadata?.name}`);
    }
  });
  // During the settle the bench watches Rollouts only: every watcher costs the API server a copy of
  // each event, and the bench's CPU shares the cores. Kustomizations and Leases are watched after it.
  const waiting = new Map<string, { tag: string; at: number; done: (ms: number) => void }>();
  let leaseWrites = 0;
  let unwatchKust = (): void => {};
  let unwatchLeases = (): void => {};

  const t0 = performance.now();
  const serverCpu0 = backend.serverCpuSeconds();
  const benchCpu0 = process.cpuUsage();
  const load0 = loadavg();
  const controllerArgs = [
    '--kubeconfig',
    join(dir, 'kubeconfig'),
    '-A',
    '--metrics-addr',
    '127.0.0.1:0',
    '--health-addr',
    '127.0.0.1:0',
    ...(opts.leaseDurationSeconds ? ['--lease-duration', String(opts.leaseDurationSeconds)] : []),
    ...(opts.leaseRenewSeconds ? ['--lease-renew', String(opts.leaseRenewSeconds)] : []),
  ];
  const profileArgs = opts.controllerProfileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${opts.controllerProfileDir}`]
    : [];
  const proc = startControllerProcess('bench-controller', controllerArgs, profileArgs);
  let second: ReturnType<typeof startControllerProcess> | undefined;
  try {
    const start = await proc.line((l) => l.msg === 'controller starting', 'starting');
    await proc.line((l) => l.msg === 'controller ready', 'ready');
    const readyMs = performance.now() - t0;
    const atReady = await metrics(String(start.metricsAddr));
    const profiling =
      opts.apiserverProfileDir && backend.profileTarget
        ? profileUntil(backend.profileTarget, opts.apiserverProfileDir, () => settled.size >= n, 5)
        : undefined;
    // Progress every 10 s, so a run that cannot settle still shows its curve.
    const progress: Array<{ s: number; settled: number; leasesHeld?: number; eventLoopLagP99Ms?: number }> =
      [];
    const sample = async () => {
      const m = await metrics(String(start.metricsAddr)).catch(() => ({}) as Record<string, number>);
      progress.push({
        s: Math.round((performance.now() - t0) / 1000),
        settled: settled.size,
        leasesHeld: m.kuberik_leases_held,
        eventLoopLagP99Ms: round((m.kuberik_nodejs_eventloop_lag_p99_seconds ?? NaN) * 1000),
      });
    };
    const sampler = setInterval(() => void sample(), 10_000);
    const done = await waitFor(`${n} rollouts settled`, () => settled.size >= n, settleTimeoutMs).then(
      () => true,
      () => false,
    );
    clearInterval(sampler);
    const settleMs = performance.now() - t0;
    const afterSettle = await metrics(String(start.metricsAddr));
    const settleCpu = cpuPerRollout(n, {
      controller: cpuDelta(atReady, afterSettle),
      server: serverCpuDelta(serverCpu0, backend.serverCpuSeconds()),
      bench: (process.cpuUsage(benchCpu0).user + process.cpuUsage(benchCpu0).system) / 1e6,
      requests: afterSettle.kuberik_api_requests_total,
      reconciles: diff(atReady.kuberik_reconciles_total, afterSettle.kuberik_reconciles_total),
    });
    const loadAverage = { start: load0.map(round), settled: loadavg().map(round) };
    // The last profile window ends up to 5 s after the settle, before the latency phase begins.
    const apiserverProfiles = await profiling;
    const mb = (bytes: number | undefined) => (bytes === undefined ? undefined : Math.round(bytes / 2 ** 20));
    if (!done || opts.controllerProfileDir) {
      return {
        backend: backendName,
        rollouts: n,
        seedMs: Math.round(seedMs),
        readyMs: Math.round(readyMs),
        settled: settled.size,
        ...(done ? { settleMs: Math.round(settleMs) } : { settleTimedOutAfterMs: Math.round(settleMs) }),
        ...(opts.controllerProfileDir ? { controllerProfileDir: opts.controllerProfileDir } : {}),
        settleCpu,
        loadAverage,
        heapUsedMB: mb(afterSettle.kuberik_nodejs_heap_size_used_bytes),
        rssMB: mb(afterSettle.kuberik_process_resident_memory_bytes),
        leasesHeld: afterSettle.kuberik_leases_held,
        eventLoopLagP99Ms: round((afterSettle.kuberik_nodejs_eventloop_lag_p99_seconds ?? NaN) * 1000),
        apiRequests: afterSettle.kuberik_api_requests_total,
        reconciles: afterSettle.kuberik_reconciles_total,
        progress,
        benchObserves: BENCH_OBSERVES,
        apiserverProfiles,
      };
    }

    // Latency probe: when a Kustomization's substitute reaches the tag we are waiting for.
    unwatchKust = await backend.watch(KUSTOMIZATION, (_type, obj) => {
      const key = `${obj.metadata?.namespace}/${obj.metadata?.name}`;
      const w = waiting.get(key);
      if (w && substituted(obj) === w.tag) {
        waiting.delete(key);
        w.done(performance.now() - w.at);
      }
    });
    // Lease writes (creates and updates), for the steady-state rate.
    unwatchLeases = await backend.watch(LEASE, (type) => {
      if (type !== 'DELETED') leaseWrites++;
    });
    // Those two LISTs (10,000 objects each on the real server) are the bench's, not the controller's:
    // let their garbage go before the latency phase.
    await new Promise((r) => setTimeout(r, 5_000));

    // Steady load: `rate` ImagePolicy updates per second on distinct settled rollouts.
    const latencies: number[] = [];
    const pending: Array<Promise<void>> = [];
    const interval = 1000 / rate;
    const began = performance.now();
    for (let i = 0; i < updates; i++) {
      const due = began + i * interval;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const app = apps[(i * 7919) % apps.length]!;
      const key = `${app.namespace}/${app.name}`;
      const tag = `v2.${i}`;
      pending.push(
        new Promise<void>((resolve) => {
          waiting.set(key, { tag, at: performance.now(), done: (ms) => (latencies.push(ms), resolve()) });
          void backend.publish(app, tag);
        }),
      );
    }
    await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, 60_000))]);
    const afterLoad = await metrics(String(start.metricsAddr));
    latencies.sort((a, b) => a - b);

    // Steady state: nothing changes; only Lease bookkeeping writes.
    const steadyWindowMs = 20_000;
    const writesBefore = leaseWrites;
    await new Promise((r) => setTimeout(r, steadyWindowMs));
    const steadyLeaseWritesPerSecond = round(((leaseWrites - writesBefore) * 1000) / steadyWindowMs);

    // Failover: a second replica joins and takes its share; then the first dies without warning.
    const durationS = opts.leaseDurationSeconds ?? 15;
    second = startControllerProcess('bench-controller-2', controllerArgs);
    await second.line((l) => l.msg === 'controller ready', 'second ready');
    const leaseOf = (a: { namespace: string; name: string }): Lease | undefined =>
      backend.lease(a.namespace, leaseName(a.name));
    const shard = (ns: string, name: string): Lease | undefined => backend.lease(ns, name);
    const driver = (a: { namespace: string; name: string }): string | undefined =>
      liveHolder(leaseOf(a), new Date(), shard);
    const sharedOk = await waitFor(
      'the second replica drives some rollouts',
      () => apps.some((a) => driver(a) === 'bench-controller-2'),
      120_000,
    ).then(
      () => true,
      () => false,
    );
    const killedAt = performance.now();
    proc.child.kill('SIGKILL');
    const shardLeases = (): Lease[] =>
      backend.leases().filter((l) => l.metadata.labels?.['kuberik.com/controller-lease'] === 'shard');
    const shardsTaken = await waitFor(
      'the second replica holds every shard',
      () => {
        const all = shardLeases();
        return (
          all.length > 0 &&
          all.every((l) => liveHolder(l, new Date(), () => 'unknown') === 'bench-controller-2')
        );
      },
      10 * durationS * 1000,
    ).then(
      () => true,
      () => false,
    );
    const shardFailoverMs = shardsTaken && sharedOk ? Math.round(performance.now() - killedAt) : undefined;
    const failedOver = await waitFor(
      'the second replica drives every rollout',
      () => apps.every((a) => driver(a) === 'bench-controller-2'),
      10 * durationS * 1000,
    ).then(
      () => true,
      () => false,
    );
    const failoverMs = failedOver && sharedOk ? Math.round(performance.now() - killedAt) : undefined;
    return {
      backend: backendName,
      rollouts: n,
      seedMs: Math.round(seedMs),
      readyMs: Math.round(readyMs),
      settleMs: Math.round(settleMs),
      settleCpu,
      loadAverage: { ...loadAverage, end: loadavg().map(round) },
      heapUsedMBAfterSettle: mb(afterSettle.kuberik_nodejs_heap_size_used_bytes),
      rssMBAfterSettle: mb(afterSettle.kuberik_process_resident_memory_bytes),
      heapUsedMBAfterLoad: mb(afterLoad.kuberik_nodejs_heap_size_used_bytes),
      rssMBAfterLoad: mb(afterLoad.kuberik_process_resident_memory_bytes),
      updates,
      updatesPerSecond: rate,
      deployedUpdates: latencies.length,
      p50Ms: round(percentile(latencies, 0.5)),
      p99Ms: round(percentile(latencies, 0.99)),
      maxMs: round(latencies.at(-1)),
      apiRequests: afterLoad.kuberik_api_requests_total,
      reconciles: afterLoad.kuberik_reconciles_total,
      steadyLeaseWritesPerSecond,
      /** SIGKILL → the survivor holds every shard Lease. */
      shardFailoverMs,
      /** SIGKILL → the survivor drives every rollout (their Leases rewritten to name it). */
      failoverMs,
      progress,
      benchObserves: BENCH_OBSERVES,
      apiserverProfiles,
      targets: {
        settleMs: 30_000,
        p99Ms: 100,
        heapMB: 512,
        steadyLeaseWritesPerSecond: 10,
        // Issue 14: a dead replica's rollouts are taken over within one Lease duration.
        shardFailoverMs: durationS * 1000,
      },
    };
  } finally {
    unwatchRollouts();
    unwatchKust();
    unwatchLeases();
    second?.child.kill('SIGTERM');
    if (second) await Promise.race([second.exited, new Promise((r) => setTimeout(r, 20_000))]);
    await killProcess(second);
    proc.child.kill('SIGTERM');
    await Promise.race([proc.exited, new Promise((r) => setTimeout(r, 20_000))]);
    await killProcess(proc);
    await backend.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Printed with the results, so nobody reads the bench's own watches as the controller's cost. */
const BENCH_OBSERVES =
  'settle: one Rollout watch (its CPU is benchMsPerRollout); Kustomization and Lease watches start after the settle';

/** Unlabelled samples of the controller's /metrics, by metric name. */
async function metrics(addr: string): Promise<Record<string, number>> {
  const text = await (await fetch(`http://${addr}/metrics`)).text();
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^([a-z_]+) ([0-9.e+-]+)$/gm)) out[m[1] as string] = Number(m[2]);
  return out;
}

const diff = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined || b === undefined ? undefined : b - a;
const cpuDelta = (a: Record<string, number>, b: Record<string, number>): number | undefined =>
  diff(a.kuberik_process_cpu_seconds_total, b.kuberik_process_cpu_seconds_total);
const serverCpuDelta = (a: Record<string, number>, b: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v - (a[k] ?? 0)]));

/**
 * CPU spent from ready to settled, in ms per rollout: the controller's (its own metric), the API
 * server's processes (real backend), the bench's (its informers; on the sandbox also the server).
 * cpuBoundSettleMs is their sum over the cores: no settle on this machine can be faster.
 */
function cpuPerRollout(
  n: number,
  c: {
    controller?: number;
    server: Record<string, number>;
    bench: number;
    requests?: number;
    reconciles?: number;
  },
): Record<string, unknown> {
  const perRollout = (s: number | undefined) => (s === undefined ? undefined : round((s * 1000) / n));
  const total = (c.controller ?? 0) + Object.values(c.server).reduce((a, b) => a + b, 0) + c.bench;
  return {
    requestsPerRollout: c.requests === undefined ? undefined : Math.round((c.requests / n) * 100) / 100,
    reconcilesPerRollout: c.reconciles === undefined ? undefined : Math.round((c.reconciles / n) * 100) / 100,
    controllerMsPerRollout: perRollout(c.controller),
    serverMsPerRollout: Object.fromEntries(Object.entries(c.server).map(([k, v]) => [k, perRollout(v)])),
    benchMsPerRollout: perRollout(c.bench),
    cores: availableParallelism(),
    cpuBoundSettleMs: Math.round((total * 1000) / availableParallelism()),
  };
}

function percentile(sorted: number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}
const round = (v: number | undefined) =>
  v === undefined || Number.isNaN(v) ? undefined : Math.round(v * 10) / 10;

function cliOptions(): ControllerBenchOptions {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a.startsWith('--')),
    options: {
      rollouts: { type: 'string' },
      updates: { type: 'string' },
      rate: { type: 'string' },
      'settle-timeout': { type: 'string' },
      'lease-duration': { type: 'string' },
      'lease-renew': { type: 'string' },
      backend: { type: 'string' },
      'apiserver-profile': { type: 'string' },
      'controller-profile': { type: 'string' },
    },
    strict: false,
  });
  const num = (v: unknown) => (typeof v === 'string' && v !== '' ? Number(v) : undefined);
  const timeout = num(values['settle-timeout']);
  return {
    rollouts: num(values.rollouts),
    updates: num(values.updates),
    rate: num(values.rate),
    settleTimeoutMs: timeout === undefined ? undefined : timeout * 1000,
    leaseDurationSeconds: num(values['lease-duration']),
    leaseRenewSeconds: num(values['lease-renew']),
    backend: backendOption(values.backend),
    apiserverProfileDir:
      typeof values['apiserver-profile'] === 'string' ? values['apiserver-profile'] : undefined,
    controllerProfileDir:
      typeof values['controller-profile'] === 'string' ? values['controller-profile'] : undefined,
  };
}

// Standalone: `node --conditions=@kuberik/source --import tsx bench/controller.ts --rollouts=1000`
if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
}

function backendOption(v: unknown): BackendName | 'both' | undefined {
  if (v === undefined) return undefined;
  if (v === 'sandbox' || v === 'real' || v === 'both') return v;
  throw new Error(`--backend must be sandbox, real or both, not ${String(v)}`);
}
