// Sandbox throughput and latency on loopback: creates/s and patches/s over HTTP, list latency
// for 5,000 objects (JSON and Table), and watch fan-out latency to 100 concurrent watchers — on the
// sandbox and on the real kube-apiserver + etcd, side by side (`--backend=sandbox|real|both`,
// default both). Then the cost of `--data` with 500 rollouts, idle and busy, against the same load
// without it (sandbox only: the real server has no `--data`).
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { request, Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { microTime } from '@kuberik/core/driver';
import { allCrds } from '@kuberik/core/model';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { startSandbox } from '@kuberik/core/sandbox';
import { startTarget, type BenchTarget, type TargetName } from './sandbox-target.js';
import type { Sandbox } from '@kuberik/core/sandbox';

const OBJECTS = 5_000;
const CONCURRENCY = 32;
const WATCHERS = 100;
const FANOUT_EVENTS = 200;
const TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';

const crd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'benches.bench.io' },
  spec: {
    group: 'bench.io',
    scope: 'Namespaced',
    names: { plural: 'benches', kind: 'Bench' },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        subresources: { status: {} },
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: {
                  n: { type: 'integer' },
                  image: { type: 'string' },
                  labels: { type: 'object', additionalProperties: { type: 'string' } },
                },
              },
              status: { type: 'object', properties: { phase: { type: 'string' } } },
            },
          },
        },
        additionalPrinterColumns: [
          { name: 'N', type: 'integer', jsonPath: '.spec.n' },
          { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
      },
    ],
  },
};

const PATH = '/apis/bench.io/v1/namespaces/default/benches';

function send(
  sb: Sandbox,
  agent: Agent,
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const url = new URL(sb.url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path,
        agent,
        headers: {
          ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function pool(count: number, fn: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) await fn(next++);
    }),
  );
  return performance.now() - start;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function median(xs: number[]): number {
  return percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
}

/** Median wall time and median process CPU time (server and client share the process). */
async function timeIt(times: number, fn: () => Promise<void>): Promise<{ wall: number; cpu: number }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < times; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await fn();
    wall.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

/**
 * Watch fan-out: WATCHERS watches on one object, FANOUT_EVENTS patches over HTTP; latency from
 * sending a patch to each watcher receiving its event (same writes on both servers).
 */
async function fanout(t: BenchTarget): Promise<{ p50: number; p99: number; max: number }> {
  const list = await t.send('GET', `${PATH}?limit=1`);
  const rv = (JSON.parse(list.text) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
  const sent = new Map<string, number>(); // resourceVersion → write time
  const arrived = new Map<string, number[]>(); // resourceVersion → receive times
  const watches = await Promise.all(
    Array.from({ length: WATCHERS }, () => {
      let buf = '';
      return t.stream(`${PATH}?watch=true&resourceVersion=${rv}&fieldSelector=metadata.name%3Dobj-0`, (c) => {
        const now = performance.now();
        buf += c.toString();
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const m = /"resourceVersion":"(\d+)"/.exec(buf.slice(0, nl));
          buf = buf.slice(nl + 1);
          if (m) arrived.set(m[1] as string, [...(arrived.get(m[1] as string) ?? []), now]);
        }
      });
    }),
  );
  for (let i = 0; i < FANOUT_EVENTS; i++) {
    const at = performance.now();
    const r = await t.send('PATCH', `${PATH}/obj-0`, JSON.stringify({ spec: { n: 100_000 + i } }), {
      'content-type': 'application/merge-patch+json',
    });
    sent.set((JSON.parse(r.text) as { metadata: { resourceVersion: string } }).metadata.resourceVersion, at);
    // Let the event loop deliver before the next write, as independent writes would.
    await new Promise((res) => setTimeout(res, 2));
  }
  const count = () => [...sent.keys()].reduce((n, v) => n + (arrived.get(v)?.length ?? 0), 0);
  const deadline = performance.now() + 10_000;
  while (count() < WATCHERS * FANOUT_EVENTS && performance.now() < deadline)
    await new Promise((res) => setTimeout(res, 5));
  for (const w of watches) w.destroy();
  const samples = [...sent].flatMap(([v, at]) => (arrived.get(v) ?? []).map((x) => x - at));
  const sorted = samples.sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN };
}

const ROLLOUTS = 500;
const IDLE_MS = 4_000;
const BUSY_MS = 8_000;
/** What a controller driving 500 rollouts writes at spec timings: a Lease renewal per rollout every 5 s. */
const RENEWALS_PER_SEC = ROLLOUTS / 5;

