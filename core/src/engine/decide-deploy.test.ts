import { describe, expect, it } from 'vitest';
import type { DeploymentHistoryEntry, RolloutStatus } from '../model/index.js';
import { decide } from './decide.js';
import { decideStable } from './test-support/expect.js';
import { decideOrFail } from './test-support/world.js';
import { gate, imagePolicy, kustomization, observed, rollout } from './test-support/fixtures.js';

const T0 = Date.parse('2026-11-27T10:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const iso = (minutes: number) => at(minutes).toISOString().replace('.000Z', 'Z');

const succeeded = (id: number, tag: string): DeploymentHistoryEntry => ({
  id,
  version: { tag },
  timestamp: '2026-11-27T09:00:00Z',
  message: 'Automatic deployment',
  triggeredBy: { kind: 'System', name: 'kuberik' },
  bakeStatus: 'Succeeded',
  bakeStatusMessage: 'No bake time configured, deployment completed immediately.',
});
const deployedStatus = (
  tags: string[],
  current: string,
  extra: Partial<RolloutStatus> = {},
): RolloutStatus => ({
  availableReleases: tags.map((tag) => ({ tag })),
  history: [succeeded(1, current)],
  currentVersion: current,
  ...extra,
});

describe('discovery', () => {
  it('deploys the first version of a fresh rollout when no gate applies', () => {
    const { plan } = decideStable(observed(), at(0));
    expect(plan.patches).toEqual([
      {
        target: {
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
          kind: 'Kustomization',
          namespace: 'prod',
          name: 'app',
          resourceVersion: '1',
        },
        patch: { spec: { postBuild: { substitute: { APP_VERSION: 'v1.0.0' } } } },
        reason: 'Deploy v1.0.0: set spec.postBuild.substitute.APP_VERSION',
      },
    ]);
    const s = plan.status!;
    expect(s.availableReleases).toEqual([{ tag: 'v1.0.0' }]);
    expect(s.currentVersion).toBe('v1.0.0');
    expect(s.pendingVersion).toBeUndefined();
    expect(s.phase).toBe('Succeeded');
    expect(s.history?.[0]).toEqual({
      id: 1,
      version: { tag: 'v1.0.0' },
      timestamp: iso(0),
      message: 'Automatic deployment',
      triggeredBy: { kind: 'System', name: 'kuberik' },
      bakeStatus: 'Succeeded',
      bakeStatusMessage: 'No bake time configured, deployment completed immediately.',
    });
    const cond = Object.fromEntries(s.conditions!.map((c) => [c.type, [c.status, c.reason, c.message]]));
    expect(cond).toEqual({
      Ready: ['True', 'RolloutSucceeded', 'Release deployed successfully. Bake completed successfully'],
      ReleasesUpdated: [
        'True',
        'ReleasesUpdated',
        'Available releases were updated successfully from ImagePolicy',
      ],
      GatesPassing: ['True', 'UpToDate', 'No pending version; the rollout is up to date'],
      DeploymentBlocked: ['False', 'HealthChecksHealthy', ''],
      BakeFailureDisabled: ['False', 'Normal', ''],
    });
    expect(s.observedGeneration).toBe(1);
    expect(plan.events).toEqual([
      { type: 'Normal', reason: 'Deployed', message: 'Deployed v1.0.0 (Automatic deployment)' },
    ]);
  });

  it('appends new tags in discovery order, keeps old entries as they were, and dedupes', () => {
    const w = observed({
      rollout: rollout(
        {},
        {
          status: deployedStatus(['v1', 'v2', 'v1'], 'v2', {
            availableReleases: [{ tag: 'v1', digest: 'sha256:old' }, { tag: 'v2' }, { tag: 'v1' }],
          }),
        },
      ),
      imagePolicy: imagePolicy('v1', 'sha256:new'),
    });
    const { plan } = decideStable(w, at(0));
    expect(plan.status?.availableReleases).toEqual([{ tag: 'v1', digest: 'sha256:old' }, { tag: 'v2' }]);
    expect(plan.patches).toEqual([]);
  });

  it('treats a tag discovered later as newer, whatever its number (discovery order)', () => {
    const w = observed({
      rollout: rollout({}, { status: deployedStatus(['v1.3.0'], 'v1.3.0') }),
      imagePolicy: imagePolicy('v1.2.1'),
    });
    const { plan } = decideStable(w, at(0));
    expect(plan.status?.currentVersion).toBe('v1.2.1');
    expect(plan.status?.availableReleases?.map((v) => v.tag)).toEqual(['v1.3.0', 'v1.2.1']);
  });

  it('reads a v1beta2 ImagePolicy (latestImage with a registry port)', () => {
    const w = observed({
      imagePolicy: {
        ...imagePolicy(),
        apiVersion: 'image.toolkit.fluxcd.io/v1beta2',
        status: { latestImage: 'registry.local:5000/app:v2.0.0' },
      },
    });
    const { plan } = decideStable(w, at(0));
    expect(plan.status?.currentVersion).toBe('v2.0.0');
  });

  it('waits quietly when the ImagePolicy has no tag yet', () => {
    const { plan } = decideStable(observed({ imagePolicy: imagePolicy() }), at(0));
    expect(plan.status?.phase).toBe('Idle');
    expect(plan.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      message: 'No releases available',
    });
    expect(plan.patches).toEqual([]);
  });
});

