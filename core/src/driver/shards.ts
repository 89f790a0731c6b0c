// Shard arithmetic and names (spec §10.7): a stable hash of namespace/name picks one of N shards,
// so every replica, whatever its version or start order, puts a rollout in the same shard.
import { createHash } from 'node:crypto';
import type { RolloutKey } from './api.js';

/** Shards when the controller is not told otherwise: few enough writes, enough to spread over replicas. */
export const DEFAULT_SHARDS = 16;
/** Upper bound for --shards: each shard is one Lease write per renew interval. */
export const MAX_SHARDS = 40;

/** FNV-1a (32 bit) of `namespace/name`: stable across processes, versions and platforms. */
export function shardOf(key: RolloutKey, count: number): number {
  let h = 0x811c9dc5;
  const s = `${key.namespace}/${key.name}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % count;
}

/** `kuberik-shard-<i>-of-<N>`: N is in the name, so replicas run with different --shards never share a Lease. */
export const shardLeaseName = (index: number, count: number): string => `kuberik-shard-${index}-of-${count}`;

const shortHash = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 10);

/** One Lease per replica says it is alive (how many replicas share the shards); a valid name for any identity. */
export function memberLeaseName(identity: string): string {
  const slug = identity
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 30)
    .replace(/-+$/, '');
  return `kuberik-controller-${slug ? `${slug}-` : ''}${shortHash(identity)}`;
}

/** Rendezvous score: each replica prefers a different, stable set of shards, so rebalancing moves few. */
export const preference = (identity: string, index: number): number =>
  parseInt(shortHash(`${identity}\u0000${index}`).slice(0, 8), 16);
