// metav1.Time fields of built-ins are decoded as kube-apiserver decodes them. The expected answers
// were read off a real kube-apiserver v1.34 (test/src/real-cluster/differential-time.ts keeps
// comparing them on every write path).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from './sandbox.js';
import { applyPatch, http, mergePatch } from './test-support/fixtures.js';
import type { Sandbox } from './types.js';

const EVENTS = '/api/v1/namespaces/default/events';
const EVENTS_V1 = '/apis/events.k8s.io/v1/namespaces/default/events';
const DEPLOYS = '/apis/apps/v1/namespaces/default/deployments';
const RFC3339 = '"2006-01-02T15:04:05Z07:00"';
const strategic = { 'content-type': 'application/strategic-merge-patch+json' };

const event = (name: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name },
  involvedObject: { kind: 'ConfigMap', name: 'a', namespace: 'default' },
  reason: 'Tested',
  type: 'Normal',
  ...extra,
});
const cannotHandle = (kind: string, why: string) =>
  `${kind} in version "v1" cannot be handled as a ${kind}: ${why}`;

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

describe('core/v1 Event firstTimestamp/lastTimestamp', () => {
  it('stores any offset and fraction in UTC seconds', async () => {
    const r = await http(
      sb,
      'POST',
      EVENTS,
      event('utc', {
        firstTimestamp: '2026-12-03T23:30:00.5-01:30',
        lastTimestamp: '2026-12-03T12:00:01.123456789+02:00',
      }),
    );
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      firstTimestamp: '2026-12-04T01:00:00Z',
      lastTimestamp: '2026-12-03T10:00:01Z',
    });
    const got = await http(sb, 'GET', `${EVENTS}/utc`);
    expect(got.body.lastTimestamp).toBe('2026-12-03T10:00:01Z');
  });

  it('answers unset times as null and Go’s other zero values, owning none of them', async () => {
    const r = await http(sb, 'POST', EVENTS, event('unset', { firstTimestamp: null }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      firstTimestamp: null,
      lastTimestamp: null,
      eventTime: null,
      source: {},
      reportingComponent: '',
      reportingInstance: '',
    });
    const owned = Object.keys(r.body.metadata.managedFields[0].fieldsV1);
    expect(owned).toEqual(['f:involvedObject', 'f:reason', 'f:type']);
  });

  it.each([
    ['yesterday', `parsing time "yesterday" as ${RFC3339}: cannot parse "yesterday" as "2006"`],
    ['2026-13-03T12:00:00Z', 'parsing time "2026-13-03T12:00:00Z": month out of range'],
    [5, 'json: cannot unmarshal number into Go struct field Event.firstTimestamp of type string'],
    [{}, 'json: cannot unmarshal object into Go struct field Event.firstTimestamp of type string'],
  ])('refuses firstTimestamp %j on create with 400 and Go’s text', async (firstTimestamp, why) => {
    const r = await http(sb, 'POST', EVENTS, event('bad', { firstTimestamp }));
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ reason: 'BadRequest', message: cannotHandle('Event', why) });
    expect((await http(sb, 'GET', `${EVENTS}/bad`)).status).toBe(404);
  });

  it('refuses a bad time on update (400), merge patch (422), strategic patch (422) and apply (500)', async () => {
    await http(sb, 'POST', EVENTS, event('held', { lastTimestamp: '2026-12-03T12:00:00Z' }));
    const put = await http(sb, 'PUT', `${EVENTS}/held`, event('held', { lastTimestamp: '2026-12-04' }));
    expect(put.body).toMatchObject({
      code: 400,
      message: cannotHandle('Event', `parsing time "2026-12-04" as ${RFC3339}: cannot parse "" as "T"`),
    });

    const merge = await http(sb, 'PATCH', `${EVENTS}/held`, { lastTimestamp: 'soon' }, mergePatch);
    expect(merge.status).toBe(422);
    expect(merge.body.details.causes).toHaveLength(1);
    expect(merge.body.message).toMatch(
      /^ "" is invalid: patch: Invalid value: "\{.*\\"eventTime\\":null,\\"firstTimestamp\\":null,.*\\"source\\":\{\},.*": parsing time "soon" as "2006-01-02T15:04:05Z07:00": cannot parse "soon" as "2006"$/,
    );

    const smp = await http(sb, 'PATCH', `${EVENTS}/held`, { lastTimestamp: '2026-12-03T12:00' }, strategic);
    expect(smp.body.message).toBe(
      ` "" is invalid: patch: Invalid value: "map[lastTimestamp:2026-12-03T12:00]": parsing time "2026-12-03T12:00" as ${RFC3339}: cannot parse "" as ":"`,
    );

    const apply = await http(
      sb,
      'PATCH',
      `${EVENTS}/held?fieldManager=t`,
      JSON.stringify(event('held', { firstTimestamp: 'later' })),
      applyPatch,
    );
    expect(apply.status).toBe(500);
    expect(apply.body.message).toBe(
      `failed to convert new object (default/held; /v1, Kind=Event) to proper version: unable to convert unstructured object to /v1, Kind=Event: parsing time "later" as ${RFC3339}: cannot parse "later" as "2006"`,
    );
    expect((await http(sb, 'GET', `${EVENTS}/held`)).body.lastTimestamp).toBe('2026-12-03T12:00:00Z');
  });

  it('refuses bad ObjectMeta times, naming ObjectMeta', async () => {
    const r = await http(sb, 'POST', EVENTS, {
      ...event('meta'),
      metadata: { name: 'meta', deletionTimestamp: 5 },
    });
    expect(r.body.message).toBe(
      cannotHandle(
        'Event',
        'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.deletionTimestamp of type string',
      ),
    );
  });
});