describe('candidates and one version at a time', () => {
  it('lists releases discovered after the current version, newest first, and deploys only the newest', () => {
    const w = observed({
      rollout: rollout({}, { status: deployedStatus(['v1', 'v2', 'v3'], 'v1') }),
      imagePolicy: imagePolicy('v4'),
    });
    const { plan } = decideStable(w, at(0));
    expect(plan.status?.history?.[0]?.message).toBe('Automatic deployment, skipped v3, v2');
    expect(plan.status?.currentVersion).toBe('v4');
    expect(plan.status?.releaseCandidates).toEqual([]);
  });

  it('holds a new version while the current one bakes, and records it as pending', () => {
    const baking: DeploymentHistoryEntry = {
      ...succeeded(1, 'v1'),
      bakeStatus: 'InProgress',
      bakeStartTime: iso(-1),
      timestamp: iso(-2),
    };
    const w = observed({
      rollout: rollout(
        { bakeTime: '10m' },
        { status: { availableReleases: [{ tag: 'v1' }], history: [baking] } },
      ),
      imagePolicy: imagePolicy('v2'),
    });
    const { plan } = decideStable(w, at(0));
    expect(plan.patches).toEqual([]);
    expect(plan.status).toMatchObject({
      phase: 'Baking',
      currentVersion: 'v1',
      pendingVersion: 'v2',
      releaseCandidates: [{ tag: 'v2' }],
    });
    expect(plan.wakeAt).toEqual(at(9));
  });

  it('starts the next lifecycle in the same decision as the bake ends', () => {
    const baking: DeploymentHistoryEntry = {
      ...succeeded(1, 'v1'),
      bakeStatus: 'InProgress',
      bakeStartTime: iso(-10),
      timestamp: iso(-11),
    };
    const w = observed({
      rollout: rollout(
        { bakeTime: '10m' },
        { status: { availableReleases: [{ tag: 'v1' }], history: [baking] } },
      ),
      imagePolicy: imagePolicy('v2'),
    });
    const { plan } = decideStable(w, at(0));
    expect(plan.events.map((e) => e.reason)).toEqual(['Succeeded', 'Deployed', 'BakeStarted']);
    expect(plan.status?.history?.map((h) => [h.version.tag, h.bakeStatus])).toEqual([
      ['v2', 'InProgress'],
      ['v1', 'Succeeded'],
    ]);
  });
});

