// Random but reproducible worlds for property tests of the engine: every input decide() reads is
// varied (spec problems, pins, several history entries and who triggered them, every manual
// request, gates and schedules, HealthChecks, Kustomization and OCIRepository targets, refused reads).
import type {
  BakeStatus,
  Condition,
  DeploymentHistoryEntry,
  HealthCheck,
  HealthCheckStatus,
  OCIRepository,
  RolloutSpec,
  TriggeredBy,
} from '../../model/index.js';
import { ADOPTED } from '../outcome.js';
import { UNBLOCKED_SUFFIX } from '../history.js';
import type { Observed } from '../plan.js';
import {
  gate,
  healthCheck,
  imagePolicy,
  kustomization,
  NS,
  observed,
  rollout,
  schedule,
} from './fixtures.js';

/** A small deterministic PRNG (mulberry32): the same seed gives the same worlds on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const WORLD_T0 = Date.parse('2026-11-27T10:00:00Z');
const iso = (minutes: number): string =>
  new Date(WORLD_T0 + minutes * 60_000).toISOString().replace('.000Z', 'Z');

type Rand = () => number;
const picker =
  (rand: Rand) =>
  <T>(xs: readonly T[]): T =>
    xs[Math.floor(rand() * xs.length)] as T;
const chance = (rand: Rand, p: number): boolean => rand() < p;

const BAKE: readonly (BakeStatus | undefined)[] = [
  'Deploying',
  'InProgress',
  'Succeeded',
  'Failed',
  'Cancelled',
  undefined,
];

function spec(rand: Rand, tags: string[]): Partial<RolloutSpec> {
  const pick = picker(rand);
  return {
    ...(chance(rand, 0.5) ? { bakeTime: pick(['10m', '0', '1h', 'soon']) } : {}),
    ...(chance(rand, 0.3) ? { deployTimeout: pick(['5m', '30s', '-1s']) } : {}),
    ...(chance(rand, 0.4)
      ? { healthCheckSelector: pick([{ selector: {} }, { selector: { matchLabels: { app: 'app' } } }]) }
      : {}),
    ...(chance(rand, 0.2) ? { wantedVersion: pick([...tags, 'v9']) } : {}),
    ...(chance(rand, 0.15) ? { versionHistoryLimit: pick([1, 2, 5]) } : {}),
    ...(chance(rand, 0.05) ? { releasesImagePolicy: { name: '' } } : {}),
  };
}

function trigger(rand: Rand): TriggeredBy {
  return picker(rand)<TriggeredBy>([
    { kind: 'System', name: 'kuberik' },
    { kind: 'User', name: 'alice' },
    { kind: 'FieldManager', name: 'kubectl-edit' },
  ]);
}

function history(rand: Rand, tags: string[]): DeploymentHistoryEntry[] {
  const pick = picker(rand);
  const length = pick([0, 1, 1, 2, 3]);
  return Array.from({ length }, (_, i) => {
    const bake = i === 0 ? pick(BAKE) : pick<BakeStatus>(['Succeeded', 'Failed', 'Cancelled']);
    return {
      id: length - i,
      version: { tag: pick(tags) },
      timestamp: iso(-20 - 30 * i),
      message: pick(['Automatic deployment', `Automatic deployment, ${UNBLOCKED_SUFFIX}`, ADOPTED, 'fix']),
      triggeredBy: trigger(rand),
      ...(bake ? { bakeStatus: bake } : {}),
      ...(bake === 'InProgress' ? { bakeStartTime: iso(-15) } : {}),
      ...(chance(rand, 0.2) ? { lastRetryTimestamp: iso(-3) } : {}),
    };
  });
}

function annotations(rand: Rand, tags: string[]): Record<string, string> {
  const pick = picker(rand);
  const out: Record<string, string> = {};
  if (chance(rand, 0.25)) out['rollout.kuberik.com/force-deploy'] = pick([...tags, 'nope', '']);
  if (chance(rand, 0.2)) out['rollout.kuberik.com/retry'] = 'x';
  if (chance(rand, 0.2)) out['rollout.kuberik.com/unblock-failed'] = pick(['true', 'false']);
  if (chance(rand, 0.2)) out['rollout.kuberik.com/bypass-gates'] = pick([...tags, 'nope']);
  if (chance(rand, 0.15)) out['rollout.kuberik.com/deploy-message'] = 'hotfix';
  if (chance(rand, 0.15)) out['rollout.kuberik.com/deploy-user'] = 'bob';
  return out;
}

function conditions(rand: Rand): Condition[] {
  const pick = picker(rand);
  const out: Condition[] = [];
  if (chance(rand, 0.3)) {
    out.push({
      type: 'BakeFailureDisabled',
      status: pick(['True', 'False'] as const),
      reason: 'PreviousBakeFailed',
      message: '',
      lastTransitionTime: iso(-20),
    });
  }
  if (chance(rand, 0.2)) {
    out.push({
      type: 'ManualRequest',
      status: 'False',
      reason: 'ForceDeployRefused',
      message: 'x',
      lastTransitionTime: iso(-5),
    });
  }
  return out;
}

function hcStatus(rand: Rand): HealthCheckStatus | undefined {
  return picker(rand)([
    undefined,
    { status: 'Healthy', lastChangeTime: iso(picker(rand)([-30, -1])) },
    {
      status: 'Unhealthy',
      message: 'x',
      lastChangeTime: iso(-2),
      lastErrorTime: iso(picker(rand)([-30, -2])),
    },
    { status: 'Pending', lastChangeTime: iso(-1) },
  ]);
}

const withStatus = (hc: HealthCheck, status: HealthCheckStatus | undefined): HealthCheck =>
  status ? { ...hc, status } : hc;

function ociRepository(tag: string | undefined): OCIRepository {
  return {
    apiVersion: 'source.toolkit.fluxcd.io/v1',
    kind: 'OCIRepository',
    metadata: {
      name: 'app-oci',
      namespace: NS,
      resourceVersion: '7',
      annotations: { 'rollout.kuberik.com/rollout': 'app' },
    },
    spec: { url: 'oci://ghcr.io/acme/app', interval: '1m', ref: tag ? { tag } : {} },
  };
}

function targets(rand: Rand, tags: string[]): Pick<Observed, 'kustomizations' | 'ociRepositories'> {
  const pick = picker(rand);
  const ks = () =>
    kustomization('app', {
      ...(chance(rand, 0.6) ? { substitute: { APP_VERSION: pick(tags) } } : {}),
      ready: pick([
        { status: 'True' },
        { status: 'False', reason: 'HealthCheckFailed' },
        { status: 'Unknown', reason: 'Progressing' },
      ] as const),
      generation: 2,
      observedGeneration: pick([1, 2]),
    });
  return pick([
    { kustomizations: [ks()] },
    { kustomizations: [ks(), kustomization('other', { annotations: {} })] },
    { kustomizations: [], ociRepositories: [ociRepository(pick([...tags, undefined]))] },
    { kustomizations: [ks()], ociRepositories: [ociRepository(pick(tags))] },
    { kustomizations: [] },
  ]);
}

/** One random world around the rollout `app` in `prod`, with releases among v1…v4. */
export function randomWorld(rand: Rand): Observed {
  const pick = picker(rand);
  const tags = ['v1', 'v2', 'v3', 'v4'].slice(0, 1 + Math.floor(rand() * 4));
  const known = tags.slice(0, pick([0, -1, -1]) || tags.length);
  return observed({
    rollout: rollout(spec(rand, tags), {
      status: {
        availableReleases: [...known, ...(chance(rand, 0.1) ? known.slice(0, 1) : [])].map((tag) => ({
          tag,
        })),
        history: history(rand, tags),
        conditions: conditions(rand),
        ...(chance(rand, 0.2) ? { rejectedVersions: [pick(tags)] } : {}),
      },
      annotations: annotations(rand, tags),
      labels: { tier: 'web' },
    }),
    imagePolicy: pick([
      undefined,
      imagePolicy(tags[tags.length - 1]),
      imagePolicy('bad tag!'),
      imagePolicy(),
    ]),
    gates: pick([
      [],
      [gate('a')],
      [gate('a', { allowedVersions: [pick(tags)] })],
      [gate('a', { deniedVersions: [pick(tags)] })],
      [gate('a', { passing: pick([true, false]) })],
      [
        gate('a', { allowedVersions: [pick(tags)] }),
        gate('b', { allowedVersions: [pick(tags), pick(tags)] }),
      ],
      [
        gate('a', { passing: false }),
        gate('b', { allowedVersions: [pick(tags)], deniedVersions: [pick(tags)] }),
      ],
    ]),
    schedules: chance(rand, 0.3)
      ? [
          schedule('s', {
            action: pick(['Allow', 'Deny'] as const),
            rules: [{ timeRange: { start: pick(['09:30', '10:05']), end: '10:30' } }],
          }),
        ]
      : [],
    healthChecks: [
      withStatus(healthCheck('ext', { class: 'external' }), hcStatus(rand)),
      withStatus(healthCheck('ks', { kustomization: 'app' }), hcStatus(rand)),
    ],
    ...targets(rand, tags),
    ...(chance(rand, 0.1)
      ? {
          unreadable: [
            {
              resource: 'kustomizations.kustomize.toolkit.fluxcd.io',
              verb: 'list',
              namespace: 'flux-system',
            },
          ],
        }
      : {}),
  });
}
