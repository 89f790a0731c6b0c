// MicroTime fields are decoded as kube-apiserver decodes them. The expected texts were read off a
// real kube-apiserver v1.34 (test/src/real-cluster/differential-microtime.ts keeps comparing them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from './sandbox.js';
import { applyPatch, http, jsonPatch, mergePatch } from './test-support/fixtures.js';
import type { Sandbox } from './types.js';

const LEASES = '/apis/coordination.k8s.io/v1/namespaces/default/leases';
const MS = '2026-12-03T12:00:00.123Z';
const LAYOUT = '"2006-01-02T15:04:05.000000Z07:00"';
const lease = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: 'coordination.k8s.io/v1',
  kind: 'Lease',
  metadata: { name },
  spec,
});

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
  await http(
    sb,
    'POST',
    LEASES,
    lease('held', { holderIdentity: 'a', renewTime: '2026-12-03T12:00:00.000000Z' }),
  );
});
afterAll(() => sb.close());

describe('Lease acquireTime/renewTime', () => {
  it.each([
    [MS, `parsing time "${MS}" as ${LAYOUT}: cannot parse ".123Z" as ".000000"`],
    [
      '2026-12-03T12:00:00Z',
      `parsing time "2026-12-03T12:00:00Z" as ${LAYOUT}: cannot parse "Z" as ".000000"`,
    ],
    [
      '2026-12-03T12:00:00.1234567Z',
      `parsing time "2026-12-03T12:00:00.1234567Z" as ${LAYOUT}: cannot parse "7Z" as "Z07:00"`,
    ],
    ['yesterday', `parsing time "yesterday" as ${LAYOUT}: cannot parse "yesterday" as "2006"`],
    ['2026-13-03T12:00:00.000000Z', 'parsing time "2026-13-03T12:00:00.000000Z": month out of range'],
    ['2026-02-30T12:00:00.000000Z', 'parsing time "2026-02-30T12:00:00.000000Z": day out of range'],
    ['', `parsing time "" as ${LAYOUT}: cannot parse "" as "2006"`],
    [5, 'json: cannot unmarshal number into Go struct field LeaseSpec.spec.renewTime of type string'],
  ])('refuses renewTime %j on create with 400 and Go’s text', async (renewTime, why) => {
    const r = await http(sb, 'POST', LEASES, lease('bad', { renewTime }));
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({
      reason: 'BadRequest',
      message: `Lease in version "v1" cannot be handled as a Lease: ${why}`,
    });
    expect((await http(sb, 'GET', `${LEASES}/bad`)).status).toBe(404);
  });

  it('accepts six digits with any offset and answers in UTC', async () => {
    const r = await http(
      sb,
      'POST',
      LEASES,
      lease('utc', {
        acquireTime: '2026-12-03T12:00:00.000000+02:00',
        renewTime: '2026-12-03T23:30:00.500000-01:00',
      }),
    );
    expect(r.status).toBe(201);
    expect(r.body.spec).toEqual({
      acquireTime: '2026-12-03T10:00:00.000000Z',
      renewTime: '2026-12-04T00:30:00.500000Z',
    });
  });

  it('refuses milliseconds on update (400), merge and JSON patch (422 on `patch`), apply (500)', async () => {
    const put = await http(sb, 'PUT', `${LEASES}/held`, lease('held', { renewTime: MS }));
    expect(put).toMatchObject({ status: 400, body: { reason: 'BadRequest' } });

    const merge = await http(sb, 'PATCH', `${LEASES}/held`, { spec: { renewTime: MS } }, mergePatch);
    expect(merge.status).toBe(422);
    expect(merge.body.details.causes).toEqual([
      { reason: 'FieldValueInvalid', field: 'patch', message: expect.stringMatching(/^Invalid value: "\{/) },
    ]);
    expect(merge.body.message).toMatch(
      /^ "" is invalid: patch: Invalid value: .*cannot parse ".123Z" as ".000000"$/,
    );

    const json = await http(
      sb,
      'PATCH',
      `${LEASES}/held`,
      [{ op: 'replace', path: '/spec/renewTime', value: MS }],
      jsonPatch,
    );
    expect(json.status).toBe(422);

    const strategic = await http(
      sb,
      'PATCH',
      `${LEASES}/held`,
      { spec: { renewTime: 5 } },
      {
        'content-type': 'application/strategic-merge-patch+json',
      },
    );
    expect(strategic.body.message).toBe(
      ' "" is invalid: patch: Invalid value: "map[spec:map[renewTime:5]]": json: cannot unmarshal number into Go value of type string',
    );

    const apply = await http(
      sb,
      'PATCH',
      `${LEASES}/held?fieldManager=t&force=true`,
      JSON.stringify(lease('held', { renewTime: MS })),
      applyPatch,
    );
    expect(apply.status).toBe(500);
    expect(apply.body.reason).toBeUndefined();
    expect(apply.body.message).toMatch(
      /^failed to convert new object \(default\/held; coordination.k8s.io\/v1, Kind=Lease\) to proper version: /,
    );

    const kept = await http(sb, 'GET', `${LEASES}/held`);
    expect(kept.body.spec.renewTime).toBe('2026-12-03T12:00:00.000000Z');
  });

  it('writes through the in-process API are held to the same rule', async () => {
    expect(() =>
      sb.store.create({
        ...lease('inproc', { renewTime: MS }),
        metadata: { name: 'inproc', namespace: 'default' },
      }),
    ).toThrow(/cannot parse "\.123Z" as "\.000000"/);
  });
});

describe('Event eventTime and series.lastObservedTime', () => {
  it('refuses milliseconds and wrong types on core/v1 and events.k8s.io/v1', async () => {
    const core = await http(sb, 'POST', '/api/v1/namespaces/default/events', {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'e1' },
      involvedObject: { kind: 'Lease', name: 'held', namespace: 'default' },
      eventTime: MS,
    });
    expect(core).toMatchObject({ status: 400 });
    expect(core.body.message).toContain('Event in version "v1" cannot be handled as a Event: parsing time');
    const v1 = await http(sb, 'POST', '/apis/events.k8s.io/v1/namespaces/default/events', {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'e2' },
      eventTime: '2026-12-03T12:00:00.000000Z',
      series: { count: 2, lastObservedTime: true },
    });
    expect(v1.body.message).toBe(
      'Event in version "v1" cannot be handled as a Event: json: cannot unmarshal bool into Go struct field EventSeries.series.lastObservedTime of type string',
    );
  });
});