describe('deploy', () => {
  it('patches every Kustomization that names the rollout, only the substitute variables', () => {
    const w = observed({
      kustomizations: [
        kustomization('app', { substitute: { APP_VERSION: 'v0', REGION: 'eu' } }),
        kustomization('worker', {
          annotations: {
            'rollout.kuberik.com/substitute.WORKER_TAG.from': 'app',
            'rollout.kuberik.com/substitute.SIDECAR_TAG.from': 'prod/app',
          },
        }),
        kustomization('edge', {
          namespace: 'edge',
          annotations: { 'rollout.kuberik.com/substitute.APP_VERSION.from': 'prod/app' },
        }),
        kustomization('stranger', {
          namespace: 'edge',
          annotations: { 'rollout.kuberik.com/substitute.APP_VERSION.from': 'app' },
        }),
        kustomization('other', {
          annotations: { 'rollout.kuberik.com/substitute.APP_VERSION.from': 'other-app' },
        }),
      ],
    });
    // The app Kustomization already substitutes v0: adopted first, then v1.0.0 deploys.
    const { plan } = decideStable(w, at(0));
    expect(plan.patches.map((p) => [`${p.target.namespace}/${p.target.name}`, p.patch])).toEqual([
      ['edge/edge', { spec: { postBuild: { substitute: { APP_VERSION: 'v1.0.0' } } } }],
      ['prod/app', { spec: { postBuild: { substitute: { APP_VERSION: 'v1.0.0' } } } }],
      [
        'prod/worker',
        { spec: { postBuild: { substitute: { SIDECAR_TAG: 'v1.0.0', WORKER_TAG: 'v1.0.0' } } } },
      ],
    ]);
    expect(plan.status?.history?.map((h) => h.version.tag)).toEqual(['v1.0.0', 'v0']);
  });

  it('prepends history with increasing ids and trims it to versionHistoryLimit', () => {
    const w = observed({
      rollout: rollout(
        { versionHistoryLimit: 2 },
        {
          status: {
            availableReleases: [{ tag: 'v1' }, { tag: 'v2' }],
            history: [succeeded(7, 'v2'), succeeded(6, 'v1')],
            currentVersion: 'v2',
          },
        },
      ),
      imagePolicy: imagePolicy('v3'),
    });
    const { plan } = decideStable(w, at(0));
    expect(plan.status?.history?.map((h) => [h.id, h.version.tag])).toEqual([
      [8, 'v3'],
      [7, 'v2'],
    ]);
  });

  it('starts in Deploying when health checks, bakeTime or deployTimeout are configured', () => {
    for (const spec of [
      { deployTimeout: '5m' },
      { healthCheckSelector: { selector: { matchLabels: { app: 'x' } } } },
    ]) {
      const { plan } = decideStable(observed({ rollout: rollout(spec) }), at(0));
      // No HealthCheck selected: the bake starts at once and, without bakeTime, completes.
      expect(plan.status?.history?.[0]).toMatchObject({
        bakeStatus: 'Succeeded',
        bakeStartTime: iso(0),
        bakeEndTime: iso(0),
      });
      expect(plan.events.map((e) => e.reason)).toEqual(['Deployed', 'BakeStarted', 'Succeeded']);
    }
  });

  it('does not patch a Kustomization that already substitutes the version', () => {
    const w = observed({
      rollout: rollout({}, { status: deployedStatus(['v1'], 'v1') }),
      imagePolicy: imagePolicy('v2'),
      kustomizations: [
        kustomization('app', { substitute: { APP_VERSION: 'v1' } }),
        kustomization('b', { substitute: { APP_VERSION: 'v2' } }),
      ],
    });
    expect(decide(w, at(0)).patches.map((p) => p.target.name)).toEqual(['app']);
  });
});

