import { describe, expect, it } from 'vitest';
import type { LabelSelector } from '../model/index.js';
import { candidates, failedVersions } from './candidates.js';
import { versionFromImagePolicy } from './discovery.js';
import { formatGoDuration, parseDuration } from './duration.js';
import { gateDecision } from './gates.js';
import { kustomizationHealth, selectHealthChecks } from './health.js';
import { matchesLabelSelector } from './selectors.js';
import { gate, healthCheck, imagePolicy, kustomization, rollout } from './test-support/fixtures.js';
import type { NamespaceInfo } from './plan.js';
import { formatRfc3339 } from './time.js';

describe('parseDuration (Go time.ParseDuration)', () => {
  it.each([
    ['90s', 90_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['0.5h', 1_800_000],
    ['1.5h', 5_400_000],
    ['250ms', 250],
    ['1m30.5s', 90_500],
    ['0', 0],
    ['-5m', -300_000],
    ['.5s', 500],
    ['1us', 0.001],
  ])('%s → %d ms', (text, ms) => expect(parseDuration(text)).toBeCloseTo(ms, 6));

  it.each(['', '5', 'five minutes', '5 m', '5x', '1d', 'm', ' 5m', '5m ', '--5m'])('rejects %j', (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );

  it('reads only RFC 3339 timestamps: "9999" is not a year 9999 health change', async () => {
    const { parseTime } = await import('./time.js');
    expect(parseTime('9999')).toBeUndefined();
    expect(parseTime('yesterday')).toBeUndefined();
    expect(parseTime('2026-12-03T08:00:00Z')).toBe(Date.parse('2026-12-03T08:00:00Z'));
    expect(parseTime('2026-12-03T08:00:00.5+01:00')).toBe(Date.parse('2026-12-03T07:00:00.5Z'));
  });

  it('rejects what Go cannot represent instead of returning Infinity (issue 11 point 5)', () => {
    expect(parseDuration(`${'9'.repeat(400)}h`)).toBeUndefined();
    expect(parseDuration('2562047h')).toBe(2562047 * 3_600_000); // Go's largest whole hour count
    expect(parseDuration('2562048h')).toBeUndefined();
  });

  it('formats durations for messages as Go does', () => {
    expect(formatGoDuration(180_000)).toBe('3m0s');
    expect(formatGoDuration(3_600_000)).toBe('1h0m0s');
    expect(formatGoDuration(45_000)).toBe('45s');
  });
});

describe('formatRfc3339', () => {
  it('writes whole seconds in UTC', () => {
    expect(formatRfc3339(new Date('2026-11-27T21:35:54.987Z'))).toBe('2026-11-27T21:35:54Z');
    expect(formatRfc3339(new Date('2026-11-27T22:35:54+01:00'))).toBe('2026-11-27T21:35:54Z');
  });
});

describe('matchesLabelSelector', () => {
  const labels = { app: 'web', tier: 'frontend' };
  it.each<[string, LabelSelector | undefined, boolean]>([
    ['absent selects nothing', undefined, false],
    ['empty selects everything', {}, true],
    ['matchLabels hit', { matchLabels: { app: 'web' } }, true],
    ['matchLabels miss', { matchLabels: { app: 'api' } }, false],
    ['In', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend', 'x'] }] }, true],
    ['In miss', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }] }, false],
    ['NotIn', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['backend'] }] }, true],
    ['NotIn on missing key', { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, true],
    ['Exists', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, true],
    ['DoesNotExist', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, false],
    [
      'labels AND expressions',
      { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'zone', operator: 'Exists' }] },
      false,
    ],
  ])('%s', (_, selector, matches) => expect(matchesLabelSelector(selector, labels)).toEqual({ matches }));

  it.each<[LabelSelector, RegExp]>([
    [
      { matchExpressions: [{ key: 'a', operator: 'Equals' as never, values: ['x'] }] },
      /unknown operator "Equals"/,
    ],
    [{ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, /needs at least one value/],
    [{ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, /must not have values/],
  ])('reports an invalid selector and matches nothing (%j)', (selector, message) => {
    const m = matchesLabelSelector(selector, { a: 'x' });
    expect(m.matches).toBe(false);
    expect(m.error).toMatch(message);
  });
});

describe('versionFromImagePolicy', () => {
  const v1beta2 = (latestImage: string) => ({ ...imagePolicy(), status: { latestImage } });
  it.each([
    ['v1 latestRef', imagePolicy('v1.2.0', 'sha256:aa'), { tag: 'v1.2.0', digest: 'sha256:aa' }],
    ['v1beta2 repo:tag', v1beta2('ghcr.io/acme/app:v1.2.0'), { tag: 'v1.2.0' }],
    ['registry port', v1beta2('registry.local:5000/app:v1'), { tag: 'v1' }],
    ['tag and digest', v1beta2('host:5000/team/app:1.0@sha256:abc'), { tag: '1.0', digest: 'sha256:abc' }],
  ])('%s', (_, policy, version) => expect(versionFromImagePolicy(policy)).toEqual(version));

  it.each([
    ['no status', { ...imagePolicy(), status: undefined }],
    ['only a port, no tag', v1beta2('registry.local:5000/app')],
    ['digest only', v1beta2('ghcr.io/acme/app@sha256:abc')],
    ['empty tag', { ...imagePolicy(), status: { latestRef: { tag: '' } } }],
  ])('nothing yet: %s', (_, policy) => expect(versionFromImagePolicy(policy)).toBeUndefined());
});

