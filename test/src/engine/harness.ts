// The integration fixture: an API server with the Flux simulator, a Kube client and drivers.
// On the sandbox (default) all share one fake clock: real I/O happens over loopback HTTP, time only
// moves when a test says so (`advance`). On the real backend (KUBERIK_TEST_BACKEND=real) it is the
// run's kube-apiserver, the simulator runs over the API in this harness's namespaces only, and
// `advance` waits in real time, so tests use short durations (a bake of seconds, not minutes).
import {
  type Clock,
  createDriver,
  type DriverEvent,
  type EngineDriver,
  FakeClock,
  systemClock,
} from '@kuberik/core/driver';
import { createKube, type Kube, Kinds } from '@kuberik/core/kube';
import {
  allCrds,
  type HealthCheck,
  type ImagePolicy,
  type Kustomization,
  type Rollout,
  type RolloutGate,
} from '@kuberik/core/model';
import {
  type FluxSimulator,
  type Sandbox,
  type SandboxUser,
  startFluxSimulator,
  startFluxSimulatorOverApi,
  startSandbox,
} from '@kuberik/core/sandbox';
import { onRealBackend, testCluster, type TestKubeconfigOptions } from '../support/backend.js';

/** The longest `advance` the real backend waits out; a test needing more needs the fake clock. */
const REAL_ADVANCE_LIMIT_MS = 20_000;

export interface Harness {
  clock: Clock;
  /** The fake clock; throws on the real backend (such a test is sandbox-only). */
  fakeClock(): FakeClock;
  /** The sandbox; throws on the real backend (such a test is sandbox-only). */
  sandbox: Sandbox;
  /** The main namespace (`prod` on the sandbox, unique on the real server). */
  ns: string;
  /** Maps a namespace name to this backend's (identity on the sandbox). */
  namespace(name: string): string;
  /** A cluster-scoped object's name, unique on the shared real server (identity on the sandbox). */
  uniqueName(name: string): string;
  /** Kubeconfig text for the admin or a user of `users` (by token). */
  kubeconfig(opts?: TestKubeconfigOptions): string;
  /** The username the server sees for a token of `users`. */
  username(token: string): string;
  flux: FluxSimulator;
  kube: Kube;
  drivers: EngineDriver[];
  events: DriverEvent[];
  /** The Kube client of the i-th started driver (its request counters). */
  driverKube(i: number): Kube;
  startDriver(opts?: DriverOptions): Promise<EngineDriver>;
  /**
   * Moves the fake clock in steps (timers of drivers and the simulator fire), letting I/O settle
   * after each. On the real backend: waits `ms` of real time (at most 20 s).
   */
  advance(ms: number, step?: number): Promise<void>;
  /** Closes the sandbox and starts it again on the same port (with dataFile, its data survives). */
  restartSandbox(): Promise<void>;
  /** Polls `check` (real time, loopback I/O) until it returns a value; fails with `what` after 20 s. */
  eventually<T>(
    what: string,
    check: () => T | undefined | false | Promise<T | undefined | false>,
  ): Promise<T>;
  rollout(name: string, ns?: string): Promise<Rollout>;
  kustomization(name: string, ns?: string): Promise<Kustomization>;
  close(): Promise<void>;
}

export interface DriverOptions {
  holder?: string;
  observe?: boolean;
  /** Default: the harness's `ns`. */
  namespace?: string;
  name?: string;
  /** Bearer token of a user (see startHarness `users`); default: the admin. */
  token?: string;
  /** Every namespace (`controller -A`) instead of `namespace`; sandbox only (others share the real server). */
  allNamespaces?: boolean;
  /** Run as a controller replica: shard Leases (spec §10.7) instead of renewed per-rollout Leases. */
  shards?: number;
}

export interface HarnessOptions {
  dataFile?: string;
  start?: string;
  port?: number;
  users?: Record<string, SandboxUser>;
  /** Namespaces besides `prod` that the Flux simulator reconciles (mapped on the real server). */
  namespaces?: string[];
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  return onRealBackend ? startRealHarness(opts) : startSandboxHarness(opts);
}

