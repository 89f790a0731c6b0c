// Issues 6 and 14 acceptance: two controller processes and developers' `watch` processes against
// one API server (the sandbox, or the run's real kube-apiserver) with 200 rollouts, with shard
// Leases (spec §10.7). Every rollout is driven by exactly one process at every moment — checked from the Leases (sampled), from the processes' own view
// (metrics, watch output) and from the writes (each Rollout/Kustomization write lands while its
// writer's Lease is live, or within the renew-interval margin the driver keeps before expiry).
// Leases and writes are seen through watches (informers), the same on both backends. A
// watch that came first keeps its rollout; a watch started on a rollout in a live shard only observes; a watch that dies hands its rollout to the controller; SIGKILL of a
// controller hands its shards over within the Lease time; SIGTERM releases every Lease and exits 0.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARD_ANNOTATION, leaseExpiresAt, liveHolder, shardLeaseName, shardOf } from '@kuberik/core/driver';
import { type Informer, Kinds, type Lease } from '@kuberik/core/kube';
import { type Kustomization, leaseName, type Rollout } from '@kuberik/core/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ControllerCluster, controllerCluster } from './support/cluster.js';
import { substituted, waitFor } from './support/fixtures.js';
import {
  type ControllerProcess,
  killProcess,
  startControllerProcess,
  startWatchProcess,
} from './support/process.js';

const NAMESPACES = ['alpha', 'beta', 'gamma', 'delta'];
const PER_NAMESPACE = 50;
const LEASE_SECONDS = 6;
const RENEW_SECONDS = 2;
const SHARDS = 16;
interface App {
  namespace: string;
  name: string;
}
const keyOf = (a: App): string => `${a.namespace}/${a.name}`;

