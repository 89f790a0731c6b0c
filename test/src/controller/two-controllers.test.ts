// Issue 6 acceptance: two controller processes against one sandbox with 200 rollouts. Every rollout
// is driven by exactly one of them; killing one hands its rollouts to the other within the lease
// time; SIGTERM releases the leases and exits 0; both serve health and metrics.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sandbox } from '@kuberik/core/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KUSTOMIZATION,
  LEASE,
  ROLLOUT,
  ensureNamespace,
  publish,
  seedApp,
  substituted,
  waitFor,
} from './support/fixtures.js';
import { sandboxWithCrds } from './support/in-process.js';
import { type ControllerProcess, killProcess, startControllerProcess } from './support/process.js';

const NAMESPACES = ['alpha', 'beta', 'gamma', 'delta'];
const PER_NAMESPACE = 50;
const LEASE_SECONDS = 6;
const RENEW_SECONDS = 2;
const apps = NAMESPACES.flatMap((namespace) =>
  Array.from({ length: PER_NAMESPACE }, (_, i) => ({ namespace, name: `app-${String(i).padStart(3, '0')}` })),
);

let sandbox: Sandbox;
let dir: string;
const procs: ControllerProcess[] = [];
beforeAll(async () => {
  sandbox = await sandboxWithCrds({ requestLogSize: 10 });
  for (const ns of NAMESPACES) ensureNamespace(sandbox.store, ns);
  for (const a of apps) seedApp(sandbox.store, { ...a, tag: 'v1' });
  dir = await mkdtemp(join(tmpdir(), 'kuberik-controllers-'));
  await sandbox.writeKubeconfig(join(dir, 'kubeconfig'));
});
afterAll(async () => {
  await Promise.all(procs.map(killProcess));
  await sandbox?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface LeaseSpec {
  holderIdentity?: string | null;
  acquireTime?: string;
  renewTime?: string;
}
const leaseOf = (a: { namespace: string; name: string }): LeaseSpec =>
  (sandbox.store.get(LEASE.apiVersion, LEASE.kind, `kuberik-rollout-${a.name}`, a.namespace)?.spec ??
    {}) as LeaseSpec;
const holders = (): Map<string, number> => {
  const m = new Map<string, number>();
  for (const a of apps) {
    const h = leaseOf(a).holderIdentity ?? '(none)';
    m.set(h, (m.get(h) ?? 0) + 1);
  }
  return m;
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

describe('two controller processes, 200 rollouts', () => {
  it(
    'split the rollouts, hand them over when one dies, and release their leases on SIGTERM',
    { timeout: 180_000 },
    async () => {
      const args = [
        '--kubeconfig',
        join(dir, 'kubeconfig'),
        '-A',
        '--metrics-addr',
        '127.0.0.1:0',
        '--health-addr',
        '127.0.0.1:0',
        '--lease-duration',
        String(LEASE_SECONDS),
        '--lease-renew',
        String(RENEW_SECONDS),
      ];
      const a = startControllerProcess('controller-a', args);
      const b = startControllerProcess('controller-b', args);
      procs.push(a, b);
      await Promise.all([a, b].map((p) => p.line((l) => l.msg === 'controller ready', 'ready')));

      // Every rollout deployed once, each by exactly one controller.
      const succeeded = (x: { namespace: string; name: string }): boolean => {
        const st = sandbox.store.get(ROLLOUT.apiVersion, ROLLOUT.kind, x.name, x.namespace)?.status as
          { phase?: string } | undefined;
        return (
          st?.phase === 'Succeeded' &&
          substituted(
            sandbox.store.get(KUSTOMIZATION.apiVersion, KUSTOMIZATION.kind, x.name, x.namespace),
          ) === 'v1'
        );
      };
      await waitFor('all 200 rollouts deployed', () => apps.every(succeeded), 45_000);
      await waitFor('every lease held by a or b', () => {
        const h = holders();
        return (h.get('controller-a') ?? 0) + (h.get('controller-b') ?? 0) === apps.length;
      });
      for (const x of apps) {
        const kust = sandbox.store.get(KUSTOMIZATION.apiVersion, KUSTOMIZATION.kind, x.name, x.namespace);
        expect(kust?.metadata?.generation, `${x.namespace}/${x.name} patched exactly once`).toBe(2);
      }

      // Health and metrics of both answer; their driven sets are disjoint and cover all rollouts.
      for (const p of [a, b]) {
        const start = await p.line((l) => l.msg === 'controller starting', 'starting');
        expect((await fetch(`http://${String(start.healthAddr)}/healthz`)).status).toBe(200);
        expect((await fetch(`http://${String(start.healthAddr)}/readyz`)).status).toBe(200);
      }
      // Never both at once (every scrape); all covered once no Lease is changing hands.
      let drivenA: string[] = [];
      let drivenB: string[] = [];
      const deadline = Date.now() + 30_000;
      for (;;) {
        const [ma, mb] = await Promise.all([scrape(a), scrape(b)]);
        drivenA = drivenPerMetrics(ma);
        drivenB = drivenPerMetrics(mb);
        expect(
          drivenA.filter((k) => drivenB.includes(k)),
          'rollouts driven by both',
        ).toEqual([]);
        if (new Set([...drivenA, ...drivenB]).size === apps.length) {
          expect(ma).toContain(`kuberik_leases_held ${drivenA.length}`);
          break;
        }
        expect(Date.now(), 'every rollout driven by one of them (per their metrics)').toBeLessThan(deadline);
        await new Promise((r) => setTimeout(r, 200));
      }

      // Kill the busier one without warning: its leases expire and the other takes every rollout over.
      const [victim, survivor] = drivenA.length >= drivenB.length ? [a, b] : [b, a];
      const victimRollouts = apps.filter((x) => leaseOf(x).holderIdentity === victim.identity);
      expect(victimRollouts.length).toBeGreaterThan(0);
      const lastRenew = new Map(
        victimRollouts.map((x) => [`${x.namespace}/${x.name}`, Date.parse(leaseOf(x).renewTime ?? '')]),
      );
      victim.child.kill('SIGKILL');
      const killedAt = Date.now();
      await victim.exited;
      await waitFor(
        'survivor holds every lease',
        () => holders().get(survivor.identity) === apps.length,
        30_000,
      );
      for (const x of victimRollouts) {
        const acquired = Date.parse(leaseOf(x).acquireTime ?? '');
        const expiry = (lastRenew.get(`${x.namespace}/${x.name}`) ?? 0) + LEASE_SECONDS * 1000;
        // Never before the dead holder's lease expired; and within the lease time (plus a renew
        // interval and scheduling slack on a loaded CI machine) of the kill.
        expect(acquired).toBeGreaterThanOrEqual(expiry - 1);
        expect(acquired - killedAt).toBeLessThanOrEqual((LEASE_SECONDS + RENEW_SECONDS) * 1000 + 5_000);
      }

      // The survivor really drives the taken-over rollouts: a new version is deployed.
      const moved = victimRollouts[0]!;
      publish(sandbox.store, moved.namespace, moved.name, 'v2');
      await waitFor(
        'v2 deployed by the survivor',
        () =>
          substituted(
            sandbox.store.get(KUSTOMIZATION.apiVersion, KUSTOMIZATION.kind, moved.name, moved.namespace),
          ) === 'v2',
      );

      // SIGTERM: finish, release every lease, exit 0.
      survivor.child.kill('SIGTERM');
      expect((await survivor.exited).code).toBe(0);
      expect(holders().get('(none)'), 'leases released on SIGTERM').toBe(apps.length);
      expect(survivor.lines.at(-1)).toEqual(expect.objectContaining({ msg: 'controller stopped' }));
      expect(survivor.lines.filter((l) => l.notJson)).toEqual([]);

      // Each deploy is recorded as the controller's own ("Automatic deployment"), not as "Adopted
      // running version" — which is what remains when the status write after the Kustomization
      // patch is lost (e.g. the lease moved in between). Soft, so the checks above always run.
      for (const x of apps.filter((y) => y !== moved)) {
        const history = (
          sandbox.store.get(ROLLOUT.apiVersion, ROLLOUT.kind, x.name, x.namespace)?.status as
            { history?: Array<{ message?: string }> } | undefined
        )?.history;
        expect
          .soft(
            history?.map((h) => h.message),
            `${x.namespace}/${x.name} history`,
          )
          .toEqual(['Automatic deployment']);
      }
    },
  );
});