async function startSandboxHarness(opts: HarnessOptions): Promise<Harness> {
  const clock = new FakeClock(opts.start ?? '2026-01-05T09:00:00Z');
  const sandboxOptions = {
    crds: allCrds(),
    now: () => clock.now(),
    dataFile: opts.dataFile,
    users: opts.users,
  };
  let sandbox = await startSandbox({ ...sandboxOptions, port: opts.port });
  const simulate = (s: Sandbox): FluxSimulator =>
    startFluxSimulator(s, {
      clock: {
        now: () => clock.now(),
        setTimeout: (fn: () => void, ms: number) => clock.setTimeout(fn, ms),
        clearTimeout: (t: unknown) => (t as { cancel(): void } | undefined)?.cancel(),
      },
      log: () => undefined,
    });
  let flux = simulate(sandbox);
  const kube = createKube({ kubeconfigText: sandbox.kubeconfig({ namespace: 'prod' }) });
  const drivers: EngineDriver[] = [];
  const kubes: Kube[] = [kube];
  const events: DriverEvent[] = [];

  const h: Harness = {
    clock,
    fakeClock: () => clock,
    get sandbox() {
      return sandbox;
    },
    ns: 'prod',
    namespace: (name) => name,
    uniqueName: (name) => name,
    kubeconfig: (k = {}) =>
      sandbox.kubeconfig({
        namespace: k.namespace ?? 'prod',
        ...(k.token ? { token: k.token, user: k.user ?? k.token } : k.user ? { user: k.user } : {}),
      }),
    username: (token) => opts.users?.[token]?.username ?? token,
    get flux() {
      return flux;
    },
    kube,
    drivers,
    events,
    driverKube: (i) => kubes[i + 1] as Kube,
    async startDriver(o = {}) {
      const k = createKube({
        kubeconfigText: sandbox.kubeconfig({
          namespace: 'prod',
          ...(o.token ? { token: o.token, user: o.token } : {}),
        }),
      });
      kubes.push(k);
      return startEngineDriver({ kube: k, o, clock, ns: 'prod', drivers, events });
    },
    async advance(ms, step = 5000) {
      // Step in slices so that work triggered by one timer (a write, a watch event) lands before the next.
      for (let done = 0; done < ms; done += step) {
        clock.advance(Math.min(step, ms - done));
        await settle();
      }
    },
    eventually: (what, check) => poll(what, check, 20_000),
    async restartSandbox() {
      const port = Number(new URL(sandbox.url).port);
      await flux.stop();
      await sandbox.close();
      sandbox = await startSandbox({ ...sandboxOptions, port });
      flux = simulate(sandbox);
    },
    rollout: (name, ns = 'prod') => kube.get(Kinds.Rollout, ns, name),
    kustomization: (name, ns = 'prod') => kube.get(Kinds.Kustomization, ns, name),
    async close() {
      for (const d of drivers) await d.stop();
      await flux.stop();
      for (const k of kubes) k.close();
      await sandbox.close();
    },
  };

  /** Lets loopback I/O triggered by the last clock step finish: until no new requests go out. */
  async function settle(): Promise<void> {
    let last = -1;
    for (let i = 0; i < 50; i++) {
      await new Promise((r) => setTimeout(r, 2));
      await Promise.all(drivers.map((d) => d.idle()));
      await flux.settled();
      const now = kubes.reduce((n, k) => n + k.stats.requests, 0);
      if (now === last) return;
      last = now;
    }
  }
  return h;
}

function startEngineDriver(a: {
  kube: Kube;
  o: DriverOptions;
  clock: Clock;
  ns: string;
  drivers: EngineDriver[];
  events: DriverEvent[];
}): Promise<EngineDriver> {
  const { o } = a;
  const d = createDriver({
    kube: a.kube,
    scope: o.allNamespaces ? {} : { namespace: o.namespace ?? a.ns, name: o.name },
    identity: 'alice',
    holderIdentity: o.holder ?? `driver-${a.drivers.length + 1}`,
    observe: o.observe,
    clock: a.clock,
    ...(o.shards ? { shards: { count: o.shards } } : {}),
  });
  d.subscribe((e) => a.events.push(e));
  a.drivers.push(d);
  return d.start().then(() => d);
}

