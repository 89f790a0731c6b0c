// Differential steps for metav1.Time fields of built-ins (an Event's firstTimestamp/lastTimestamp,
// events.k8s.io's deprecated* copies, Deployment and Namespace condition times, metadata times a
// client sends): how the real server parses them on every write path and what it answers. The suite
// normalizes time-valued keys away, so each step also reports the exact values under keys the
// normalizer leaves alone (`.firstTimestamp`, ...).
import { send, type Exchange } from './differential-client.js';
import type { Step } from './differential-script.js';

const MERGE = 'application/merge-patch+json';
const JSONPATCH = 'application/json-patch+json';
const STRATEGIC = 'application/strategic-merge-patch+json';
const APPLY = 'application/apply-patch+yaml';

type Body = Record<string, unknown>;

/** The values at `paths` (dot-separated, `conditions.0.x` for array items), exactly as answered. */
function exactly(body: unknown, paths: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of paths) {
    let cur: unknown = body;
    for (const k of p.split('.')) cur = cur && typeof cur === 'object' ? (cur as Body)[k] : undefined;
    out[`.${p}`] = cur === undefined ? '(absent)' : cur;
  }
  return out;
}

const EVENT_TIMES = ['firstTimestamp', 'lastTimestamp'];
const EVENTS_V1_TIMES = ['deprecatedFirstTimestamp', 'deprecatedLastTimestamp'];
const CONDITION_TIMES = ['status.conditions.0.lastUpdateTime', 'status.conditions.0.lastTransitionTime'];

/**
 * A 422 on a patch quotes the patched object as Go re-encoded it. Its content is compared (parsed,
 * keys sorted); its managedFields (a known difference class) and Go's struct key order are not.
 */
function canonicalQuote(body: unknown): unknown {
  const b = body as Body | undefined;
  if (b?.kind !== 'Status' || typeof b.message !== 'string') return body;
  const m = /Invalid value: "(\{.*\})": /.exec(b.message);
  if (!m) return body;
  const quoted = JSON.parse(JSON.parse(`"${m[1]}"`) as string) as Body;
  delete (quoted.metadata as Body | undefined)?.managedFields;
  const sorted = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, sorted((v as Body)[k])]),
        )
      : v;
  const message = b.message.replace(m[0], 'Invalid value: <object>: ');
  return { ...b, message, details: '<same as message>', quoted: sorted(quoted) };
}

/** A step that answers the whole body plus the exact time values. */
const timed = (ex: Exchange, paths: readonly string[]): Step => ({
  name: ex.name,
  run: async (t) => {
    const r = await send(t, ex);
    return { status: r.status, body: canonicalQuote(r.body), times: exactly(r.body, paths) };
  },
});

const quotedAway = (v: unknown): unknown =>
  JSON.parse(
    JSON.stringify(v ?? null).replace(/Invalid value: \\"\{.*?\}\\": /g, 'Invalid value: <object>: '),
  );

/** A Deployment answers defaulted specs the sandbox does not fill in: compare its status and errors only. */
const statusOnly = (ex: Exchange): Step => ({
  name: ex.name,
  run: async (t) => {
    const r = await send(t, ex);
    const b = (r.body ?? {}) as Body;
    return {
      status: r.status,
      // A 422 quotes the patched object, with the Deployment defaults the sandbox does not fill in.
      answer:
        b.kind === 'Status'
          ? { ...b, message: quotedAway(b.message), details: quotedAway(b.details) }
          : { status: b.status },
      times: exactly(b, CONDITION_TIMES),
    };
  },
});

