// `npm run bench -- engine`: the rollout engine's numbers (issue 3 acceptance).
//  (a) approval-to-deploy latency: gate patched over HTTP → Kustomization patched, median/p99 over 100 runs;
//  (b) one driver with 1,000 rollouts: time to settle from cold start, heap after settle, API requests
//      per completed lifecycle;
//  (c) decide() throughput on a realistic rollout.
// Standalone: node --conditions=@kuberik/source --import tsx bench/engine.ts [--rollouts N]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createDriver, type EngineDriver } from '@kuberik/core/driver';
import { decide, type Observed } from '@kuberik/core/engine';
import { createKube, Kinds, type Kube } from '@kuberik/core/kube';
import {
  allCrds,
  type ImagePolicy,
  type Kustomization,
  type Rollout,
  type RolloutGate,
} from '@kuberik/core/model';
import { type Sandbox, startSandbox } from '@kuberik/core/sandbox';

const NS = 'bench';
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

function seedApp(sb: Sandbox, name: string, gate: Partial<RolloutGate['spec']>): void {
  const s = sb.store;
  s.create({
    apiVersion: 'image.toolkit.fluxcd.io/v1',
    kind: 'ImagePolicy',
    metadata: { name, namespace: NS },
    spec: { imageRepositoryRef: { name }, policy: { semver: { range: '>=0.0.0' } } },
  });
  s.create({
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: {
      name,
      namespace: NS,
      annotations: { 'rollout.kuberik.com/substitute.APP_VERSION.from': name },
    },
    spec: {
      interval: '5m',
      path: `./${name}`,
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'fleet' },
      postBuild: { substitute: { REGION: 'eu-1' } },
    },
  });
  s.create({
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'Rollout',
    metadata: { name, namespace: NS },
    spec: { releasesImagePolicy: { name } },
  });
  s.create({
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'RolloutGate',
    metadata: { name: `${name}-approval`, namespace: NS },
    spec: { rolloutRef: { name }, ...gate },
  });
}

function publish(sb: Sandbox, name: string, tag: string): void {
  sb.store.patch(
    'image.toolkit.fluxcd.io/v1',
    'ImagePolicy',
    name,
    NS,
    { status: { latestRef: { name: `ghcr.io/acme/${name}`, tag } } },
    { subresource: 'status' },
  );
}

/** Polls `cond`; `everyMs` 0 spins on setImmediate (cheap checks only). */
async function until(cond: () => boolean, what: string, timeoutMs = 120_000, everyMs = 0): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => (everyMs ? setTimeout(r, everyMs) : setImmediate(r)));
  }
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
};
const round = (x: number, d = 2): number => Math.round(x * 10 ** d) / 10 ** d;

function gc(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

async function startOn(sb: Sandbox): Promise<{ kube: Kube; driver: EngineDriver }> {
  const kube = createKube({ kubeconfigText: sb.kubeconfig({ namespace: NS }) });
  const driver = createDriver({
    kube,
    scope: { namespace: NS },
    identity: 'bench',
    holderIdentity: 'bench-driver',
  });
  await driver.start();
  return { kube, driver };
}

/** (a) gate patched → Kustomization patched. */
async function approvalLatency(runs: number): Promise<Record<string, number>> {
  const sb = await startSandbox({ crds: allCrds() });
  sb.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  seedApp(sb, 'my-app', {});
  const { kube, driver } = await startOn(sb);
  const admin = createKube({ kubeconfigText: sb.kubeconfig({ namespace: NS }) });
  let deployedAt = 0;
  let want = '';
  const unwatch = sb.store.watch('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', (_t, obj) => {
    const v = (obj as unknown as Kustomization).spec?.postBuild?.substitute?.APP_VERSION;
    if (v === want && !deployedAt) deployedAt = performance.now();
  });
  const samples: number[] = [];
  const allowed: string[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const tag = `v1.0.${i}`;
      publish(sb, 'my-app', tag);
      await until(
        () => driver.snapshot({ namespace: NS, name: 'my-app' })?.rollout.status?.pendingVersion === tag,
        `${tag} pending`,
      );
      want = tag;
      deployedAt = 0;
      allowed.push(tag);
      const t0 = performance.now();
      await admin.mergePatch(Kinds.RolloutGate, NS, 'my-app-approval', {
        spec: { allowedVersions: allowed.slice(-5) },
      });
      await until(() => deployedAt > 0, `${tag} deployed`);
      samples.push(deployedAt - t0);
      await until(
        () => driver.snapshot({ namespace: NS, name: 'my-app' })?.rollout.status?.currentVersion === tag,
        `${tag} current`,
      );
    }
  } finally {
    unwatch();
    await driver.stop();
    kube.close();
    admin.close();
    await sb.close();
  }
  return {
    runs,
    medianMs: round(pct(samples, 50)),
    p99Ms: round(pct(samples, 99)),
    maxMs: round(Math.max(...samples)),
  };
}

