// The idempotence property over many generated worlds: whatever the state, deciding again on the
// applied plan at the same instant changes nothing, and no world makes the engine fail internally.
import { describe, expect, it } from 'vitest';
import type { BakeStatus, DeploymentHistoryEntry, HealthCheckStatus, RolloutSpec } from '../model/index.js';
import type { Observed } from './plan.js';
import { decideStable } from './test-support/expect.js';
import {
  gate,
  healthCheck,
  imagePolicy,
  kustomization,
  observed,
  rollout,
  schedule,
} from './test-support/fixtures.js';
import { applyPlan, decideOrFail, flux, step } from './test-support/world.js';

/** A small deterministic PRNG (mulberry32), so every run checks the same worlds. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const T0 = Date.parse('2026-11-27T10:00:00Z');
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString().replace('.000Z', 'Z');

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

describe('idempotence over generated worlds', () => {
  it('holds for 200 worlds, and over a few steps of each with Flux playing along', () => {
    const rand = random(42);
    for (let i = 0; i < 200; i++) {
      let w = world(rand);
      for (let s = 0; s < 4; s++) {
        const now = new Date(T0 + s * 7 * 60_000);
        // One legitimate exception: a manual deploy that completed at once, with a newer candidate
        // allowed through, is followed by that candidate on the next pass (force-deploy is one-shot).
        const plan = decideOrFail(w, now);
        const h0 = plan.status?.history?.[0];
        const followUp =
          plan.events.some((e) => e.reason === 'Deployed') &&
          h0?.triggeredBy?.kind === 'User' &&
          h0.bakeStatus === 'Succeeded' &&
          !!plan.status?.pendingVersion;
        w = followUp ? applyPlan(w, plan) : decideStable(w, now).world;
        w = flux(w, now, { fails: (values) => values.includes('v3') });
      }
      // step() fails on an InternalError plan, not only on an exception.
      expect(() => step(w, new Date(T0 + 60 * 60_000))).not.toThrow();
    }
  });
});
