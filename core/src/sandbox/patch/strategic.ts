// Strategic merge patch for the built-ins: a merge patch whose object lists merge by their
// `patchMergeKey` (so a re-applied Deployment keeps its other containers, ports and env), with the
// directives kubectl sends ($patch, $retainKeys, $setElementOrder/…, $deleteFromPrimitiveList/…).
// Merge keys are looked up by field name, which is unambiguous for the kinds the sandbox serves.
import { isPlainObject } from './merge.js';

/** Field name → merge key, from the `patchMergeKey` tags of k8s.io/api (core, apps, meta). */
const MERGE_KEYS: Record<string, string> = {
  containers: 'name',
  initContainers: 'name',
  ephemeralContainers: 'name',
  env: 'name',
  volumes: 'name',
  volumeMounts: 'mountPath',
  volumeDevices: 'devicePath',
  ports: 'containerPort',
  imagePullSecrets: 'name',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
  resourceClaims: 'name',
  schedulingGates: 'name',
  conditions: 'type',
  secrets: 'name',
  ownerReferences: 'uid',
};

type Obj = Record<string, unknown>;

/** A patch value with its directives removed (what lands in the object when nothing is there yet). */
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => !(isPlainObject(x) && x.$patch)).map(plain);
  if (!isPlainObject(v)) return v;
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('$')) out[k] = plain(x);
  return out;
}

function mergeList(target: unknown, patch: Obj[], key: string, order: unknown): unknown[] {
  if (patch.some((p) => p.$patch === 'replace')) return plain(patch) as unknown[];
  const out = Array.isArray(target) ? [...(target as unknown[])] : [];
  const find = (k: unknown): number => out.findIndex((t) => isPlainObject(t) && t[key] === k);
  for (const p of patch) {
    const i = find(p[key]);
    if (p.$patch === 'delete') {
      if (i >= 0) out.splice(i, 1);
    } else if (i >= 0) out[i] = strategicMergePatch(out[i], p);
    else out.push(plain(p));
  }
  if (!Array.isArray(order)) return out;
  // $setElementOrder: listed items first, in that order; items only the server knows keep theirs after.
  const rank = new Map(order.filter(isPlainObject).map((o, n) => [o[key], n]));
  const pos = (x: unknown): number =>
    isPlainObject(x) && rank.has(x[key]) ? (rank.get(x[key]) as number) : rank.size;
  return out
    .map((x, n) => ({ x, n }))
    .sort((a, b) => pos(a.x) - pos(b.x) || a.n - b.n)
    .map((e) => e.x);
}

export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return plain(patch);
  if (patch.$patch === 'replace') return plain(patch);
  const out: Obj = isPlainObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    const key = MERGE_KEYS[k];
    if (v === null || (isPlainObject(v) && v.$patch === 'delete')) delete out[k];
    else if (key && Array.isArray(v) && v.every(isPlainObject))
      out[k] = mergeList(out[k], v, key, patch[`$setElementOrder/${k}`]);
    else out[k] = strategicMergePatch(out[k], v);
  }
  for (const [k, v] of Object.entries(patch)) {
    const field = k.startsWith('$deleteFromPrimitiveList/') ? k.slice(25) : undefined;
    if (field && Array.isArray(out[field]) && Array.isArray(v))
      out[field] = (out[field] as unknown[]).filter((x) => !v.includes(x));
  }
  // $retainKeys (Deployment strategy, volumes): fields not listed are cleared.
  if (Array.isArray(patch.$retainKeys))
    for (const k of Object.keys(out)) if (!patch.$retainKeys.includes(k)) delete out[k];
  return out;
}