describe('adoption (spec §5)', () => {
  it('adopts the running version instead of redeploying it, and gates the next one', () => {
    const w = observed({
      kustomizations: [kustomization('app', { substitute: { APP_VERSION: 'v0.9.0' } })],
      gates: [gate('approval')],
    });
    const { plan } = decideStable(w, at(0));
    expect(plan.patches).toEqual([]);
    expect(plan.status).toMatchObject({
      currentVersion: 'v0.9.0',
      pendingVersion: 'v1.0.0',
      phase: 'WaitingForGates',
      availableReleases: [{ tag: 'v0.9.0' }, { tag: 'v1.0.0' }],
    });
    expect(plan.status?.history).toEqual([
      {
        id: 1,
        version: { tag: 'v0.9.0' },
        timestamp: iso(0),
        message: 'Adopted running version',
        triggeredBy: { kind: 'System', name: 'kuberik' },
        bakeStatus: 'Succeeded',
        bakeStatusMessage: 'Adopted running version',
      },
    ]);
    expect(plan.events[0]).toEqual({
      type: 'Normal',
      reason: 'Adopted',
      message: 'Adopted running version v0.9.0',
    });
  });

  it('has nothing pending when the running version is the latest', () => {
    const w = observed({ kustomizations: [kustomization('app', { substitute: { APP_VERSION: 'v1.0.0' } })] });
    const { plan } = decideStable(w, at(0));
    expect(plan.status).toMatchObject({
      phase: 'Succeeded',
      currentVersion: 'v1.0.0',
      availableReleases: [{ tag: 'v1.0.0' }],
    });
    expect(plan.status?.pendingVersion).toBeUndefined();
  });

  it('does not adopt a placeholder that is not an image tag; the first version goes through gates', () => {
    const w = observed({
      kustomizations: [kustomization('app', { substitute: { APP_VERSION: '${APP_VERSION}' } })],
      gates: [gate('approval')],
    });
    const { plan } = decideStable(w, at(0));
    expect(plan.status?.history).toEqual([]);
    expect(plan.status?.phase).toBe('WaitingForGates');
  });
});

