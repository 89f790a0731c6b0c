// Differential steps for metav1.MicroTime fields (Lease acquireTime/renewTime, Event eventTime and
// series.lastObservedTime): the real server parses them with Go's six-digit layout on every write
// path, answers in UTC, and refuses milliseconds with a different status per path.
import { send, type Exchange } from './differential-client.js';
import type { Step } from './differential-script.js';

const MERGE = 'application/merge-patch+json';
const JSONPATCH = 'application/json-patch+json';
const STRATEGIC = 'application/strategic-merge-patch+json';
const APPLY = 'application/apply-patch+yaml';
const MS = '2026-12-03T12:00:00.123Z';

const step = (ex: Exchange): Step => ({
  name: ex.name,
  run: async (t) => {
    const r = await send(t, ex);
    return { status: r.status, body: r.body };
  },
});

export function microTimeSteps(ns: string): Step[] {
  const leases = `/apis/coordination.k8s.io/v1/namespaces/${ns}/leases`;
  const lease = (name: string, spec: Record<string, unknown>) => ({
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name, namespace: ns },
    spec,
  });
  const badCreate = (what: string, renewTime: unknown): Step =>
    step({
      name: `lease create renewTime ${what} (400)`,
      method: 'POST',
      path: leases,
      body: lease('bad', { renewTime }),
    });
  return [
    badCreate('milliseconds', MS),
    badCreate('no fraction', '2026-12-03T12:00:00Z'),
    badCreate('seven digits', '2026-12-03T12:00:00.1234567Z'),
    badCreate('not a time', 'yesterday'),
    badCreate('month 13', '2026-13-03T12:00:00.000000Z'),
    badCreate('a number', 5),
    step({
      name: 'lease create with offsets (stored in UTC)',
      method: 'POST',
      path: leases,
      body: lease('mt', {
        holderIdentity: 'a',
        acquireTime: '2026-12-03T12:00:00.000000+02:00',
        renewTime: '2026-12-03T23:30:00.500000-01:00',
      }),
    }),
    step({
      name: 'lease merge patch milliseconds (422)',
      method: 'PATCH',
      path: `${leases}/mt`,
      contentType: MERGE,
      body: { spec: { acquireTime: MS } },
    }),
    step({
      name: 'lease json patch milliseconds (422)',
      method: 'PATCH',
      path: `${leases}/mt`,
      contentType: JSONPATCH,
      body: [{ op: 'replace', path: '/spec/renewTime', value: MS }],
    }),
    step({
      name: 'lease strategic patch milliseconds (422)',
      method: 'PATCH',
      path: `${leases}/mt`,
      contentType: STRATEGIC,
      body: { spec: { renewTime: MS, holderIdentity: 'b' } },
    }),
    step({
      name: 'lease apply milliseconds on a field another manager owns (409 first)',
      method: 'PATCH',
      path: `${leases}/mt?fieldManager=t`,
      contentType: APPLY,
      body: lease('mt', { renewTime: MS }),
    }),
    step({
      name: 'lease apply milliseconds forced (500)',
      method: 'PATCH',
      path: `${leases}/mt?fieldManager=t&force=true`,
      contentType: APPLY,
      body: lease('mt', { renewTime: MS }),
    }),
    step({
      name: 'lease apply milliseconds creating (500)',
      method: 'PATCH',
      path: `${leases}/mt3?fieldManager=t`,
      contentType: APPLY,
      body: lease('mt3', { renewTime: MS }),
    }),
    step({
      name: 'lease apply a number (500)',
      method: 'PATCH',
      path: `${leases}/mt2?fieldManager=t`,
      contentType: APPLY,
      body: { ...lease('mt2', { renewTime: 5 }), metadata: { name: 'mt2' } },
    }),
    step({
      name: 'lease update milliseconds (400)',
      method: 'PUT',
      path: `${leases}/mt`,
      body: lease('mt', { acquireTime: MS }),
    }),
    step({ name: 'lease get (unchanged by refused writes)', method: 'GET', path: `${leases}/mt` }),
    step({
      name: 'event create eventTime milliseconds (400)',
      method: 'POST',
      path: `/api/v1/namespaces/${ns}/events`,
      body: {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: 'e1', namespace: ns },
        involvedObject: { kind: 'Lease', name: 'mt', namespace: ns },
        eventTime: MS,
      },
    }),
    step({
      name: 'events.k8s.io create series.lastObservedTime a number (400)',
      method: 'POST',
      path: `/apis/events.k8s.io/v1/namespaces/${ns}/events`,
      body: {
        apiVersion: 'events.k8s.io/v1',
        kind: 'Event',
        metadata: { name: 'e2', namespace: ns },
        eventTime: '2026-12-03T12:00:00.000000Z',
        series: { count: 2, lastObservedTime: 5 },
      },
    }),
  ];
}