/** 500 rollouts with a realistic status (10 history entries) and their Leases. */
async function seedRollouts(sb: Sandbox): Promise<void> {
  const history = Array.from({ length: 10 }, (_, i) => ({
    id: i + 1,
    version: { tag: `v1.${i}.0`, digest: `sha256:${String(i).padStart(64, '0')}` },
    timestamp: '2026-01-01T00:00:00Z',
    bakeStatus: 'Succeeded',
    bakeStatusMessage: 'baked 10m with every health check healthy',
  }));
  for (let i = 0; i < ROLLOUTS; i++) {
    sb.store.create({
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'Rollout',
      metadata: { name: `app-${i}`, namespace: 'default', labels: { app: `app-${i}` } },
      spec: { releasesImagePolicy: { name: `app-${i}` }, bakeTime: '10m' },
      status: { history },
    });
    sb.store.create({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: `kuberik-rollout-app-${i}`, namespace: 'default' },
      spec: { holderIdentity: 'controller-0', leaseDurationSeconds: 15, renewTime: microTime(new Date()) },
    });
  }
}

async function cpuDuring(ms: number, load: () => Promise<void>): Promise<number> {
  const c = process.cpuUsage();
  const t = performance.now();
  await load();
  const left = ms - (performance.now() - t);
  if (left > 0) await new Promise((r) => setTimeout(r, left));
  const used = process.cpuUsage(c);
  return ((used.user + used.system) / 1000 / (performance.now() - t)) * 100;
}

