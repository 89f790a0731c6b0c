// Spec §10.1 (newest allowed version) and §10.4 (bypass-gates), as tables of observed worlds.
import { describe, expect, it } from 'vitest';
import type { DeploymentHistoryEntry, RolloutStatus } from '../model/index.js';
import { decideStable } from './test-support/expect.js';
import { gate, healthCheck, imagePolicy, observed, rollout } from './test-support/fixtures.js';
import { annotate, step } from './test-support/world.js';

const T0 = Date.parse('2026-11-27T10:00:00Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);
const BYPASS = 'rollout.kuberik.com/bypass-gates';

const entry = (tag: string, extra: Partial<DeploymentHistoryEntry> = {}): DeploymentHistoryEntry => ({
  id: 1,
  version: { tag },
  timestamp: '2026-11-27T09:00:00Z',
  message: 'Automatic deployment',
  triggeredBy: { kind: 'System', name: 'kuberik' },
  bakeStatus: 'Succeeded',
  ...extra,
});
/** Deployed 0.1.0; 0.2.0 and 0.3.0 discovered after it (0.3.0 newest). */
const onOld = (extra: Partial<RolloutStatus> = {}): RolloutStatus => ({
  availableReleases: [{ tag: '0.1.0' }, { tag: '0.2.0' }, { tag: '0.3.0' }],
  history: [entry('0.1.0')],
  currentVersion: '0.1.0',
  ...extra,
});
const world = (
  parts: Parameters<typeof observed>[0] = {},
  annotations?: Record<string, string>,
  status: RolloutStatus = onOld(),
) =>
  observed({
    rollout: rollout({}, { status, ...(annotations ? { annotations } : {}) }),
    imagePolicy: imagePolicy('0.3.0'),
    ...parts,
  });
const cond = (s: RolloutStatus | undefined, type: string) => s?.conditions?.find((c) => c.type === type);

describe('newest allowed version (spec §10.1)', () => {
  it('deploys the version an allow-list names although a newer one exists (the promotion pattern)', () => {
    const { plan } = decideStable(world({ gates: [gate('promote', { allowedVersions: ['0.2.0'] })] }), at(0));
    expect(plan.patches).toHaveLength(1);
    expect(plan.patches[0]?.patch).toEqual({ spec: { postBuild: { substitute: { APP_VERSION: '0.2.0' } } } });
    expect(plan.status?.currentVersion).toBe('0.2.0');
    expect(plan.status?.history?.[0]?.message).toBe('Automatic deployment');
    // The newer version stays a candidate and now waits for the gate.
    expect(plan.status?.releaseCandidates).toEqual([{ tag: '0.3.0' }]);
    expect(plan.status).toMatchObject({ pendingVersion: '0.3.0', phase: 'WaitingForGates' });
  });

  it('deploys the intersection of two allow-lists', () => {
    const { plan } = decideStable(
      world({
        gates: [
          gate('staging-passed', { allowedVersions: ['0.2.0', '0.3.0'] }),
          gate('qa-passed', { allowedVersions: ['0.1.0', '0.2.0'] }),
        ],
      }),
      at(0),
    );
    expect(plan.status?.currentVersion).toBe('0.2.0');
  });

  it('skips a version a gate denies and takes the newest one still allowed', () => {
    const status = onOld({
      availableReleases: [{ tag: '0.1.0' }, { tag: '0.2.0' }, { tag: '0.3.0' }, { tag: '0.4.0' }],
    });
    const { plan } = decideStable(
      world(
        {
          imagePolicy: imagePolicy('0.4.0'),
          gates: [
            gate('promote', { allowedVersions: ['0.2.0', '0.3.0', '0.4.0'], deniedVersions: ['0.3.0'] }),
          ],
        },
        undefined,
        status,
      ),
      at(0),
    );
    // 0.4.0 is allowed and newest: deployed, reporting the older candidates it passed over.
    expect(plan.status?.currentVersion).toBe('0.4.0');
    expect(plan.status?.history?.[0]?.message).toBe('Automatic deployment, skipped 0.3.0, 0.2.0');
  });

  it('with none allowed, waits on the newest candidate and names the gate whose list excludes it', () => {
    const { plan } = decideStable(
      world({
        gates: [
          gate('staging-passed', { allowedVersions: ['0.2.0'] }),
          gate('qa-passed', { allowedVersions: ['0.3.0'] }),
        ],
      }),
      at(0),
    );
    expect(plan.patches).toEqual([]);
    expect(plan.status).toMatchObject({ pendingVersion: '0.3.0', phase: 'WaitingForGates' });
    expect(cond(plan.status, 'GatesPassing')).toMatchObject({
      status: 'False',
      reason: 'NoAllowedVersions',
      message:
        'No release candidate is allowed by every gate: 0.3.0 is excluded by staging-passed (allowedVersions)',
    });
    expect(plan.status?.releaseCandidates?.map((v) => v.tag)).toEqual(['0.3.0', '0.2.0']);
  });

  it('decides bare approval gates for the allowed version, not the newest', () => {
    const { plan } = decideStable(
      world({ gates: [gate('promote', { allowedVersions: ['0.2.0'] }), gate('approval')] }),
      at(0),
    );
    expect(plan.patches).toEqual([]);
    expect(plan.status?.pendingVersion).toBe('0.2.0');
    expect(plan.status?.gates?.map((g) => [g.name, g.decision, g.message])).toEqual([
      ['approval', 'Pending', 'Waiting for approval of 0.2.0'],
      ['promote', 'Approved', '0.2.0 is approved'],
    ]);
    expect(cond(plan.status, 'GatesPassing')?.reason).toBe('SomeGatesBlocking');
  });
});

describe('rollout.kuberik.com/bypass-gates (spec §10.4)', () => {
  const closed = [gate('approval'), gate('freeze', { passing: false })];

  it('deploys a bypassed candidate past closed gates, says so, and removes the annotation', () => {
    const { plan, world: after } = decideStable(
      world({ gates: closed }, { [BYPASS]: '0.2.0', 'rollout.kuberik.com/deploy-user': 'alice' }),
      at(0),
    );
    expect(plan.status?.currentVersion).toBe('0.2.0');
    expect(plan.status?.history?.[0]).toMatchObject({
      message: 'Automatic deployment, with gate bypass',
      triggeredBy: { kind: 'System', name: 'kuberik' },
    });
    expect(plan.clearAnnotations).toEqual(
      expect.arrayContaining([BYPASS, 'rollout.kuberik.com/deploy-user']),
    );
    expect(plan.events.map((e) => e.reason)).toContain('Deployed');
    // After the deploy, 0.3.0 waits for the (no longer bypassed) gates.
    expect(after.rollout.status).toMatchObject({ pendingVersion: '0.3.0', phase: 'WaitingForGates' });
    expect(after.rollout.status?.gates?.every((g) => g.bypassGates === undefined)).toBe(true);
  });

  it('still waits for an unhealthy environment, keeping the request and showing the bypass', () => {
    const sick = healthCheck('db', { class: 'external', status: { status: 'Unhealthy', message: 'down' } });
    const w = observed({
      rollout: rollout(
        { healthCheckSelector: { selector: { matchLabels: { app: 'app' } } } },
        { status: onOld(), annotations: { [BYPASS]: '0.2.0' } },
      ),
      imagePolicy: imagePolicy('0.3.0'),
      gates: closed,
      healthChecks: [sick],
    });
    const { plan } = decideStable(w, at(0));
    expect(plan.patches).toEqual([]);
    expect(plan.clearAnnotations).toEqual([]);
    expect(plan.status).toMatchObject({ pendingVersion: '0.2.0', phase: 'Blocked' });
    expect(cond(plan.status, 'DeploymentBlocked')?.status).toBe('True');
    expect(cond(plan.status, 'GatesPassing')).toMatchObject({
      status: 'True',
      reason: 'GatesBypassed',
      message: 'Gates bypassed for version 0.2.0',
    });
    expect(plan.status?.gates?.map((g) => [g.name, g.decision, g.message, g.bypassGates])).toEqual([
      ['approval', 'Approved', 'Gate bypassed for version 0.2.0', true],
      ['freeze', 'Approved', 'Gate bypassed for version 0.2.0', true],
    ]);
  });

  it('still waits behind a failed bake', () => {
    const { plan } = decideStable(
      world(
        { gates: closed },
        { [BYPASS]: '0.2.0' },
        onOld({ history: [entry('0.1.0', { bakeStatus: 'Failed' })] }),
      ),
      at(0),
    );
    expect(plan.patches).toEqual([]);
    expect(plan.status).toMatchObject({ pendingVersion: '0.2.0', phase: 'Blocked' });
  });

  it('bypasses a deny-list too: the version is not rejected', () => {
    const { plan } = decideStable(
      world({ gates: [gate('approval', { deniedVersions: ['0.3.0'] })] }, { [BYPASS]: '0.3.0' }),
      at(0),
    );
    expect(plan.status?.currentVersion).toBe('0.3.0');
    expect(plan.status?.rejectedVersions).toBeUndefined();
  });

  it.each([
    ['an unknown tag', '9.9.9', '9.9.9 is not a release candidate'],
    ['the deployed version', '0.1.0', '0.1.0 is already deployed'],
    ['"true"', 'true', 'true is not a release candidate'],
  ])('refuses %s with a condition and an Event, and removes it', (_what, tag, why) => {
    const { plan, world: after } = decideStable(world({ gates: closed }, { [BYPASS]: tag }), at(0));
    expect(plan.patches).toEqual([]);
    expect(plan.clearAnnotations).toEqual([BYPASS]);
    const message = `Gate bypass for ${tag} refused: ${why} (candidates: 0.3.0, 0.2.0); set ${BYPASS} to a candidate, or use a manual deploy`;
    expect(plan.events).toContainEqual({ type: 'Warning', reason: 'BypassRefused', message });
    expect(cond(plan.status, 'ManualRequest')).toMatchObject({
      status: 'False',
      reason: 'BypassRefused',
      message,
    });
    expect(cond(plan.status, 'GatesPassing')?.reason).toBe('SomeGatesBlocking');
    // It never fires later: the annotation is gone; the refusal stays shown until a request succeeds.
    const later = step(after, at(60));
    expect(later.plan.patches).toEqual([]);
    expect(cond(later.world.rollout.status, 'ManualRequest')?.reason).toBe('BypassRefused');
  });

  it('replaces a shown refusal with Accepted once a bypass takes effect', () => {
    const refused = decideStable(world({ gates: closed }, { [BYPASS]: 'nope' }), at(0)).world;
    const next = step(annotate(refused, { [BYPASS]: '0.2.0' }), at(60));
    expect(next.plan.status?.currentVersion).toBe('0.2.0');
    expect(cond(next.plan.status, 'ManualRequest')).toMatchObject({ status: 'True', reason: 'Accepted' });
  });

  it('removes a bypass history[0] already records without refusing it (lost annotation removal)', () => {
    const status = onOld({
      history: [entry('0.2.0', { id: 2, message: 'Automatic deployment, with gate bypass' }), entry('0.1.0')],
      currentVersion: '0.2.0',
    });
    const { plan } = decideStable(world({ gates: closed }, { [BYPASS]: '0.2.0' }, status), at(0));
    expect(plan.clearAnnotations).toEqual([BYPASS]);
    expect(plan.events.filter((e) => e.reason === 'BypassRefused')).toEqual([]);
  });

  it('is refused while a force-deploy stands; the force-deploy goes out', () => {
    const { plan } = decideStable(
      world({}, { [BYPASS]: '0.2.0', 'rollout.kuberik.com/force-deploy': '0.3.0' }),
      at(0),
    );
    expect(plan.status?.currentVersion).toBe('0.3.0');
    expect(plan.clearAnnotations).toEqual(
      expect.arrayContaining([BYPASS, 'rollout.kuberik.com/force-deploy']),
    );
    expect(plan.events.find((e) => e.reason === 'BypassRefused')?.message).toContain(
      'a force-deploy of 0.3.0 stands and goes first',
    );
  });

  it('is refused while pinned', () => {
    const w = observed({
      rollout: rollout({ wantedVersion: '0.1.0' }, { status: onOld(), annotations: { [BYPASS]: '0.2.0' } }),
      imagePolicy: imagePolicy('0.3.0'),
    });
    const { plan } = decideStable(w, at(0));
    expect(plan.clearAnnotations).toEqual([BYPASS]);
    expect(plan.events.find((e) => e.reason === 'BypassRefused')?.message).toContain('pinned to 0.1.0');
  });
});

describe('a rollout the upstream controller wrote (issue 10 point 8)', () => {
  it('keeps id-less history and upstream fields, gives the new entry an id, and rewrites gate summaries', () => {
    const legacy = {
      history: [
        { version: { tag: '0.1.0' }, timestamp: '2026-11-27T09:00:00Z', bakeStatus: 'Succeeded' as const },
      ],
      availableReleases: [{ tag: '0.1.0' }, { tag: '0.2.0' }],
      gates: [{ name: 'promote', passing: true, allowedVersions: null, message: 'Gate is passing' }],
      artifactType: 'application/vnd.oci.image.manifest.v1+json',
      title: 'app',
    } as unknown as RolloutStatus;
    const { plan } = decideStable(
      world(
        { gates: [gate('promote', { passing: true })], imagePolicy: imagePolicy('0.2.0') },
        undefined,
        legacy,
      ),
      at(0),
    );
    expect(plan.status?.history?.map((e) => [e.id, e.version.tag])).toEqual([
      [1, '0.2.0'],
      [undefined, '0.1.0'],
    ]);
    expect(plan.status).toMatchObject({
      artifactType: 'application/vnd.oci.image.manifest.v1+json',
      title: 'app',
    });
    expect(plan.status?.gates).toEqual([
      {
        name: 'promote',
        namespace: 'prod',
        kind: 'RolloutGate',
        decision: 'Approved',
        message: 'Gate is passing',
      },
    ]);
  });
});
