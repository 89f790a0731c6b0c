// TEMPORARY: the phased decide() against the pre-phases one (decide-legacy.ts), plan for plan.
import { describe, expect, it } from 'vitest';
import type {
  BakeStatus,
  DeploymentHistoryEntry,
  HealthCheckStatus,
  RolloutSpec,
} from '../../model/index.js';
import { decide } from '../decide.js';
import { decideLegacy } from '../decide-legacy.js';
import type { Observed, Plan } from '../plan.js';
import {
  gate,
  healthCheck,
  imagePolicy,
  kustomization,
  observed,
  rollout,
  schedule,
} from '../test-support/fixtures.js';
import { randomWorld, seededRandom, WORLD_T0 } from '../test-support/random-worlds.js';
import { applyPlan, flux } from '../test-support/world.js';

const T0 = WORLD_T0;
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString().replace('.000Z', 'Z');

// A copy of idempotence.test.ts's generator.
function world(rand: () => number): Observed {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const tags = ['v1', 'v2', 'v3', 'v4'].slice(0, 1 + Math.floor(rand() * 4));
  const specs: Partial<RolloutSpec>[] = [
    {},
    { bakeTime: '10m' },
    {
      bakeTime: '10m',
      deployTimeout: '5m',
      healthCheckSelector: { selector: { matchLabels: { app: 'app' } } },
    },
    { healthCheckSelector: { selector: {} } },
    { wantedVersion: pick(tags) },
  ];
  const bake = pick<BakeStatus | undefined>([
    'Deploying',
    'InProgress',
    'Succeeded',
    'Failed',
    'Cancelled',
    undefined,
  ]);
  const history: DeploymentHistoryEntry[] =
    rand() < 0.2
      ? []
      : [
          {
            id: 3,
            version: { tag: pick(tags) },
            timestamp: iso(-20),
            ...(bake ? { bakeStatus: bake } : {}),
            ...(bake === 'InProgress' ? { bakeStartTime: iso(-15) } : {}),
            ...(rand() < 0.2 ? { lastRetryTimestamp: iso(-3) } : {}),
          },
        ];
  const annotations: Record<string, string> = {};
  if (rand() < 0.2) annotations['rollout.kuberik.com/force-deploy'] = pick([...tags, 'nope']);
  if (rand() < 0.2) annotations['rollout.kuberik.com/retry'] = 'x';
  if (rand() < 0.2) annotations['rollout.kuberik.com/unblock-failed'] = 'true';
  if (rand() < 0.2) annotations['rollout.kuberik.com/bypass-gates'] = pick([...tags, 'nope']);
  const hcStatus = (): HealthCheckStatus | undefined =>
    pick([
      undefined,
      { status: 'Healthy', lastChangeTime: iso(pick([-30, -1])) },
      { status: 'Unhealthy', message: 'x', lastChangeTime: iso(-2), lastErrorTime: iso(pick([-30, -2])) },
      { status: 'Pending', lastChangeTime: iso(-1) },
    ]);
  const conditions =
    rand() < 0.3
      ? [
          {
            type: 'BakeFailureDisabled',
            status: 'True' as const,
            reason: 'PreviousBakeFailed',
            message: '',
            lastTransitionTime: iso(-20),
          },
        ]
      : [];
  return observed({
    rollout: rollout(pick(specs), {
      status: {
        availableReleases: tags.slice(0, -1).map((tag) => ({ tag })),
        history,
        conditions,
        ...(rand() < 0.2 ? { rejectedVersions: [pick(tags)] } : {}),
      },
      annotations,
      labels: { tier: 'web' },
    }),
    imagePolicy: rand() < 0.1 ? undefined : imagePolicy(tags[tags.length - 1]),
    gates: pick([
      [],
      [gate('a')],
      [gate('a', { allowedVersions: [pick(tags)] })],
      [gate('a', { deniedVersions: [pick(tags)] })],
      [gate('a', { passing: true })],
      [
        gate('a', { allowedVersions: [pick(tags)] }),
        gate('b', { allowedVersions: [pick(tags), pick(tags)] }),
      ],
      [
        gate('a', { passing: false }),
        gate('b', { allowedVersions: [pick(tags)], deniedVersions: [pick(tags)] }),
      ],
    ]),
    schedules:
      rand() < 0.3
        ? [
            schedule('s', {
              action: pick(['Allow', 'Deny'] as const),
              rules: [{ timeRange: { start: '09:30', end: '10:30' } }],
            }),
          ]
        : [],
    healthChecks: [
      healthCheck('ext', { class: 'external', ...(hcStatus() ? { status: hcStatus() } : {}) }),
      healthCheck('ks', { kustomization: 'app', ...(hcStatus() ? { status: hcStatus() } : {}) }),
    ],
    kustomizations: [
      kustomization('app', {
        ...(rand() < 0.5 ? { substitute: { APP_VERSION: pick(tags) } } : {}),
        ready: pick([
          { status: 'True' },
          { status: 'False', reason: 'HealthCheckFailed' },
          { status: 'Unknown', reason: 'Progressing' },
        ] as const),
        generation: 2,
        observedGeneration: pick([1, 2]),
      }),
    ],
  });
}

let compared = 0;
let deployed = 0;
let internal = 0;
function same(w: Observed, now: Date): Plan {
  const a = decide(structuredClone(w), now);
  const b = decideLegacy(structuredClone(w), now);
  expect(a).toStrictEqual(b);
  compared++;
  if (a.events.some((e) => e.reason === 'Deployed')) deployed++;
  if (a.events.some((e) => e.reason === 'InternalError')) internal++;
  return a;
}

function walk(w0: Observed, steps: number): void {
  let w = w0;
  for (let s = 0; s < steps; s++) {
    const now = new Date(T0 + s * 7 * 60_000);
    const plan = same(w, now);
    try {
      w = applyPlan(w, plan);
      w = flux(w, now, { fails: (values) => values.includes('v3') });
    } catch {
      return;
    }
  }
}

describe('differential: phased decide() against the pre-phases one', () => {
  it('gives the same plan over the idempotence generator', { timeout: 900_000 }, () => {
    const rand = seededRandom(42);
    for (let i = 0; i < 200; i++) walk(world(rand), 5);
    for (let seed = 1; seed <= 20; seed++) {
      const r = seededRandom(seed * 7919);
      for (let i = 0; i < 200; i++) walk(world(r), 4);
    }
  });
  it('gives the same plan over richer random worlds', { timeout: 900_000 }, () => {
    for (let seed = 1; seed <= 40; seed++) {
      const r = seededRandom(seed);
      for (let i = 0; i < 250; i++) walk(randomWorld(r), 4);
    }
    console.log(`compared ${compared} plans; ${deployed} deployed; ${internal} internal errors`);
  });
});