describe('bad input (spec §6)', () => {
  const ready = (plan: ReturnType<typeof decide>) => plan.status?.conditions?.find((c) => c.type === 'Ready');

  it('reports a missing ImagePolicy and what to do', () => {
    const { plan } = decideStable(observed({ imagePolicy: undefined }), at(0));
    const message = 'ImagePolicy prod/app not found; create it or fix spec.releasesImagePolicy';
    expect(ready(plan)).toMatchObject({ status: 'False', reason: 'RolloutFailed', message });
    expect(plan.status?.conditions?.find((c) => c.type === 'ReleasesUpdated')).toMatchObject({
      status: 'False',
      reason: 'ImagePolicyNotFound',
    });
    expect(plan.events).toContainEqual({ type: 'Warning', reason: 'ImagePolicyNotFound', message });
    expect(plan.patches).toEqual([]);
  });

  it('refuses a malformed tag from the ImagePolicy', () => {
    const { plan } = decideStable(observed({ imagePolicy: imagePolicy('-bad tag') }), at(0));
    expect(plan.status?.availableReleases).toEqual([]);
    expect(plan.status?.conditions?.find((c) => c.type === 'ReleasesUpdated')?.message).toMatch(
      /"-bad tag", which is not a valid image tag/,
    );
    expect(plan.events.map((e) => e.reason)).toEqual(['InvalidTag']);
  });

  it.each([
    [
      { bakeTime: '5 minutes' },
      'spec.bakeTime "5 minutes" is not a duration; use the Go form, e.g. 90s, 5m, 1h30m',
    ],
    [
      { deployTimeout: '1d' },
      'spec.deployTimeout "1d" is not a duration; use the Go form, e.g. 90s, 5m, 1h30m',
    ],
    [
      {
        healthCheckSelector: {
          selector: { matchExpressions: [{ key: 'app', operator: 'Is' as never, values: ['x'] }] },
        },
      },
      'spec.healthCheckSelector.selector is invalid: matchExpressions[0] (app) has unknown operator "Is" (use In, NotIn, Exists or DoesNotExist)',
    ],
    [{ versionHistoryLimit: 0 }, 'spec.versionHistoryLimit "0" must be a whole number ≥ 1'],
    [{ wantedVersion: 'not a tag' }, 'spec.wantedVersion "not a tag" is not a valid image tag'],
  ])('InvalidSpec %j: names field and value, deploys nothing', (spec, message) => {
    const { plan } = decideStable(observed({ rollout: rollout(spec) }), at(0));
    expect(ready(plan)).toMatchObject({ status: 'False', reason: 'InvalidSpec', message });
    expect(plan.status?.phase).toBe('Blocked');
    expect(plan.patches).toEqual([]);
    expect(plan.events).toEqual([{ type: 'Warning', reason: 'InvalidSpec', message }]);
  });

  it('says how to fix a rollout no Kustomization points at', () => {
    const { plan } = decideStable(
      observed({ kustomizations: [kustomization('x', { annotations: {} })] }),
      at(0),
    );
    expect(ready(plan)?.message).toBe(
      'No Kustomization is annotated rollout.kuberik.com/substitute.<VAR>.from: app (in namespace prod, or with value prod/app), and no OCIRepository in prod is annotated rollout.kuberik.com/rollout: app; annotate the Kustomization or OCIRepository that deploys this app',
    );
    expect(plan.status).toMatchObject({ phase: 'Blocked', pendingVersion: 'v1.0.0', history: [] });
    expect(plan.events.map((e) => e.reason)).toEqual(['RolloutFailed']);
  });

  it('refuses a substitute annotation without a usable variable name', () => {
    const w = observed({
      kustomizations: [
        kustomization('app', { annotations: { 'rollout.kuberik.com/substitute.APP.VERSION.from': 'app' } }),
      ],
    });
    const { plan } = decideStable(w, at(0));
    expect(ready(plan)?.message).toMatch(
      /Kustomization prod\/app has annotation "rollout.kuberik.com\/substitute.APP.VERSION.from", which names no valid variable/,
    );
    expect(plan.patches).toEqual([]);
  });

  it.each([
    ['no spec', { ...rollout(), spec: undefined as never }, 'InvalidSpec'],
    [
      'garbage history',
      rollout(
        {},
        { status: { history: [null as never, { id: 'x' } as never], availableReleases: [null as never] } },
      ),
      // Entries that are not objects are ignored, so the newest version deploys as on a clean start.
      'RolloutSucceeded',
    ],
    [
      'odd condition list',
      rollout({}, { status: { conditions: [{ type: 'Ready' } as never] } }),
      'RolloutSucceeded',
    ],
  ])('decides %s with a specific condition, not an internal error', (_, r, reason) => {
    const plan = decideOrFail(observed({ rollout: r }), at(0));
    expect(ready(plan)?.reason).toBe(reason);
  });
});

describe('status bookkeeping', () => {
  it('moves lastTransitionTime only when a condition changes status', () => {
    const first = decideStable(observed({ gates: [gate('approval')] }), at(0)).world;
    const gatesAt = (w: typeof first) => w.rollout.status?.conditions?.find((c) => c.type === 'GatesPassing');
    expect(gatesAt(first)).toMatchObject({ status: 'False', lastTransitionTime: iso(0) });
    const second = decideStable({ ...first, imagePolicy: imagePolicy('v1.1.0') }, at(5)).world;
    expect(gatesAt(second)).toMatchObject({ status: 'False', lastTransitionTime: iso(0) });
    const approved = { ...second, gates: [gate('approval', { allowedVersions: ['v1.1.0'] })] };
    const third = decideStable(approved, at(6)).world;
    expect(gatesAt(third)).toMatchObject({ status: 'True', lastTransitionTime: iso(6) });
  });

  it('reports the rollout generation it acted on', () => {
    const r = rollout();
    r.metadata.generation = 7;
    expect(decide(observed({ rollout: r }), at(0)).status?.observedGeneration).toBe(7);
  });
});