/** Lease renewals over HTTP at a steady rate for `ms` (plus one status patch per 10 renewals). */
async function renewals(sb: Sandbox, agent: Agent, ms: number): Promise<void> {
  const start = performance.now();
  let n = 0;
  const inflight: Array<Promise<unknown>> = [];
  while (performance.now() - start < ms) {
    const due = Math.floor(((performance.now() - start) / 1000) * RENEWALS_PER_SEC);
    for (; n < due; n++) {
      const i = n % ROLLOUTS;
      inflight.push(
        send(
          sb,
          agent,
          'PATCH',
          `/apis/coordination.k8s.io/v1/namespaces/default/leases/kuberik-rollout-app-${i}`,
          JSON.stringify({ spec: { renewTime: microTime(new Date()) } }),
          { 'content-type': 'application/merge-patch+json' },
        ),
      );
      if (n % 10 === 0)
        inflight.push(
          send(
            sb,
            agent,
            'PATCH',
            `/apis/kuberik.com/v1alpha1/namespaces/default/rollouts/app-${i}/status`,
            JSON.stringify({ status: { phase: n % 20 ? 'Baking' : 'Succeeded' } }),
            { 'content-type': 'application/merge-patch+json' },
          ),
        );
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  await Promise.all(inflight);
}

/** `--data` at 500 rollouts: bytes written and CPU while idle and busy, against no `--data`. */
async function dataCost(): Promise<Record<string, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-data-'));
  const dataFile = join(dir, 'data.journal');
  const measure = async (withData: boolean) => {
    const sb = await startSandbox({ crds: allCrds() as object[], ...(withData ? { dataFile } : {}) });
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    try {
      await seedRollouts(sb);
      // Let the seeding settle, then idle: watchers open, nothing writes.
      await send(sb, agent, 'GET', '/apis/kuberik.com/v1alpha1/rollouts');
      const size = async () => (withData ? (await stat(dataFile)).size : 0);
      const before = await size();
      const idleCpu = await cpuDuring(IDLE_MS, async () => undefined);
      const idleBytes = (await size()) - before;
      const busyBefore = await size();
      const busyCpu = await cpuDuring(BUSY_MS, () => renewals(sb, agent, BUSY_MS));
      const busyBytesPerSec = (((await size()) - busyBefore) / BUSY_MS) * 1000;
      return { idleCpu, idleBytes, busyCpu, busyBytesPerSec };
    } finally {
      agent.destroy();
      await sb.close();
    }
  };
  try {
    const base = await measure(false);
    const data = await measure(true);
    return {
      dataRollouts: ROLLOUTS,
      dataIdleBytesWritten: data.idleBytes,
      dataIdleCpuPct: +data.idleCpu.toFixed(2),
      dataBusyWritesPerSec: Math.round(RENEWALS_PER_SEC * 1.1),
      dataBusyKBPerSec: +(data.busyBytesPerSec / 1024).toFixed(1),
      dataBusyCpuPct: +data.busyCpu.toFixed(1),
      noDataBusyCpuPct: +base.busyCpu.toFixed(1),
      // What --data adds while busy, in % of one core (server and client share this process).
      dataBusyOverheadPct: +(data.busyCpu - base.busyCpu).toFixed(1),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** creates/s, patches/s, list latency (JSON, Table, selector) and watch fan-out on one server. */
async function listWatch(name: TargetName): Promise<Record<string, number>> {
  const t = await startTarget(name, [crd], 20_000);
  try {
    const createMs = await pool(OBJECTS, async (i) => {
      const body = JSON.stringify({
        apiVersion: 'bench.io/v1',
        kind: 'Bench',
        metadata: { name: `obj-${i}`, labels: { app: `a${i % 10}` } },
        spec: { n: i, image: `registry.example.com/app:${i}`, labels: { team: 'x' } },
      });
      const r = await t.send('POST', PATH, body);
      if (r.status !== 201) throw new Error(`${name}: create failed: ${r.status} ${r.text}`);
    });
    const patchMs = await pool(OBJECTS, async (i) => {
      const r = await t.send('PATCH', `${PATH}/obj-${i}`, JSON.stringify({ spec: { n: i + 1 } }), {
        'content-type': 'application/merge-patch+json',
      });
      if (r.status !== 200) throw new Error(`${name}: patch failed: ${r.status} ${r.text}`);
    });
    const listJsonMs = await timeIt(9, async () => {
      const r = await t.send('GET', PATH);
      if (r.status !== 200) throw new Error(`${name}: list failed`);
    });
    const listTableMs = await timeIt(9, async () => {
      const r = await t.send('GET', `${PATH}?limit=0`, undefined, { accept: TABLE_ACCEPT });
      if (r.status !== 200) throw new Error(`${name}: table list failed`);
    });
    const listSelectorMs = await timeIt(9, async () => {
      await t.send('GET', `${PATH}?labelSelector=app%3Da3`);
    });
    const fan = await fanout(t);
    return {
      createsPerSec: Math.round((OBJECTS / createMs) * 1000),
      patchesPerSec: Math.round((OBJECTS / patchMs) * 1000),
      listJsonMs: +listJsonMs.wall.toFixed(1),
      // Client CPU only on the real server (it runs in its own processes); client + server on the sandbox.
      listJsonCpuMs: +listJsonMs.cpu.toFixed(1),
      listTableMs: +listTableMs.wall.toFixed(1),
      listTableCpuMs: +listTableMs.cpu.toFixed(1),
      listLabelSelectorMs: +listSelectorMs.wall.toFixed(1),
      fanoutP50Ms: +fan.p50.toFixed(2),
      fanoutP99Ms: +fan.p99.toFixed(2),
      fanoutMaxMs: +fan.max.toFixed(2),
    };
  } finally {
    await t.close();
  }
}

const TARGETS: Record<string, string> = {
  listJsonMs: '< 100',
  listTableMs: '< 100',
  fanoutP99Ms: '< 10',
  dataIdleBytesWritten: '0',
  dataBusyOverheadPct: '< 5',
};

function backendsAsked(): TargetName[] {
  const arg = process.argv.find((a) => a.startsWith('--backend='))?.slice('--backend='.length) ?? 'both';
  if (arg === 'both') return ['sandbox', 'real'];
  if (arg === 'sandbox' || arg === 'real') return [arg];
  throw new Error(`--backend must be sandbox, real or both, not ${arg}`);
}

/** `npm run bench -- sandbox [--backend=sandbox|real|both]` (default both). */
export async function run(): Promise<Record<string, unknown>> {
  const backends = backendsAsked();
  const figures: Partial<Record<TargetName, Record<string, number>>> = {};
  for (const b of backends) figures[b] = await listWatch(b);
  const data = await dataCost();
  const metrics = Object.keys(figures[backends[0]!] ?? {});
  const rows = [
    ['metric', ...backends, 'target'],
    ...metrics.map((m) => [m, ...backends.map((b) => String(figures[b]?.[m] ?? '')), TARGETS[m] ?? '']),
    ...Object.entries(data).map(([k, v]) => [
      k,
      ...backends.map((b) => (b === 'sandbox' ? String(v) : '—')),
      TARGETS[k] ?? '',
    ]),
  ];
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(w[i] as number)).join('  ');
  console.log(
    `${OBJECTS} objects, ${WATCHERS} watchers; --data rows are sandbox-only (the real server has no --data)`,
  );
  for (const r of rows) console.log(line(r));
  return {
    objects: OBJECTS,
    watchers: WATCHERS,
    ...Object.fromEntries(backends.map((b) => [b, figures[b]])),
    sandboxOnlyData: data,
    // Wall times are only meaningful on an idle machine; the load average tells how idle it was.
    loadAverage1m: +loadavg()[0]!.toFixed(2),
    cpus: cpus().length,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify(await run(), null, 2));
}
