// Spec §10.7 failover with a fake clock: when a replica dies, the survivor holds every shard as
// soon as the dead replica's Leases expire — not one renew interval later, when it would next
// have looked on its own.
import { Kinds, type Lease } from '@kuberik/core/kube';
import { leaseExpired, leaseExpiresAt, liveHolder } from '@kuberik/core/driver';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, seedApp, startHarness } from './harness.js';

const SHARDS = 4;
const DURATION_MS = 15_000; // the spec's default Lease duration

describe('shard failover', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  const controllerLeases = async (role: 'shard' | 'member'): Promise<Lease[]> =>
    (await h.kube.list(Kinds.Lease, { namespace: 'prod' })).items.filter(
      (l) => l.metadata.labels?.['kuberik.com/controller-lease'] === role,
    );
  const holders = async (): Promise<(string | undefined)[]> =>
    (await controllerLeases('shard')).map((l) => liveHolder(l, h.clock.now(), () => 'unknown'));

  it('the survivor takes every shard when the dead replica Leases expire', async () => {
    h = await startHarness();
    await seedApp(h.kube, { name: 'my-app', healthCheck: false });
    const a = await h.startDriver({ holder: 'controller-a', shards: SHARDS });
    await h.startDriver({ holder: 'controller-b', shards: SHARDS });
    await h.eventually('the replicas share the shards', async () => {
      const hs = await holders();
      return hs.length === SHARDS && hs.filter((x) => x === 'controller-b').length === SHARDS / 2;
    });

    await a.stop({ releaseLeases: false }); // as after a SIGKILL: nothing is released
    const deadLeases = [...(await controllerLeases('member')), ...(await controllerLeases('shard'))].filter(
      (l) => l.spec?.holderIdentity === 'controller-a',
    );
    const lastExpiry = Math.max(...deadLeases.map(leaseExpiresAt));
    expect(lastExpiry - h.clock.now().getTime()).toBeLessThanOrEqual(DURATION_MS);

    // Move to just past the last of those expiries: 1 ms, plus at most 10 ms of the survivor's
    // jitter, plus 1 ms of rounding.
    while (h.clock.now().getTime() < lastExpiry - 100) await h.advance(100, 100);
    await h.advance(lastExpiry + 12 - h.clock.now().getTime(), 4);
    expect(deadLeases.every((l) => leaseExpired(l, h.clock.now()))).toBe(true);
    // eventually() polls in real time while the fake clock stands still: the takeover must happen
    // by now, not at the survivor's next regular tick (up to a renew interval, 5 s, later).
    await h.eventually('the survivor holds every shard', async () =>
      (await holders()).every((x) => x === 'controller-b'),
    );
  });
});