let cc: ControllerCluster;
/** The apps and the Lease namespace, with this backend's namespace names. */
let apps: App[];
let LEASE_NS: string;
let leases: Informer<Lease>;
let rollouts: Informer<Rollout>;
let kustomizations: Informer<Kustomization>;
let dir: string;
const procs: ControllerProcess[] = [];
const unwatch: Array<() => void> = [];
let sampler: NodeJS.Timeout | undefined;
beforeAll(async () => {
  cc = await controllerCluster([...NAMESPACES, 'kuberik-system'], { requestLogSize: 10 });
  LEASE_NS = cc.ns('kuberik-system');
  apps = NAMESPACES.flatMap((ns) =>
    Array.from({ length: PER_NAMESPACE }, (_, i) => ({
      namespace: cc.ns(ns),
      name: `app-${String(i).padStart(3, '0')}`,
    })),
  );
  // Seeded through the API, one namespace at a time per writer.
  await Promise.all(
    NAMESPACES.map(async (ns) => {
      for (const a of apps.filter((x) => x.namespace === cc.ns(ns))) await cc.seedApp({ ...a, tag: 'v1' });
    }),
  );
  [leases, rollouts, kustomizations] = await Promise.all([
    cc.mirror(Kinds.Lease),
    cc.mirror(Kinds.Rollout),
    cc.mirror(Kinds.Kustomization),
  ]);
  dir = await mkdtemp(join(tmpdir(), 'kuberik-controllers-'));
  await cc.cluster.writeKubeconfig(join(dir, 'kubeconfig'));
}, 300_000);
afterAll(async () => {
  if (sampler) clearInterval(sampler);
  for (const u of unwatch) u();
  await Promise.all(procs.map(killProcess));
  await cc?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const lease = (namespace: string, name: string): Lease | undefined => leases.get(namespace, name);

/**
 * Every state of every Lease seen through the watch, by resourceVersion, so that a write is judged
 * against the Leases as they were when it was made, whatever the order in which the two watches
 * deliver. Both servers number all writes from one counter (etcd's revision; the sandbox's), which
 * the API does not promise to clients but which holds for these two.
 */
const leaseHistory = new Map<string, Array<{ rv: number; lease?: Lease }>>();
let newestLeaseRv = 0;
function recordLease(l: Lease, deleted = false): void {
  const rv = Number(l.metadata.resourceVersion);
  const key = `${l.metadata.namespace}/${l.metadata.name}`;
  const states = leaseHistory.get(key) ?? [];
  states.push({ rv, ...(deleted ? {} : { lease: l }) });
  leaseHistory.set(key, states);
  newestLeaseRv = Math.max(newestLeaseRv, rv);
}
const leaseAt = (namespace: string, name: string, rv: number): Lease | undefined =>
  leaseHistory
    .get(`${namespace}/${name}`)
    ?.filter((x) => x.rv <= rv)
    .at(-1)?.lease;
/** Who drove `a` per the Leases as of resourceVersion `rv`, judged live at `at`. */
const driverAt = (a: App, at: Date, rv: number): string | undefined =>
  liveHolder(leaseAt(a.namespace, leaseName(a.name), rv), at, (ns, name) => leaseAt(ns, name, rv));
const rolloutLease = (a: App): Lease | undefined => lease(a.namespace, leaseName(a.name));
/** Who drives, per the Leases in the cluster right now (shard pointers resolved). */
const driverOf = (a: App, at = new Date()): string | undefined =>
  liveHolder(rolloutLease(a), at, (ns, name) => lease(ns, name));
const shardOfApp = (a: App): string => shardLeaseName(shardOf(a, SHARDS), SHARDS);
/** The Leases behind driverOf(), for failure messages. */
const explain = (a: App): string => {
  const l = rolloutLease(a);
  const ref = l?.metadata.annotations?.[SHARD_ANNOTATION];
  const shard = ref ? lease(LEASE_NS, ref.split('/')[1] ?? '') : undefined;
  const age = (t?: string): string => `${Date.now() - Date.parse(t ?? '')}ms ago`;
  return `lease ${l?.spec?.holderIdentity ?? '-'} renewed ${age(l?.spec?.renewTime)} → ${ref ?? 'no shard'}: ${
    shard?.spec?.holderIdentity ?? '-'
  } renewed ${age(shard?.spec?.renewTime)}`;
};
const holders = (): Map<string, number> => {
  const m = new Map<string, number>();
  for (const a of apps) {
    const h = driverOf(a) ?? '(none)';
    m.set(h, (m.get(h) ?? 0) + 1);
  }
  return m;
};
const succeededAt = (x: App, tag: string): boolean => {
  const st = rollouts.get(x.namespace, x.name)?.status;
  return st?.phase === 'Succeeded' && substituted(kustomizations.get(x.namespace, x.name)) === tag;
};
const scrape = async (p: ControllerProcess): Promise<string> => {
  const start = await p.line((l) => l.msg === 'controller starting', 'starting');
  return (await fetch(`http://${String(start.metricsAddr)}/metrics`)).text();
};
/** `namespace/name` of every rollout whose phase series this process exports (= rollouts it drives). */
const drivenPerMetrics = (text: string): string[] =>
  [
    ...text.matchAll(/^kuberik_rollout_phase\{namespace="([^"]+)",rollout="([^"]+)",phase="[^"]+"\} 1$/gm),
  ].map((m) => `${m[1]}/${m[2]}`);
const lastSnapshot = (w: ControllerProcess): Record<string, unknown> | undefined =>
  w.lines.filter((l) => l.msg === 'snapshot').at(-1);

/**
 * Checks every Rollout and Kustomization write of the apps: it must land while someone live drives
 * the rollout. A driver stops starting writes one renew interval before its Lease can expire; a
 * write it began just before that may land a little later on a loaded machine. So: live when the
 * write was seen, or one renew interval before (nobody else can have taken over in between) — per
 * the Leases as of the write, once their watch has caught up with it.
 */
function checkWrites(stage: () => string, violations: string[], pending: Array<Promise<void>>): void {
  const byKey = new Map(apps.map((a) => [keyOf(a), a]));
  for (const l of leases.list()) recordLease(l);
  unwatch.push(
    leases.on({
      add: (l) => recordLease(l),
      update: (l) => recordLease(l),
      delete: (l) => recordLease(l, true),
    }),
  );
  const judge = async (obj: Rollout | Kustomization, a: App, seen: number, at: string): Promise<void> => {
    const rv = Number(obj.metadata.resourceVersion);
    for (let i = 0; i < 200 && newestLeaseRv < rv; i++) await new Promise((r) => setTimeout(r, 50));
    if (!driverAt(a, new Date(seen), rv) && !driverAt(a, new Date(seen - RENEW_SECONDS * 1000), rv))
      violations.push(
        `${obj.kind} ${keyOf(a)} written at ${rv} with no live driver (${at}; now: ${explain(a)})`,
      );
  };
  for (const informer of [rollouts, kustomizations] as Array<Informer<Rollout | Kustomization>>) {
    unwatch.push(
      informer.on({
        update: (obj) => {
          const a = byKey.get(`${obj.metadata.namespace}/${obj.metadata.name}`);
          if (a) pending.push(judge(obj, a, Date.now(), stage()));
        },
      }),
    );
  }
}

describe('two controller processes and developers’ watches, 200 rollouts, shard Leases', () => {
  it(
    'drive every rollout exactly once, respect a live watch, and hand over on SIGKILL and SIGTERM',
    { timeout: 240_000 },
    async () => {
      const kubeconfig = join(dir, 'kubeconfig');
      const timing = ['--lease-duration', String(LEASE_SECONDS), '--lease-renew', String(RENEW_SECONDS)];
      const violations: string[] = [];
      const pendingChecks: Array<Promise<void>> = [];
      let stage = 'early watch';

      // Writes: every Rollout status and Kustomization write lands while someone live drives it.
      checkWrites(() => stage, violations, pendingChecks);

      // A developer watches alpha/app-000 before any controller runs: nobody covers it, so it drives.
      const early = apps[0]!;
      const w0 = startWatchProcess('dev-early@laptop 1', [
        '--kubeconfig',
        kubeconfig,
        '-n',
        early.namespace,
        '--name',
        early.name,
        ...timing,
      ]);
      procs.push(w0);
      await waitFor('the early watch drives its rollout', () => lastSnapshot(w0)?.driving === true, 60_000);
      await waitFor('v1 deployed by the early watch', () => succeededAt(early, 'v1'), 60_000);

      const args = [
        '--kubeconfig',
        kubeconfig,
        '-A',
        // On the shared real server: only this file's rollouts.
        ...(cc.selector ? ['-l', cc.selector] : []),
        '--metrics-addr',
        '127.0.0.1:0',
        '--health-addr',
        '127.0.0.1:0',
        '--lease-namespace',
        LEASE_NS,
        ...timing,
      ];
      stage = 'controllers start';
      const a = startControllerProcess('controller-a', args);
      const b = startControllerProcess('controller-b', args);
      procs.push(a, b);
      await Promise.all([a, b].map((p) => p.line((l) => l.msg === 'controller ready', 'ready')));

      // Leases, sampled: a controller's per-rollout Lease points at the shard the hash picks; the
      // early watch keeps its rollout while it lives.
      let w0Alive = true;
      sampler = setInterval(() => {
        for (const x of apps) {
          const l = rolloutLease(x);
          const ptr = l?.metadata.annotations?.[SHARD_ANNOTATION];
          if (l?.spec?.holderIdentity?.startsWith('controller-') && ptr !== `${LEASE_NS}/${shardOfApp(x)}`) {
            violations.push(`${keyOf(x)} Lease points at ${ptr ?? 'no shard'}`);
          }
        }
        if (w0Alive && driverOf(early) !== w0.identity) violations.push(`early watch lost ${keyOf(early)}`);
      }, 100);

      await waitFor('all 200 rollouts deployed', () => apps.every((x) => succeededAt(x, 'v1')), 90_000).catch(
        (e: Error) => {
          const left = apps.filter((x) => !succeededAt(x, 'v1'));
          throw new Error(
            `${e.message}: ${left.length} left, e.g. ${left
              .slice(0, 3)
              .map((x) => `${keyOf(x)} (${explain(x)})`)
              .join('; ')}`,
          );
        },
      );
      await waitFor('every rollout has a live driver: a, b, or the early watch', () => {
        const h = holders();
        return (
          (h.get('controller-a') ?? 0) + (h.get('controller-b') ?? 0) === apps.length - 1 &&
          h.get(w0.identity) === 1
        );
      });
      for (const x of apps) {
        const kust = kustomizations.get(x.namespace, x.name);
        expect(kust?.metadata?.generation, `${keyOf(x)} patched exactly once`).toBe(2);
      }
      // Both replicas hold shards (they share them), and no per-rollout Lease is being renewed:
      // its renewTime is the time a controller started driving it.
      const shardHolders = new Set(
        Array.from(
          { length: SHARDS },
          (_, i) => lease(LEASE_NS, shardLeaseName(i, SHARDS))?.spec?.holderIdentity,
        ),
      );
      expect([...shardHolders].sort()).toEqual(['controller-a', 'controller-b']);

      // The processes' own view: driven sets disjoint at every scrape, and together all but the early one.
      const deadline = Date.now() + 30_000;
      let drivenA: string[] = [];
      let drivenB: string[] = [];
      for (;;) {
        const [ma, mb] = await Promise.all([scrape(a), scrape(b)]);
        drivenA = drivenPerMetrics(ma);
        drivenB = drivenPerMetrics(mb);
        expect(
          drivenA.filter((k) => drivenB.includes(k)),
          'rollouts driven by both',
        ).toEqual([]);
        expect([...drivenA, ...drivenB], 'a controller drives the early watch’s rollout').not.toContain(
          keyOf(early),
        );
        if (new Set([...drivenA, ...drivenB]).size === apps.length - 1) break;
        expect(Date.now(), 'every rollout driven by one of them (per their metrics)').toBeLessThan(deadline);
        await new Promise((r) => setTimeout(r, 200));
      }
      const renewTimes = new Map(apps.map((x) => [keyOf(x), rolloutLease(x)?.spec?.renewTime]));

      // A watch started on a rollout in a live shard observes: it shows the controller, and the
      // controller keeps deploying it.
      const late = apps.find((x) => x.namespace === cc.ns('beta'))!;
      const lateDriver = driverOf(late);
      expect(lateDriver).toMatch(/^controller-/);
      stage = 'late watch';
      const w1 = startWatchProcess('dev-late@laptop 2', [
        '--kubeconfig',
        kubeconfig,
        '-n',
        late.namespace,
        '--name',
        late.name,
        ...timing,
      ]);
      procs.push(w1);
      await waitFor(
        'the late watch shows the controller as driver',
        () => lastSnapshot(w1)?.holder === lateDriver,
      );
      await cc.publish(late.namespace, late.name, 'v2');
      await waitFor('v2 deployed by the controller while the late watch looks on', () =>
        succeededAt(late, 'v2'),
      );
      // Give the watch two more renew intervals to try to take the Lease (it must not).
      await new Promise((r) => setTimeout(r, 2 * RENEW_SECONDS * 1000));
      expect(
        w1.lines.filter((l) => l.msg === 'snapshot' && l.driving === true),
        'late watch drove',
      ).toEqual([]);
      expect(driverOf(late)).toBe(lateDriver);

      // The early watch dies: within its Lease time a controller takes the rollout and drives it.
      w0Alive = false;
      stage = 'early watch killed';
      w0.child.kill('SIGKILL');
      const w0Killed = Date.now();
      await w0.exited;
      await waitFor(
        'a controller drives the early rollout',
        () => driverOf(early)?.startsWith('controller-'),
        30_000,
      );
      expect(Date.now() - w0Killed).toBeLessThanOrEqual((LEASE_SECONDS + RENEW_SECONDS) * 1000 + 10_000);
      await cc.publish(early.namespace, early.name, 'v2');
      await waitFor('v2 of the early rollout deployed by its controller', () => succeededAt(early, 'v2'));

      // Steady state writes no per-rollout Lease: the ones not moved since are untouched.
      for (const x of apps.filter((y) => y !== early && y !== late)) {
        expect(rolloutLease(x)?.spec?.renewTime, `${keyOf(x)} Lease not renewed`).toBe(
          renewTimes.get(keyOf(x)),
        );
      }

      // The late watch goes first: it would race the survivor for its rollout's Lease if that was
      // the victim's (either may win; this test is about the replicas).
      await killProcess(w1);

      // Kill the busier controller without warning: the other takes over its shards once they expire.
      const countOf = (id: string): number => apps.filter((x) => driverOf(x) === id).length;
      const [victim, survivor] = countOf(a.identity) >= countOf(b.identity) ? [a, b] : [b, a];
      const victimApps = apps.filter((x) => driverOf(x) === victim.identity);
      expect(victimApps.length).toBeGreaterThan(0);
      const shardExpiry = new Map(
        victimApps.map((x) => {
          const shard = lease(LEASE_NS, shardOfApp(x));
          return [keyOf(x), shard ? leaseExpiresAt(shard) : NaN];
        }),
      );
      stage = 'controller killed';
      victim.child.kill('SIGKILL');
      const killedAt = Date.now();
      await victim.exited;
      await waitFor(
        'survivor drives every rollout',
        () => holders().get(survivor.identity) === apps.length,
        60_000,
      );
      for (const x of victimApps) {
        const acquired = Date.parse(rolloutLease(x)?.spec?.acquireTime ?? '');
        // Never before the dead replica's shard expired; within the Lease time (plus a renew
        // interval and slack for a loaded machine) of the kill.
        expect(acquired, `${keyOf(x)} taken before the shard expired`).toBeGreaterThanOrEqual(
          (shardExpiry.get(keyOf(x)) ?? 0) - 1,
        );
        expect(acquired - killedAt).toBeLessThanOrEqual((LEASE_SECONDS + RENEW_SECONDS) * 1000 + 10_000);
      }
      const moved = victimApps.find((x) => x !== late)!;
      await cc.publish(moved.namespace, moved.name, 'v2');
      await waitFor('v2 deployed by the survivor', () => succeededAt(moved, 'v2'));

      // SIGTERM: finish, release every Lease (per-rollout and shard), exit 0.
      stage = 'SIGTERM';
      survivor.child.kill('SIGTERM');
      expect((await survivor.exited).code).toBe(0);
      clearInterval(sampler);
      const raw = (x: App): string | null | undefined => rolloutLease(x)?.spec?.holderIdentity;
      expect(apps.filter((x) => raw(x)).map(keyOf), 'per-rollout leases still naming a holder').toEqual([]);
      for (let i = 0; i < SHARDS; i++) {
        expect(lease(LEASE_NS, shardLeaseName(i, SHARDS))?.spec?.holderIdentity ?? null).toBeNull();
      }
      expect(survivor.lines.at(-1)).toEqual(expect.objectContaining({ msg: 'controller stopped' }));
      expect(survivor.lines.filter((l) => l.notJson)).toEqual([]);
      await Promise.all(pendingChecks);
      expect(violations).toEqual([]);

      // Each deploy recorded as the driver's own ("Automatic deployment"), never "Adopted running
      // version" (what a lost status write after a patch leaves). Soft, so the checks above all run.
      for (const x of apps.filter((y) => y !== moved && y !== early && y !== late)) {
        const history = rollouts.get(x.namespace, x.name)?.status?.history;
        expect
          .soft(
            history?.map((h) => h.message),
            `${keyOf(x)} history`,
          )
          .toEqual(['Automatic deployment']);
      }
    },
  );
});
