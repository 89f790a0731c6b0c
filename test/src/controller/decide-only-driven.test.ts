// A process runs the engine only for the rollouts it drives (issue 14: settling from cold is bound
// by CPU). A rollout a live `watch` holds, or any rollout seen by an observer (`get`, a viewer), is
// shown from the caches without a plan: its snapshot is there, the engine never runs for it.
import { type EngineDriver, createDriver, microTime } from '@kuberik/core/driver';
import type { Observed, Plan } from '@kuberik/core/engine';
import { decide } from '@kuberik/core/engine';
import { createKube } from '@kuberik/core/kube';
import { leaseName } from '@kuberik/core/model';
import type { Sandbox } from '@kuberik/core/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { LEASE, ROLLOUT, ensureNamespace, seedApp, waitFor } from './support/fixtures.js';
import { sandboxWithCrds } from './support/in-process.js';

const NS = 'team';
const free = ['app-0', 'app-1', 'app-2'];
const heldByWatch = ['app-3', 'app-4', 'app-5'];
const WATCH = 'dev@laptop 4242';

let sandbox: Sandbox | undefined;
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
  await sandbox?.close();
  sandbox = undefined;
});

async function setup(): Promise<Sandbox> {
  const sb = (sandbox = await sandboxWithCrds());
  for (const ns of [NS, 'kuberik-system']) ensureNamespace(sb.store, ns);
  for (const name of [...free, ...heldByWatch]) seedApp(sb.store, { namespace: NS, name, tag: 'v1' });
  // A developer's `watch` drives these: a live per-rollout Lease of its own, no shard pointer.
  const now = microTime(new Date());
  for (const name of heldByWatch) {
    sb.store.create({
      ...LEASE,
      metadata: { name: leaseName(name), namespace: NS },
      spec: { holderIdentity: WATCH, leaseDurationSeconds: 3600, acquireTime: now, renewTime: now },
    });
  }
  return sb;
}

function start(
  sb: Sandbox,
  o: { observe?: boolean },
): { driver: EngineDriver; decided: Map<string, number> } {
  const kube = createKube({ kubeconfigText: sb.kubeconfig() });
  const decided = new Map<string, number>();
  const counting = (observed: Observed, now: Date): Plan => {
    const name = observed.rollout.metadata.name;
    decided.set(name, (decided.get(name) ?? 0) + 1);
    return decide(observed, now);
  };
  const driver = createDriver({
    kube,
    scope: {}, // every namespace
    identity: 'ctl',
    holderIdentity: 'ctl',
    decide: counting,
    ...(o.observe ? { observe: true } : { shards: { count: 4, namespace: 'kuberik-system' } }),
  });
  stops.push(async () => {
    await driver.stop();
    kube.close();
  });
  return { driver, decided };
}

const phaseOf = (sb: Sandbox, name: string): string | undefined =>
  (sb.store.get(ROLLOUT.apiVersion, ROLLOUT.kind, name, NS)?.status as { phase?: string } | undefined)?.phase;

describe('the engine runs only for driven rollouts', () => {
  it('a controller decides the rollouts it drives, and only shows those a live watch holds', async () => {
    const sb = await setup();
    const { driver, decided } = start(sb, {});
    await driver.start();
    await waitFor(
      'the free rollouts deployed',
      () => free.every((n) => phaseOf(sb, n) === 'Succeeded'),
      60_000,
    );
    await driver.idle();

    for (const name of free) expect(decided.get(name), name).toBeGreaterThan(0);
    for (const name of heldByWatch) {
      expect(decided.get(name), name).toBeUndefined();
      expect(phaseOf(sb, name), name).toBeUndefined();
      expect(driver.snapshot({ namespace: NS, name })?.lease).toMatchObject({
        driving: false,
        holder: WATCH,
      });
    }
  });

  it('an observer shows every rollout without running the engine', async () => {
    const sb = await setup();
    const { driver, decided } = start(sb, { observe: true });
    await driver.start();
    await waitFor('a snapshot of every rollout', () => driver.snapshots().length === 6, 30_000);
    await driver.idle();
    expect(decided.size).toBe(0);
    expect(
      driver
        .snapshots()
        .map((s) => s.key.name)
        .sort(),
    ).toEqual([...free, ...heldByWatch]);
  });
});