describe('events.k8s.io/v1 deprecatedFirstTimestamp/deprecatedLastTimestamp', () => {
  const v1 = (name: string, extra: Record<string, unknown> = {}) => ({
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: { name },
    eventTime: '2026-12-03T12:00:00.000000Z',
    reportingController: 'kuberik.com/test',
    reportingInstance: 'test-1',
    action: 'Test',
    reason: 'Tested',
    type: 'Normal',
    ...extra,
  });

  it('refuses them on create (422, named by their core/v1 names) and answers them as null', async () => {
    const set = await http(
      sb,
      'POST',
      EVENTS_V1,
      v1('set', { deprecatedFirstTimestamp: '2026-12-03T12:00:00Z', deprecatedLastTimestamp: null }),
    );
    expect(set.status).toBe(422);
    expect(set.body.details.causes).toEqual([
      {
        reason: 'FieldValueInvalid',
        message: 'Invalid value: "": needs to be unset',
        field: 'firstTimestamp',
      },
    ]);

    const bad = await http(sb, 'POST', EVENTS_V1, v1('bad', { deprecatedLastTimestamp: 'never' }));
    expect(bad.body.message).toBe(
      cannotHandle('Event', `parsing time "never" as ${RFC3339}: cannot parse "never" as "2006"`),
    );

    const ok = await http(sb, 'POST', EVENTS_V1, v1('ok'));
    expect(ok.body).toMatchObject({
      deprecatedFirstTimestamp: null,
      deprecatedLastTimestamp: null,
      deprecatedSource: {},
    });
    const core = await http(sb, 'GET', `${EVENTS}/ok`);
    expect(core.body).toMatchObject({
      apiVersion: 'v1',
      firstTimestamp: null,
      reportingComponent: 'kuberik.com/test',
    });
  });
});

describe('condition times', () => {
  it('stores Deployment condition times in UTC seconds and refuses a bad one', async () => {
    await http(sb, 'POST', DEPLOYS, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } } } },
    });
    const condition = (times: Record<string, unknown>) => ({
      status: { conditions: [{ type: 'Available', status: 'True', ...times }] },
    });
    const ok = await http(
      sb,
      'PATCH',
      `${DEPLOYS}/web/status`,
      condition({ lastUpdateTime: '2026-12-03T12:00:00.987Z' }),
      mergePatch,
    );
    expect(ok.body.status.conditions[0]).toEqual({
      type: 'Available',
      status: 'True',
      lastUpdateTime: '2026-12-03T12:00:00Z',
      lastTransitionTime: null,
    });
    const bad = await http(sb, 'POST', DEPLOYS, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'bad' },
      ...condition({ lastTransitionTime: 5 }),
    });
    expect(bad.body.message).toBe(
      cannotHandle(
        'Deployment',
        'json: cannot unmarshal number into Go struct field DeploymentCondition.status.conditions.lastTransitionTime of type string',
      ),
    );
  });

  it('refuses a bad Namespace condition time', async () => {
    const r = await http(sb, 'POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'tbad' },
      status: { conditions: [{ type: 'X', status: 'False', lastTransitionTime: 'x' }] },
    });
    expect(r).toMatchObject({ status: 400 });
    expect(r.body.message).toBe(
      cannotHandle('Namespace', `parsing time "x" as ${RFC3339}: cannot parse "x" as "2006"`),
    );
  });
});
