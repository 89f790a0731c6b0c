// core/v1 Event and events.k8s.io/v1 Event share one bucket; these map between the two shapes.
import type { StatusCause } from './http/status.js';
import type { StoredObject } from './types.js';

const RENAMES: Array<[core: string, events: string]> = [
  ['involvedObject', 'regarding'],
  ['message', 'note'],
  ['source', 'deprecatedSource'],
  ['firstTimestamp', 'deprecatedFirstTimestamp'],
  ['lastTimestamp', 'deprecatedLastTimestamp'],
  ['count', 'deprecatedCount'],
  ['reportingComponent', 'reportingController'],
];

function rename(obj: StoredObject, apiVersion: string, from: 0 | 1): StoredObject {
  const out: StoredObject = { apiVersion, kind: 'Event', metadata: obj.metadata };
  const map = new Map(RENAMES.map((r) => [r[from], r[from === 0 ? 1 : 0]]));
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'apiVersion' || k === 'kind' || k === 'metadata' || v === undefined) continue;
    out[map.get(k) ?? k] = v;
  }
  return out;
}

// Go always writes an Event's fields that lack `omitempty` (core/v1 `source`, `reportingComponent`,
// `reportingInstance`; events.k8s.io/v1 `deprecatedSource`). They are added to answers and kept out
// of storage, so that no manager owns a field it never set (upstream owns none of them either).
const CORE_ZERO: Array<[string, () => unknown]> = [
  ['source', () => ({})],
  ['reportingComponent', () => ''],
  ['reportingInstance', () => ''],
];

const isZero = (v: unknown): boolean =>
  v === '' || v === null || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);

function withoutZeroValues(obj: StoredObject): StoredObject {
  for (const [k] of CORE_ZERO) if (isZero(obj[k])) delete obj[k];
  return obj;
}

/** A stored Event as core/v1 answers it. */
export const coreEventOut = (obj: StoredObject): StoredObject => {
  const out: StoredObject = { ...obj, apiVersion: 'v1' };
  for (const [k, zero] of CORE_ZERO) if (out[k] === undefined || out[k] === null) out[k] = zero();
  return out;
};
/** A core/v1 Event as stored. */
export const coreEventIn = (obj: StoredObject): StoredObject => withoutZeroValues({ ...obj });

/** A stored Event as events.k8s.io/v1 answers it (`reportingController` and `reportingInstance` are `omitempty` there). */
export const eventToEventsV1 = (obj: StoredObject): StoredObject => {
  const out = rename(obj, 'events.k8s.io/v1', 0);
  out.deprecatedSource ??= {};
  return out;
};
/** An events.k8s.io/v1 Event as stored. */
export const eventToCoreV1 = (obj: StoredObject): StoredObject => withoutZeroValues(rename(obj, 'v1', 1));

/** events.k8s.io/v1 refuses on create what only the deprecated core fields carry (times here). */
export function eventsV1CreateCauses(obj: StoredObject): StatusCause[] {
  const unset = (field: string): StatusCause => ({
    reason: 'FieldValueInvalid',
    message: 'Invalid value: "": needs to be unset',
    field,
  });
  const causes: StatusCause[] = [];
  if (typeof obj.deprecatedFirstTimestamp === 'string') causes.push(unset('firstTimestamp'));
  if (typeof obj.deprecatedLastTimestamp === 'string') causes.push(unset('lastTimestamp'));
  return causes;
}

type Getter = (o: StoredObject) => string | undefined;
const str = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));
const at =
  (...path: string[]): Getter =>
  (o) => {
    let cur: unknown = o;
    for (const k of path)
      cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
    return str(cur);
  };

/** Field labels `kubectl describe` and friends select events by (core shape). */
export const CORE_EVENT_FIELDS: Record<string, Getter> = {
  'involvedObject.kind': at('involvedObject', 'kind'),
  'involvedObject.namespace': at('involvedObject', 'namespace'),
  'involvedObject.name': at('involvedObject', 'name'),
  'involvedObject.uid': at('involvedObject', 'uid'),
  'involvedObject.apiVersion': at('involvedObject', 'apiVersion'),
  'involvedObject.resourceVersion': at('involvedObject', 'resourceVersion'),
  'involvedObject.fieldPath': at('involvedObject', 'fieldPath'),
  reason: at('reason'),
  reportingComponent: at('reportingComponent'),
  source: at('source', 'component'),
  type: at('type'),
};

export const EVENTS_V1_FIELDS: Record<string, Getter> = {
  'regarding.kind': at('regarding', 'kind'),
  'regarding.namespace': at('regarding', 'namespace'),
  'regarding.name': at('regarding', 'name'),
  'regarding.uid': at('regarding', 'uid'),
  'regarding.apiVersion': at('regarding', 'apiVersion'),
  'regarding.resourceVersion': at('regarding', 'resourceVersion'),
  'regarding.fieldPath': at('regarding', 'fieldPath'),
  reason: at('reason'),
  reportingController: at('reportingController'),
  type: at('type'),
};
