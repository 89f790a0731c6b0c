// The metav1.Time and metav1.MicroTime fields of built-ins, decoded as kube-apiserver decodes them:
// parsed by Go's rules (go-time.ts), stored in the form Go writes back, refused with Go's text, and
// an unset non-pointer field answered as `null` (Go encodes a zero Time so, `omitempty` or not).
import { GoParseError, parseGoTime, type GoTimeLayout } from './go-time.js';
import { isPlainObject } from './patch/merge.js';

/** One time field of a built-in. */
export interface TimeField {
  /** JSON path; `*` stands for every item of an array. */
  path: string[];
  /** How Go's JSON decoder names it in errors: Go struct, then the JSON path (`LeaseSpec.spec.renewTime`). */
  goField: string;
  layout: GoTimeLayout;
  /** A Go pointer (`*metav1.Time`): unset is omitted, not `null`. */
  pointer?: boolean;
}

/** How the request reached the decoder: typed JSON (create, update, merge and JSON patch) or the
 * unstructured converter (strategic merge patch, server-side apply), whose type errors name no field. */
export type DecodePath = 'json' | 'unstructured';

const jsonType = (v: unknown): string =>
  Array.isArray(v) ? 'array' : isPlainObject(v) ? 'object' : typeof v === 'boolean' ? 'bool' : 'number';

interface Site {
  field: TimeField;
  parent: Record<string, unknown>;
  key: string;
  /** Position of each step among its parent's keys (or the array index): document order. */
  order: number[];
}

function sites(field: TimeField, obj: unknown): Site[] {
  const out: Site[] = [];
  const visit = (node: unknown, depth: number, order: number[]): void => {
    const step = field.path[depth]!;
    if (depth === field.path.length - 1) {
      if (isPlainObject(node))
        out.push({ field, parent: node, key: step, order: [...order, keyIndex(node, step)] });
    } else if (step === '*') {
      if (Array.isArray(node)) node.forEach((item, i) => visit(item, depth + 1, [...order, i]));
    } else if (isPlainObject(node) && node[step] !== undefined) {
      visit(node[step], depth + 1, [...order, keyIndex(node, step)]);
    }
  };
  visit(obj, 0, []);
  return out;
}

const keyIndex = (node: Record<string, unknown>, key: string): number => {
  const i = Object.keys(node).indexOf(key);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
};

function byDocumentOrder(a: Site, b: Site): number {
  for (let i = 0; i < Math.min(a.order.length, b.order.length); i++)
    if (a.order[i] !== b.order[i]) return a.order[i]! - b.order[i]!;
  return a.order.length - b.order.length;
}

/**
 * Checks and normalizes the time fields of `obj` in place, stopping at the first bad one as Go's
 * decoder does: in document order for typed JSON, in Go struct order (the order of `fields`) for
 * the unstructured converter. Returns Go's error text, or undefined.
 */
export function decodeTimes(
  fields: readonly TimeField[] | undefined,
  obj: unknown,
  via: DecodePath,
): string | undefined {
  if (!fields?.length) return undefined;
  const all = fields.flatMap((f) => sites(f, obj));
  if (via === 'json') all.sort(byDocumentOrder);
  for (const { field, parent, key } of all) {
    const value = parent[key];
    if (value === undefined || value === null) {
      if (field.pointer) delete parent[key];
      else parent[key] = null;
      continue;
    }
    if (typeof value !== 'string') {
      const where = via === 'json' ? `Go struct field ${field.goField}` : 'Go value';
      return `json: cannot unmarshal ${jsonType(value)} into ${where} of type string`;
    }
    try {
      parent[key] = parseGoTime(value, field.layout);
    } catch (e) {
      if (e instanceof GoParseError) return e.message;
      throw e;
    }
  }
  return undefined;
}

const time = (path: string, goStruct: string, pointer?: boolean): TimeField => ({
  path: path.split('.'),
  goField: `${goStruct}.${path.replace(/\.\*/g, '')}`,
  layout: 'time',
  ...(pointer ? { pointer } : {}),
});
const micro = (path: string, goStruct: string, pointer?: boolean): TimeField => ({
  ...time(path, goStruct, pointer),
  layout: 'micro',
});

/** ObjectMeta's times, which every built-in decodes (the server then sets its own). */
const META_TIMES: TimeField[] = [
  // Set by the server on every write; never filled in with null here.
  time('metadata.creationTimestamp', 'ObjectMeta', true),
  time('metadata.deletionTimestamp', 'ObjectMeta', true),
  time('metadata.managedFields.*.time', 'ManagedFieldsEntry', true),
];

export const LEASE_TIMES: TimeField[] = [
  ...META_TIMES,
  micro('spec.acquireTime', 'LeaseSpec', true),
  micro('spec.renewTime', 'LeaseSpec', true),
];

/** core/v1 Event, in Go struct order. */
export const CORE_EVENT_TIMES: TimeField[] = [
  ...META_TIMES,
  time('firstTimestamp', 'Event'),
  time('lastTimestamp', 'Event'),
  micro('eventTime', 'Event'),
  micro('series.lastObservedTime', 'EventSeries'),
];

/** events.k8s.io/v1 Event, in Go struct order. */
export const EVENTS_V1_TIMES: TimeField[] = [
  ...META_TIMES,
  micro('eventTime', 'Event'),
  micro('series.lastObservedTime', 'EventSeries'),
  time('deprecatedFirstTimestamp', 'Event'),
  time('deprecatedLastTimestamp', 'Event'),
];

export const DEPLOYMENT_TIMES: TimeField[] = [
  ...META_TIMES,
  time('status.conditions.*.lastUpdateTime', 'DeploymentCondition'),
  time('status.conditions.*.lastTransitionTime', 'DeploymentCondition'),
];

export const NAMESPACE_TIMES: TimeField[] = [
  ...META_TIMES,
  time('status.conditions.*.lastTransitionTime', 'NamespaceCondition'),
];

export const CRD_TIMES: TimeField[] = [
  ...META_TIMES,
  time('status.conditions.*.lastTransitionTime', 'CustomResourceDefinitionCondition'),
];

/** Built-ins with no time fields of their own still decode ObjectMeta's. */
export const OBJECT_META_TIMES = META_TIMES;
