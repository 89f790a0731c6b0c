// The integration fixture: an in-process sandbox with the Flux simulator, a Kube client and
// drivers, all on one fake clock. Real I/O happens over loopback HTTP; time only moves when a test
// says so (`advance`).
import { createDriver, type DriverEvent, type EngineDriver, FakeClock } from '@kuberik/core/driver';
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
  startSandbox,
} from '@kuberik/core/sandbox';

export interface Harness {
  clock: FakeClock;
  sandbox: Sandbox;
  flux: FluxSimulator;
  kube: Kube;
  drivers: EngineDriver[];
  events: DriverEvent[];
  /** The Kube client of the i-th started driver (its request counters). */
  driverKube(i: number): Kube;
  startDriver(opts?: {
    holder?: string;
    observe?: boolean;
    namespace?: string;
    name?: string;
    /** Bearer token of a sandbox user (see startHarness `users`); default: the sandbox admin. */
    token?: string;
    /** Every namespace (`controller -A`) instead of `namespace`. */
    allNamespaces?: boolean;
    /** Run as a controller replica: shard Leases (spec §10.7) instead of renewed per-rollout Leases. */
    shards?: number;
  }): Promise<EngineDriver>;
  /** Moves the fake clock in steps (timers of drivers and the simulator fire), letting I/O settle after each. */
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

export async function startHarness(
  opts: { dataFile?: string; start?: string; port?: number; users?: Record<string, SandboxUser> } = {},
): Promise<Harness> {
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
    get sandbox() {
      return sandbox;
    },
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
      const d = createDriver({
        kube: k,
        scope: o.allNamespaces ? {} : { namespace: o.namespace ?? 'prod', name: o.name },
        identity: 'alice',
        holderIdentity: o.holder ?? `driver-${drivers.length + 1}`,
        observe: o.observe,
        clock,
        ...(o.shards ? { shards: { count: o.shards } } : {}),
      });
      d.subscribe((e) => events.push(e));
      drivers.push(d);
      await d.start();
      return d;
    },
    async advance(ms, step = 5000) {
      // Step in slices so that work triggered by one timer (a write, a watch event) lands before the next.
      for (let done = 0; done < ms; done += step) {
        clock.advance(Math.min(step, ms - done));
        await settle();
      }
    },
    async eventually(what, check) {
      let last: unknown;
      const deadline = Date.now() + 20_000; // only bounds a hang; passing checks return at once
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
    },
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

/** One application: ImagePolicy, Rollout, an approval gate, a Kustomization substituting APP_VERSION and its HealthCheck. */
export interface AppOptions {
  name: string;
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
  const ns = o.namespace ?? 'prod';
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
  ns = 'prod',
): Promise<void> {
  await kube.mergePatch(Kinds.RolloutGate, ns, name, { spec });
}

export const substituted = (k: Kustomization): string | undefined =>
  k.spec?.postBuild?.substitute?.APP_VERSION;