/** Polls `check` until it returns a value; fails with `what` after `timeoutMs`. */
async function poll<T>(
  what: string,
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs: number,
): Promise<T> {
  let last: unknown;
  const deadline = Date.now() + timeoutMs; // only bounds a hang; passing checks return at once
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v as never;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

/**
 * The harness on the run's real kube-apiserver: a namespace of its own (`prod-<id>`), the Flux
 * simulator over the API limited to its namespaces, drivers on the wall clock.
 */
async function startRealHarness(opts: HarnessOptions): Promise<Harness> {
  const cluster = await testCluster({
    namespace: 'prod',
    namespaces: opts.namespaces ?? [],
    ...(opts.users ? { users: opts.users } : {}),
  });
  const kube = createKube({ kubeconfigText: cluster.kubeconfig() });
  const flux = await startFluxSimulatorOverApi(kube, {
    namespaces: [cluster.ns, ...(opts.namespaces ?? []).map((n) => cluster.namespace(n))],
    // A write the real schema refuses is only logged by the simulator: say so.
    log: (m) => process.stderr.write(`${m}\n`),
  });
  const drivers: EngineDriver[] = [];
  const kubes: Kube[] = [kube];
  const events: DriverEvent[] = [];
  const ns = cluster.ns;
  const sandboxOnly = (what: string): never => {
    throw new Error(`${what} needs the sandbox: mark the test sandboxOnly with its reason`);
  };
  return {
    clock: systemClock,
    fakeClock: () => sandboxOnly('a fake clock'),
    get sandbox(): Sandbox {
      return sandboxOnly('h.sandbox');
    },
    flux,
    kube,
    drivers,
    events,
    ns,
    namespace: (name) => cluster.namespace(name),
    uniqueName: (name) => cluster.uniqueName(name),
    kubeconfig: (k) => cluster.kubeconfig(k),
    username: (token) => cluster.username(token),
    driverKube: (i) => kubes[i + 1] as Kube,
    async startDriver(o = {}) {
      if (o.allNamespaces) sandboxOnly('a driver of every namespace (it would drive other files’ rollouts)');
      const k = createKube({ kubeconfigText: cluster.kubeconfig(o.token ? { token: o.token } : {}) });
      kubes.push(k);
      return startEngineDriver({ kube: k, o, clock: systemClock, ns, drivers, events });
    },
    async advance(ms) {
      if (ms > REAL_ADVANCE_LIMIT_MS) sandboxOnly(`advancing ${ms} ms`);
      await new Promise((r) => setTimeout(r, ms));
    },
    restartSandbox: async () => sandboxOnly('restarting the server with its data'),
    // A real server under a loaded machine: more room than the sandbox's 20 s.
    eventually: (what, check) => poll(what, check, 60_000),
    rollout: (name, n = ns) => kube.get(Kinds.Rollout, n, name),
    kustomization: (name, n = ns) => kube.get(Kinds.Kustomization, n, name),
    async close() {
      for (const d of drivers) await d.stop();
      await flux.stop();
      for (const k of kubes) k.close();
      await cluster.close();
    },
  };
}

/** One application: ImagePolicy, Rollout, an approval gate, a Kustomization substituting APP_VERSION and its HealthCheck. */
export interface AppOptions {
  name: string;
  /** Default: the Kube client's namespace (the harness's `ns`). */
  namespace?: string;
  gate?: boolean | Partial<RolloutGate['spec']>;
  bakeTime?: string;
  deployTimeout?: string;
  /** Value the Kustomization substitutes already (adoption). */
  running?: string;
  failVersions?: string;
  reconcileDelay?: string;
  healthCheck?: boolean;
  extraSpec?: Record<string, unknown>;
}

export async function seedApp(kube: Kube, o: AppOptions): Promise<void> {
  const ns = o.namespace ?? kube.namespace;
  await ensureNamespace(kube, ns);
  await kube.create(Kinds.ImagePolicy, {
    apiVersion: 'image.toolkit.fluxcd.io/v1',
    kind: 'ImagePolicy',
    metadata: { name: o.name, namespace: ns },
    spec: { imageRepositoryRef: { name: o.name }, policy: { semver: { range: '>=0.0.0' } } },
  } as ImagePolicy);
  const annotations: Record<string, string> = { [`rollout.kuberik.com/substitute.APP_VERSION.from`]: o.name };
  if (o.failVersions) annotations['sandbox.kuberik.com/fail-versions'] = o.failVersions;
  if (o.reconcileDelay) annotations['sandbox.kuberik.com/reconcile-delay'] = o.reconcileDelay;
  await kube.create(Kinds.Kustomization, {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: o.name, namespace: ns, annotations },
    spec: {
      interval: '5m',
      path: `./deploy/${o.name}`,
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'fleet' },
      // Without `running` the variable is not set yet: nothing to adopt.
      postBuild: { substitute: { ...(o.running ? { APP_VERSION: o.running } : {}), REGION: 'eu-1' } },
    },
  } as Kustomization);
  if (o.healthCheck !== false) {
    await kube.create(Kinds.HealthCheck, {
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'HealthCheck',
      metadata: {
        name: `${o.name}-kustomization`,
        namespace: ns,
        labels: { app: o.name },
        annotations: { 'healthcheck.kuberik.com/kustomization': o.name },
      },
      spec: { class: 'kustomization' },
    } as HealthCheck);
  }
  await kube.create(Kinds.Rollout, {
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'Rollout',
    metadata: { name: o.name, namespace: ns },
    spec: {
      releasesImagePolicy: { name: o.name },
      ...(o.healthCheck !== false
        ? { healthCheckSelector: { selector: { matchLabels: { app: o.name } } } }
        : {}),
      ...(o.bakeTime ? { bakeTime: o.bakeTime } : {}),
      ...(o.deployTimeout ? { deployTimeout: o.deployTimeout } : {}),
      ...(o.extraSpec ?? {}),
    },
  } as Rollout);
  if (o.gate !== false) {
    await kube.create(Kinds.RolloutGate, {
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'RolloutGate',
      metadata: { name: `${o.name}-approval`, namespace: ns },
      spec: { rolloutRef: { name: o.name }, ...(typeof o.gate === 'object' ? o.gate : {}) },
    } as RolloutGate);
  }
}

export async function ensureNamespace(kube: Kube, ns: string): Promise<void> {
  if (!(await kube.find(Kinds.Namespace, undefined, ns))) {
    await kube.create(Kinds.Namespace, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  }
}

/** Approve exactly as `kubectl patch rolloutgate … --type merge` would. */
export async function patchGate(
  kube: Kube,
  name: string,
  spec: Partial<RolloutGate['spec']>,
  ns = kube.namespace,
): Promise<void> {
  await kube.mergePatch(Kinds.RolloutGate, ns, name, { spec });
}

export const substituted = (k: Kustomization): string | undefined =>
  k.spec?.postBuild?.substitute?.APP_VERSION;