describe('gateDecision (spec §2.2, first match wins)', () => {
  it.each([
    ['denied beats everything', { passing: true, allowedVersions: ['v2'], deniedVersions: ['v2'] }, 'Denied'],
    ['closed gate', { passing: false, allowedVersions: ['v2'] }, 'Pending'],
    ['allowed', { allowedVersions: ['v2'] }, 'Approved'],
    ['awaiting approval', { allowedVersions: ['v1'] }, 'Pending'],
    ['empty allow-list', { allowedVersions: [] }, 'Pending'],
    ['allow-list beats passing', { passing: true, allowedVersions: [] }, 'Pending'],
    ['passing', { passing: true }, 'Approved'],
    ['bare gate is a manual approval', {}, 'Pending'],
  ])('%s', (_, spec, decision) => expect(gateDecision(gate('g', spec), 'v2').decision).toBe(decision));

  it('uses the upstream message for a closed gate and names the version awaiting approval', () => {
    expect(gateDecision(gate('g', { passing: false }), 'v2').message).toBe('Gate is not passing');
    expect(gateDecision(gate('g', {}), 'v2').message).toBe('Waiting for approval of v2');
  });
});

describe('kustomizationHealth (spec §2.4)', () => {
  it.each([
    ['Ready for the current generation', kustomization('k', { ready: { status: 'True' } }), 'Healthy'],
    [
      'Ready from before our patch',
      kustomization('k', { ready: { status: 'True' }, generation: 3, observedGeneration: 2 }),
      'Pending',
    ],
    ['progressing', kustomization('k', { ready: { status: 'Unknown', reason: 'Progressing' } }), 'Pending'],
    [
      'False while progressing',
      kustomization('k', { ready: { status: 'False', reason: 'Progressing' } }),
      'Pending',
    ],
    [
      'False while reconciling',
      kustomization('k', { ready: { status: 'False', reason: 'Reconciling' } }),
      'Pending',
    ],
    ['failed', kustomization('k', { ready: { status: 'False', reason: 'HealthCheckFailed' } }), 'Unhealthy'],
    ['missing', undefined, 'Unhealthy'],
  ])('%s', (_, k, status) => expect(kustomizationHealth(k, 'prod/k').status).toBe(status));

  it('takes the failure witness from the Ready condition', () => {
    const k = kustomization('k', {
      ready: {
        status: 'False',
        reason: 'BuildFailed',
        message: 'kustomize build failed',
        lastTransitionTime: '2026-11-27T10:00:00Z',
      },
    });
    expect(kustomizationHealth(k)).toEqual({
      status: 'Unhealthy',
      message: 'Kustomization prod/k is not ready (BuildFailed): kustomize build failed',
      errorTime: '2026-11-27T10:00:00Z',
    });
    expect(kustomizationHealth(undefined, 'prod/gone').message).toBe('Kustomization prod/gone not found');
  });
});

describe('candidates', () => {
  const releases = ['v1', 'v2', 'v3', 'v4'].map((tag) => ({ tag }));
  it.each<[string, string | undefined, string[], string[]]>([
    ['everything when nothing is deployed', undefined, [], ['v4', 'v3', 'v2', 'v1']],
    ['after the current version, newest first', 'v2', [], ['v4', 'v3']],
    ['minus rejected and failed', 'v1', ['v3'], ['v4', 'v2']],
    ['none when up to date', 'v4', [], []],
    ['none after a version never discovered', 'custom', [], []],
  ])('%s', (_, current, excluded, expected) =>
    expect(candidates(releases, current, new Set(excluded)).map((v) => v.tag)).toEqual(expected),
  );

  it('remembers a version as failed only while its latest bake failed', () => {
    const e = (tag: string, bakeStatus: 'Failed' | 'Succeeded') => ({
      id: 1,
      version: { tag },
      timestamp: 'x',
      bakeStatus,
    });
    expect([...failedVersions([e('v2', 'Succeeded'), e('v3', 'Failed'), e('v2', 'Failed')])]).toEqual(['v3']);
  });
});

describe('selectHealthChecks', () => {
  const hcs = [
    healthCheck('b', { labels: { app: 'app' } }),
    healthCheck('a', { labels: { app: 'app' } }),
    healthCheck('other', { labels: { app: 'other' } }),
    healthCheck('remote', { labels: { app: 'app' }, namespace: 'shared' }),
  ];
  const namespaces: NamespaceInfo[] = [
    { name: 'prod', labels: { env: 'prod' } },
    { name: 'shared', labels: { env: 'prod', shared: 'yes' } },
  ];
  const names = (r: ReturnType<typeof selectHealthChecks>) =>
    r.healthChecks.map((h) => `${h.metadata.namespace}/${h.metadata.name}`);

  it('selects by labels in the rollout namespace, sorted', () => {
    const r = rollout({ healthCheckSelector: { selector: { matchLabels: { app: 'app' } } } });
    expect(names(selectHealthChecks(r, hcs, namespaces))).toEqual(['prod/a', 'prod/b']);
  });
  it('searches the namespaces a namespaceSelector matches', () => {
    const r = rollout({
      healthCheckSelector: {
        selector: { matchLabels: { app: 'app' } },
        namespaceSelector: { matchLabels: { shared: 'yes' } },
      },
    });
    expect(names(selectHealthChecks(r, hcs, namespaces))).toEqual(['shared/remote']);
  });
  it('selects nothing without a selector, as upstream', () => {
    expect(names(selectHealthChecks(rollout({ healthCheckSelector: {} }), hcs, namespaces))).toEqual([]);
  });
});
