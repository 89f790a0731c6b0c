// How kube-apiserver quotes a patch it could apply but not decode (422 on the field `patch`).
import type { StoredObject } from '../types.js';
import { isPlainObject } from './merge.js';

/** Go's `%v` of a decoded JSON value (`map[spec:map[renewTime:x]]`): a strategic patch is quoted so. */
export function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (isPlainObject(v))
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goValue(v[k])}`)
      .join(' ')}]`;
  return String(v);
}

/** ObjectMeta's fields in Go's order. */
const GO_OBJECT_META_ORDER = [
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
];

/** The maps a JSON patch's operations reach into (`/spec/renewTime` touches the root and spec). */
export function jsonPatchTouches(ops: unknown): Record<string, unknown> {
  const tree: Record<string, unknown> = {};
  for (const op of Array.isArray(ops) ? ops : []) {
    for (const path of [op?.path, op?.from]) {
      if (typeof path !== 'string') continue;
      const parts = path.split('/').slice(1, -1);
      let node = tree;
      for (const raw of parts) {
        const k = raw.replace(/~1/g, '/').replace(/~0/g, '~');
        node = (node[k] ??= {}) as Record<string, unknown>;
      }
    }
  }
  return tree;
}

/**
 * The patched object as upstream prints it after a merge or JSON patch: the stored object in Go's
 * field order, where every map the patch reached was decoded and re-encoded by Go (keys sorted)
 * and everything else kept its stored bytes. `touched` mirrors those maps (a merge patch is its own).
 */
export function quotePatched(obj: StoredObject, touched: unknown): string {
  const meta: Record<string, unknown> = {};
  for (const k of GO_OBJECT_META_ORDER) if (obj.metadata?.[k] !== undefined) meta[k] = obj.metadata[k];
  // structured-merge-diff writes field sets sorted.
  if (Array.isArray(meta.managedFields))
    meta.managedFields = meta.managedFields.map((e: Record<string, unknown>) => ({
      ...e,
      ...(e.fieldsV1 ? { fieldsV1: sortDeep(e.fieldsV1) } : {}),
    }));
  return JSON.stringify(sortAlong({ ...obj, metadata: meta }, touched));
}

function sortAlong(v: unknown, touched: unknown): unknown {
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  const t = isPlainObject(touched) ? touched : {};
  for (const k of Object.keys(v).sort()) out[k] = isPlainObject(t[k]) ? sortAlong(v[k], t[k]) : v[k];
  return out;
}

function sortDeep(v: unknown): unknown {
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = sortDeep(v[k]);
  return out;
}