export function timeSteps(ns: string): Step[] {
  const events = `/api/v1/namespaces/${ns}/events`;
  const eventsV1 = `/apis/events.k8s.io/v1/namespaces/${ns}/events`;
  const webStatus = `/apis/apps/v1/namespaces/${ns}/deployments/web/status`;
  const event = (name: string, times: Body): Body => ({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: ns },
    involvedObject: { kind: 'ConfigMap', name: 'a', namespace: ns },
    reason: 'Tested',
    message: 'time fields',
    type: 'Normal',
    ...times,
  });
  const create = (what: string, times: Body, name = 'tbad'): Step =>
    timed(
      { name: `event create ${what}`, method: 'POST', path: events, body: event(name, times) },
      EVENT_TIMES,
    );
  const patch = (what: string, name: string, contentType: string, body: unknown): Step =>
    timed(
      { name: `event ${what}`, method: 'PATCH', path: `${events}/${name}`, contentType, body },
      EVENT_TIMES,
    );
  const apply = (what: string, name: string, times: Body): Step =>
    timed(
      {
        name: `event apply ${what}`,
        method: 'PATCH',
        path: `${events}/${name}?fieldManager=t`,
        contentType: APPLY,
        body: event(name, times),
      },
      EVENT_TIMES,
    );
  const eventV1 = (name: string, times: Body): Body => ({
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: { name, namespace: ns },
    eventTime: '2026-12-03T12:00:00.000000Z',
    reportingController: 'kuberik.com/test',
    reportingInstance: 'test-1',
    action: 'Test',
    reason: 'Tested',
    type: 'Normal',
    regarding: { kind: 'ConfigMap', name: 'a', namespace: ns },
    ...times,
  });
  const condition = (times: Body): Body => ({
    status: { conditions: [{ type: 'Available', status: 'True', ...times }] },
  });
  return [
    // --- core/v1 Event: what is accepted on create, and how it is answered
    create(
      'seconds, 3 digits',
      { firstTimestamp: '2026-12-03T12:00:00Z', lastTimestamp: '2026-12-03T12:00:01.123Z' },
      't1',
    ),
    create(
      '6 and 9 digits',
      { firstTimestamp: '2026-12-03T12:00:00.999999Z', lastTimestamp: '2026-12-03T12:00:01.123456789Z' },
      't2',
    ),
    create(
      'offsets',
      { firstTimestamp: '2026-12-03T12:00:00+02:00', lastTimestamp: '2026-12-03T23:30:00.5-01:30' },
      't3',
    ),
    create('null', { firstTimestamp: null, lastTimestamp: null }, 't4'),
    create('absent', {}, 't5'),
    create('malformed (400)', { firstTimestamp: 'yesterday' }),
    create('a number (400)', { lastTimestamp: 5 }),
    create('an object (400)', { firstTimestamp: {} }),
    create('month 13 (400)', { firstTimestamp: '2026-13-03T12:00:00Z' }),
    create('no zone (400)', { firstTimestamp: '2026-12-03T12:00:00' }),
    create('space for T (400)', { firstTimestamp: '2026-12-03 12:00:00Z' }),
    create('lower-case z (400)', { firstTimestamp: '2026-12-03T12:00:00z' }),
    create('empty string (400)', { firstTimestamp: '' }),
    create('ten digits, one-digit hour', { firstTimestamp: '2026-12-03T1:00:00.1234567891Z' }, 't6'),
    create('zone without colon (400)', { firstTimestamp: '2026-12-03T12:00:00+0200' }),
    create('second 60 (400)', { lastTimestamp: '2026-12-03T12:00:60Z' }),
    create('February 30 (400)', { lastTimestamp: '2026-02-30T12:00:00Z' }),
    // --- update, patches, apply
    timed(
      {
        name: 'event update offset (stored in UTC)',
        method: 'PUT',
        path: `${events}/t5`,
        body: event('t5', { lastTimestamp: '2026-12-04T01:00:00.75+01:00' }),
      },
      EVENT_TIMES,
    ),
    timed(
      {
        name: 'event update malformed (400)',
        method: 'PUT',
        path: `${events}/t5`,
        body: event('t5', { lastTimestamp: '2026-12-04' }),
      },
      EVENT_TIMES,
    ),
    patch('merge patch offset', 't1', MERGE, { lastTimestamp: '2026-12-03T14:00:02.5+02:00' }),
    patch('merge patch null', 't1', MERGE, { firstTimestamp: null }),
    patch('merge patch malformed (422)', 't1', MERGE, { lastTimestamp: 'soon' }),
    patch('json patch fractions', 't2', JSONPATCH, [
      { op: 'replace', path: '/firstTimestamp', value: '2026-12-03T12:00:03.000000001Z' },
    ]),
    patch('json patch a number (422)', 't2', JSONPATCH, [
      { op: 'replace', path: '/lastTimestamp', value: 7 },
    ]),
    patch('strategic patch offset', 't3', STRATEGIC, { firstTimestamp: '2026-12-03T12:00:00-00:30' }),
    patch('strategic patch malformed (422)', 't3', STRATEGIC, { lastTimestamp: '2026-12-03T12:00' }),
    apply('creating with fractions', 't7', {
      firstTimestamp: '2026-12-03T12:00:00.5Z',
      lastTimestamp: '2026-12-03T12:00:00+01:00',
    }),
    apply('malformed (500)', 't7', { firstTimestamp: 'later' }),
    apply('creating a number (500)', 't8', { lastTimestamp: 5 }),
    timed({ name: 'event get (refused writes left it)', method: 'GET', path: `${events}/t3` }, EVENT_TIMES),
    // --- events.k8s.io/v1: the same fields under deprecated* names
    timed(
      {
        name: 'events.k8s.io create deprecated times with offsets',
        method: 'POST',
        path: eventsV1,
        body: eventV1('t9', {
          deprecatedFirstTimestamp: '2026-12-03T12:00:00.25+02:00',
          deprecatedLastTimestamp: '2026-12-03T12:00:00Z',
        }),
      },
      EVENTS_V1_TIMES,
    ),
    timed(
      {
        name: 'events.k8s.io create without deprecated times',
        method: 'POST',
        path: eventsV1,
        body: eventV1('t10', {}),
      },
      EVENTS_V1_TIMES,
    ),
    timed(
      {
        name: 'events.k8s.io create deprecatedLastTimestamp malformed (400)',
        method: 'POST',
        path: eventsV1,
        body: eventV1('tbad', { deprecatedLastTimestamp: 'never' }),
      },
      EVENTS_V1_TIMES,
    ),
    timed(
      { name: 'event get an events.k8s.io event as core/v1', method: 'GET', path: `${events}/t10` },
      EVENT_TIMES,
    ),
    // --- condition times (status subresource of the script's Deployment `web`), metadata times
    statusOnly({
      name: 'deploy status merge patch condition times with fractions',
      method: 'PATCH',
      path: webStatus,
      contentType: MERGE,
      body: condition({
        lastUpdateTime: '2026-12-03T12:00:00.987Z',
        lastTransitionTime: '2026-12-03T12:00:00+05:00',
      }),
    }),
    statusOnly({
      name: 'deploy status merge patch condition time malformed (422)',
      method: 'PATCH',
      path: webStatus,
      contentType: MERGE,
      body: condition({ lastUpdateTime: 'now' }),
    }),
    statusOnly({
      name: 'deploy create with a malformed condition time (400)',
      method: 'POST',
      path: `/apis/apps/v1/namespaces/${ns}/deployments`,
      body: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'tbad' },
        ...condition({ lastTransitionTime: 5 }),
      },
    }),
    timed(
      {
        name: 'namespace create with a malformed condition time (400)',
        method: 'POST',
        path: '/api/v1/namespaces',
        body: {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: `${ns}-tbad` },
          status: {
            conditions: [
              { type: 'NamespaceDeletionDiscoveryFailure', status: 'False', lastTransitionTime: 'x' },
            ],
          },
        },
      },
      [],
    ),
    create('managedFields time a number (400)', {
      metadata: {
        name: 'tbad',
        namespace: ns,
        managedFields: [
          {
            manager: 'm',
            operation: 'Update',
            apiVersion: 'v1',
            time: 5,
            fieldsType: 'FieldsV1',
            fieldsV1: {},
          },
        ],
      },
    }),
    timed(
      {
        name: 'crd create with a malformed condition time (400)',
        method: 'POST',
        path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
        body: {
          apiVersion: 'apiextensions.k8s.io/v1',
          kind: 'CustomResourceDefinition',
          metadata: { name: 'tbads.example.com' },
          status: {
            conditions: [
              { type: 'Established', status: 'True', lastTransitionTime: '2026-12-03T12:00:00.5' },
            ],
          },
        },
      },
      [],
    ),
    create('metadata.creationTimestamp malformed (400)', {
      metadata: { name: 'tbad', namespace: ns, creationTimestamp: 'then' },
    }),
    create('metadata.deletionTimestamp a number (400)', {
      metadata: { name: 'tbad', namespace: ns, deletionTimestamp: 5 },
    }),
    timed(
      {
        name: 'event create metadata.creationTimestamp with fractions (server sets its own)',
        method: 'POST',
        path: events,
        body: event('t11', {
          metadata: { name: 't11', namespace: ns, creationTimestamp: '2020-01-01T00:00:00.5Z' },
        }),
      },
      [],
    ),
  ];
}
