import { describe, expect, it } from 'vitest';
import type { Lease } from '../kube/index.js';
import { SHARD_ANNOTATION, leaseExpired, leaseExpiresAt, liveHolder } from './lease-record.js';
import { memberLeaseName, shardLeaseName, shardOf } from './shards.js';

const now = new Date('2026-12-01T10:00:00Z');
const ago = (s: number): string => new Date(now.getTime() - s * 1000).toISOString();
const lease = (
  holder: string | null,
  renewedSecondsAgo: number,
  duration: number,
  shard?: string,
): Lease => ({
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  metadata: {
    name: 'kuberik-rollout-app',
    namespace: 'shop',
    ...(shard ? { annotations: { [SHARD_ANNOTATION]: shard } } : {}),
  },
  spec: { holderIdentity: holder, renewTime: ago(renewedSecondsAgo), leaseDurationSeconds: duration },
});

describe('liveHolder', () => {
  it('judges a renewed Lease by its own times', () => {
    expect(liveHolder(lease('dev@laptop 1', 5, 15), now, () => 'unknown')).toBe('dev@laptop 1');
    expect(liveHolder(lease('dev@laptop 1', 16, 15), now, () => 'unknown')).toBeUndefined();
    expect(liveHolder(lease(null, 1, 15), now, () => 'unknown')).toBeUndefined();
  });

  it('judges a controller Lease by its shard: same holder and unexpired', () => {
    const claim = lease('pod-a', 600, 3600, 'kuberik-system/kuberik-shard-3-of-16');
    const shard = (holder: string, ago: number) => () => lease(holder, ago, 15);
    expect(liveHolder(claim, now, shard('pod-a', 4))).toBe('pod-a');
    expect(liveHolder(claim, now, shard('pod-a', 20)), 'shard expired').toBeUndefined();
    expect(liveHolder(claim, now, shard('pod-b', 1)), 'shard moved to another replica').toBeUndefined();
    expect(
      liveHolder(claim, now, () => undefined),
      'shard Lease gone',
    ).toBeUndefined();
  });

  it('falls back to the Lease’s own (long) duration when the shard cannot be seen', () => {
    const claim = lease('pod-a', 600, 3600, 'kuberik-system/kuberik-shard-3-of-16');
    expect(liveHolder(claim, now, () => 'unknown')).toBe('pod-a');
    expect(liveHolder(lease('pod-a', 3601, 3600, 'x/y'), now, () => 'unknown')).toBeUndefined();
  });
});

describe('leaseExpiresAt / leaseExpired', () => {
  const at = (spec: Lease['spec']): Lease => ({
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: 'kuberik-rollout-app', namespace: 'shop' },
    spec,
  });
  const t = (s: number): string => new Date(now.getTime() + s * 1000).toISOString();
  it.each([
    [
      'renewTime + leaseDurationSeconds',
      { holderIdentity: 'a', renewTime: t(-10), leaseDurationSeconds: 30 },
      20,
      false,
    ],
    [
      'just past its duration',
      { holderIdentity: 'a', renewTime: t(-31), leaseDurationSeconds: 30 },
      -1,
      true,
    ],
    [
      'acquireTime when never renewed',
      { holderIdentity: 'a', acquireTime: t(-5), leaseDurationSeconds: 10 },
      5,
      false,
    ],
    [
      'renewTime wins over acquireTime',
      { holderIdentity: 'a', acquireTime: t(-100), renewTime: t(-1), leaseDurationSeconds: 10 },
      9,
      false,
    ],
    ['15 s when the duration is missing', { holderIdentity: 'a', renewTime: t(-10) }, 5, false],
    [
      'no holder: expired whatever the times',
      { holderIdentity: null, renewTime: t(0), leaseDurationSeconds: 60 },
      60,
      true,
    ],
  ] as const)('%s', (_, spec, expiresInSeconds, expired) => {
    expect(leaseExpiresAt(at(spec))).toBe(now.getTime() + expiresInSeconds * 1000);
    expect(leaseExpired(at(spec), now)).toBe(expired);
  });

  it('counts unreadable times as expired', () => {
    expect(leaseExpiresAt(at({ holderIdentity: 'a', renewTime: 'yesterday' }))).toBeNaN();
    expect(
      leaseExpired(at({ holderIdentity: 'a', renewTime: 'yesterday', leaseDurationSeconds: 15 }), now),
    ).toBe(true);
    expect(leaseExpired(at({ holderIdentity: 'a' }), now)).toBe(true);
  });
});

describe('shards', () => {
  it('puts a rollout in the same shard every time, and spreads rollouts over all shards', () => {
    expect(shardOf({ namespace: 'shop', name: 'checkout' }, 16)).toBe(
      shardOf({ namespace: 'shop', name: 'checkout' }, 16),
    );
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(shardOf({ namespace: `ns-${i % 7}`, name: `app-${i}` }, 16));
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i));
  });

  it('names shard and member Leases validly for any identity', () => {
    expect(shardLeaseName(3, 16)).toBe('kuberik-shard-3-of-16');
    for (const identity of [
      'kuberik-controller-5d8f7-x2k9q',
      'Alice@Laptop.local 4242',
      '@@@',
      'x'.repeat(300),
    ]) {
      const name = memberLeaseName(identity);
      expect(name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      expect(name.length).toBeLessThanOrEqual(63);
    }
    expect(memberLeaseName('a b')).not.toBe(memberLeaseName('a-b'));
  });
});
