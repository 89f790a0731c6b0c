// core/v1 Event and events.k8s.io/v1 Event share one bucket; these map between the two shapes.
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

export const eventToEventsV1 = (obj: StoredObject): StoredObject => rename(obj, 'events.k8s.io/v1', 0);
export const eventToCoreV1 = (obj: StoredObject): StoredObject => rename(obj, 'v1', 1);

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