/**
 * (b) one driver, N rollouts from cold start to every first version deployed. The API server runs in
 * its own process (the sandbox CLI on a pre-seeded data file), so the numbers are the driver's, not
 * the sandbox's; heap is this process's, which holds only the driver.
 */
async function manyRollouts(
  n: number,
  lease: { leaseDurationMs: number; renewMs: number } = { leaseDurationMs: 15_000, renewMs: 5_000 },
): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'kuberik-bench-'));
  const dataFile = join(dir, 'sandbox.json');
  const kubeconfigFile = join(dir, 'kubeconfig');
  const seed = await startSandbox({ crds: allCrds(), dataFile });
  seed.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  for (let i = 0; i < n; i++) {
    seedApp(seed, `app-${i}`, { passing: true });
    publish(seed, `app-${i}`, 'v1.0.0');
  }
  await seed.close();

  const child = spawn(
    process.execPath,
    [
      '--conditions=@kuberik/source',
      '--import',
      'tsx',
      'core/src/sandbox/main.ts',
      '--kubeconfig-out',
      kubeconfigFile,
      '--data',
      dataFile,
    ],
    { cwd: ROOT, stdio: 'ignore' },
  );
  try {
    await until(() => existsSync(kubeconfigFile), 'the sandbox process', 60_000, 50);
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const kube = createKube({ kubeconfig: kubeconfigFile, namespace: NS });
    const driver = createDriver({
      kube,
      scope: { namespace: NS },
      identity: 'bench',
      holderIdentity: 'bench-driver',
      ...lease,
    });
    await driver.start();
    const startMs = performance.now() - t0;
    const deployed = (): number =>
      driver.snapshots().filter((s) => s.rollout.status?.currentVersion === 'v1.0.0').length;
    await until(() => deployed() === n, 'every rollout deployed', 900_000, 20);
    await driver.idle();
    const settleMs = performance.now() - t0;
    const requests = kube.stats.requests;
    const byVerb = { ...kube.stats.byVerb };
    const reconciles = driver.stats().reconciles;
    gc();
    const heapAfter = process.memoryUsage().heapUsed;
    await driver.stop();
    kube.close();
    return {
      rollouts: n,
      leaseRenewMs: lease.renewMs,
      startMs: round(startMs, 0),
      settleMs: round(settleMs, 0),
      heapAfterSettleMB: round(heapAfter / 2 ** 20, 1),
      heapDriverDeltaMB: round((heapAfter - heapBefore) / 2 ** 20, 1),
      requestsPerLifecycle: round(requests / n, 2),
      reconcilesPerRollout: round(reconciles / n, 2),
      ...Object.fromEntries(Object.entries(byVerb).map(([k, v]) => [`requests${k}`, v])),
      ...Object.fromEntries(Object.entries(kube.stats.failures).map(([k, v]) => [`answered${k}`, v])),
    };
  } finally {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** (c) decide() on a rollout with 50 releases, 10 history entries, 3 gates, 2 health checks. */
function decideThroughput(iterations: number): Record<string, number> {
  const tags = Array.from({ length: 50 }, (_, i) => `v1.${i}.0`);
  const ts = (i: number): string => new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString().replace('.000Z', 'Z');
  const rollout: Rollout = {
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'Rollout',
    metadata: { name: 'my-app', namespace: NS, resourceVersion: '10', generation: 1 },
    spec: {
      releasesImagePolicy: { name: 'my-app' },
      bakeTime: '5m',
      healthCheckSelector: { selector: { matchLabels: { app: 'my-app' } } },
    },
    status: {
      currentVersion: tags[40],
      availableReleases: tags.slice(0, 49).map((tag) => ({ tag })),
      history: Array.from({ length: 10 }, (_, i) => ({
        id: 10 - i,
        version: { tag: tags[40 - i] as string },
        timestamp: ts(100 - i),
        bakeStatus: 'Succeeded' as const,
        bakeStartTime: ts(100 - i),
        bakeEndTime: ts(101 - i),
      })),
    },
  };
  const observed: Observed = {
    rollout,
    imagePolicy: {
      apiVersion: 'image.toolkit.fluxcd.io/v1',
      kind: 'ImagePolicy',
      metadata: { name: 'my-app', namespace: NS },
      status: { latestRef: { tag: tags[49] as string } },
    } as ImagePolicy,
    gates: ['qa', 'security', 'production-approval'].map(
      (g, i) =>
        ({
          apiVersion: 'kuberik.com/v1alpha1',
          kind: 'RolloutGate',
          metadata: { name: g, namespace: NS },
          spec: {
            rolloutRef: { name: 'my-app' },
            ...(i < 2 ? { passing: true } : { allowedVersions: tags.slice(0, 45) }),
          },
        }) as RolloutGate,
    ),
    schedules: [],
    clusterSchedules: [],
    healthChecks: [1, 2].map((i) => ({
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'HealthCheck',
      metadata: { name: `hc-${i}`, namespace: NS, labels: { app: 'my-app' } },
      status: { status: 'Healthy' as const, lastChangeTime: ts(90) },
    })),
    kustomizations: [
      {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        metadata: {
          name: 'my-app',
          namespace: NS,
          generation: 3,
          annotations: { 'rollout.kuberik.com/substitute.APP_VERSION.from': 'my-app' },
        },
        spec: { postBuild: { substitute: { APP_VERSION: tags[40] as string } } },
        status: { observedGeneration: 3 },
      } as Kustomization,
    ],
    namespaces: [{ name: NS, labels: {} }],
  };
  const now = new Date(Date.UTC(2026, 0, 2));
  for (let i = 0; i < 200; i++) decide(observed, now); // warm up
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) decide(observed, now);
  const ms = performance.now() - t0;
  return {
    iterations,
    decidesPerSecond: Math.round((iterations / ms) * 1000),
    microsPerDecide: round((ms * 1000) / iterations, 1),
  };
}

export async function run(opts: { rollouts?: number; runs?: number } = {}): Promise<Record<string, unknown>> {
  const argN = process.argv.indexOf('--rollouts');
  const n = opts.rollouts ?? (argN > 0 ? Number(process.argv[argN + 1]) : 1000);
  return {
    approvalToDeploy: await approvalLatency(opts.runs ?? 100),
    oneDriverManyRollouts: await manyRollouts(n),
    // The same with 60 s leases renewed every 20 s: separates the driver's own cost from the 200 lease
    // writes per second that spec leases (15 s / 5 s) put on the API server at 1,000 rollouts.
    oneDriverManyRolloutsSlowLeaseRenewal: await manyRollouts(n, {
      leaseDurationMs: 60_000,
      renewMs: 20_000,
    }),
    decide: decideThroughput(20_000),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await run(), null, 2));
  process.exit(0);
}
