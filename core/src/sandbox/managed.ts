// managedFields bookkeeping: field sets as leaf paths, FieldsV1 encoding, ownership transfer.
import { deepEqual } from './meta.js';
import { isPlainObject } from './patch/merge.js';
import type { ManagedFieldsEntry, StoredObject } from './types.js';

const SEP = '\u0000';
/** Metadata that identifies an object or is server-owned is never "managed". */
const UNMANAGED_META = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'generateName',
  'selfLink',
]);

/** Leaf paths of a configuration (arrays and scalars are atomic leaves). */
export function leafPaths(obj: unknown, subresource?: 'status', excludeStatus = false): Set<string> {
  const out = new Set<string>();
  if (!isPlainObject(obj)) return out;
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'apiVersion' || k === 'kind') continue;
    if (subresource === 'status' ? k !== 'status' : k === 'status' && excludeStatus) continue;
    if (k === 'metadata' && isPlainObject(v)) {
      for (const [mk, mv] of Object.entries(v)) {
        if (UNMANAGED_META.has(mk)) continue;
        walk(mv, `metadata${SEP}${mk}`, out);
      }
      continue;
    }
    walk(v, k, out);
  }
  return out;
}

function walk(v: unknown, path: string, out: Set<string>): void {
  // A null (an unset Go time the server writes as null) is no field a manager set.
  if (v === null) return;
  if (isPlainObject(v) && Object.keys(v).length > 0) {
    for (const [k, c] of Object.entries(v)) walk(c, `${path}${SEP}${k}`, out);
  } else out.add(path);
}

export function toFieldsV1(paths: Iterable<string>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const p of paths) {
    let node = root;
    for (const key of p.split(SEP)) {
      const k = `f:${key}`;
      node = (node[k] ??= {}) as Record<string, unknown>;
    }
  }
  return root;
}

export function fromFieldsV1(fields: unknown): Set<string> {
  const out = new Set<string>();
  const rec = (node: unknown, prefix: string): void => {
    if (!isPlainObject(node)) return;
    const keys = Object.keys(node).filter((k) => k.startsWith('f:'));
    if (keys.length === 0 && prefix) {
      out.add(prefix);
      return;
    }
    for (const k of keys) rec(node[k], prefix ? `${prefix}${SEP}${k.slice(2)}` : k.slice(2));
  };
  rec(fields, '');
  return out;
}

export function getPath(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const k of path.split(SEP)) {
    if (!isPlainObject(cur)) return undefined;
    cur = cur[k];
  }
  return cur;
}

export function deletePath(obj: Record<string, unknown>, path: string): void {
  const keys = path.split(SEP);
  const parents: Array<Record<string, unknown>> = [];
  let cur: unknown = obj;
  for (const k of keys.slice(0, -1)) {
    if (!isPlainObject(cur)) return;
    parents.push(cur);
    cur = cur[k];
  }
  if (!isPlainObject(cur)) return;
  delete cur[keys[keys.length - 1] as string];
  // Drop maps the removal emptied, as SSA does.
  for (let i = keys.length - 2; i >= 0; i--) {
    const parent = parents[i] as Record<string, unknown>;
    const child = parent[keys[i] as string];
    if (isPlainObject(child) && Object.keys(child).length === 0 && i > 0) delete parent[keys[i] as string];
    else break;
  }
}

export function displayPath(path: string): string {
  return '.' + path.split(SEP).join('.');
}

/** Leaf paths whose value differs between two objects. */
export function changedPaths(
  before: unknown,
  after: unknown,
  subresource?: 'status',
  excludeStatus = false,
): Set<string> {
  const a = leafPaths(before, subresource, excludeStatus);
  const b = leafPaths(after, subresource, excludeStatus);
  const out = new Set<string>();
  for (const p of b) if (!a.has(p) || !deepEqual(getPath(before, p), getPath(after, p))) out.add(p);
  for (const p of a) if (!b.has(p)) out.add(p);
  return out;
}

export function managerSets(
  obj: StoredObject,
): Map<string, { entry: ManagedFieldsEntry; paths: Set<string> }> {
  const out = new Map<string, { entry: ManagedFieldsEntry; paths: Set<string> }>();
  for (const e of obj.metadata?.managedFields ?? []) {
    out.set(entryKey(e.manager, e.operation, e.subresource), { entry: e, paths: fromFieldsV1(e.fieldsV1) });
  }
  return out;
}

function entryKey(manager: string, op: string, sub: string | undefined): string {
  return `${manager}${SEP}${op}${SEP}${sub ?? ''}`;
}

/**
 * Records that `manager` now owns `owned` (Apply: exactly that set; Update: added to its set).
 * Paths in `transfer` (the ones whose value changed) are taken away from every other manager;
 * applying an unchanged value shares ownership, as server-side apply does.
 */
export function recordOwnership(
  obj: StoredObject,
  manager: string,
  operation: 'Apply' | 'Update',
  owned: Set<string>,
  apiVersion: string,
  time: string,
  subresource?: 'status',
  transfer: Set<string> = owned,
): void {
  const sets = managerSets(obj);
  const key = entryKey(manager, operation, subresource);
  for (const [k, s] of sets) {
    if (k === key) continue;
    for (const p of transfer) s.paths.delete(p);
  }
  const mine = sets.get(key);
  const paths = operation === 'Apply' ? new Set(owned) : new Set([...(mine?.paths ?? []), ...owned]);
  const entry: ManagedFieldsEntry = {
    manager,
    operation,
    apiVersion,
    time,
    fieldsType: 'FieldsV1',
    fieldsV1: {},
    ...(subresource ? { subresource } : {}),
  };
  sets.set(key, { entry, paths });
  const entries: ManagedFieldsEntry[] = [];
  for (const [k, s] of sets) {
    if (s.paths.size === 0) continue;
    const e = k === key ? entry : s.entry;
    entries.push({ ...e, fieldsV1: toFieldsV1(s.paths) });
  }
  if (!obj.metadata) obj.metadata = {};
  if (entries.length > 0) obj.metadata.managedFields = entries;
  else delete obj.metadata.managedFields;
}
