// A minimal decoder for the protobuf bodies typed kubectl generators send
// (`kubectl create namespace|configmap|secret`): the `k8s\0` envelope, ObjectMeta basics and data maps.
import { decodeTyped } from './protobuf-kinds.js';
import { fields, mapEntry, str } from './protobuf-wire.js';
import type { StoredObject } from './types.js';

function objectMeta(buf: Buffer): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  const labels: Record<string, string> = {};
  const annotations: Record<string, string> = {};
  for (const f of fields(buf)) {
    if (!Buffer.isBuffer(f.value)) continue;
    if (f.no === 1) meta.name = str(f);
    else if (f.no === 2) meta.generateName = str(f);
    else if (f.no === 3) meta.namespace = str(f);
    else if (f.no === 11) labels[mapEntry(f.value, false)[0]] = mapEntry(f.value, false)[1];
    else if (f.no === 12) annotations[mapEntry(f.value, false)[0]] = mapEntry(f.value, false)[1];
  }
  if (Object.keys(labels).length) meta.labels = labels;
  if (Object.keys(annotations).length) meta.annotations = annotations;
  return meta;
}

const RESOURCE_ATTRIBUTES = ['', 'namespace', 'verb', 'group', 'version', 'resource', 'subresource', 'name'];
const NON_RESOURCE_ATTRIBUTES = ['', 'path', 'verb'];

function strings(buf: Buffer, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields(buf)) {
    const n = names[f.no];
    if (n && Buffer.isBuffer(f.value)) out[n] = str(f);
  }
  return out;
}

/** `kubectl auth can-i`: spec.resourceAttributes / spec.nonResourceAttributes. */
function accessReview(raw: Buffer): StoredObject {
  const spec: Record<string, unknown> = {};
  for (const f of fields(raw)) {
    if (f.no !== 2 || !Buffer.isBuffer(f.value)) continue;
    for (const s of fields(f.value)) {
      if (!Buffer.isBuffer(s.value)) continue;
      if (s.no === 1) spec.resourceAttributes = strings(s.value, RESOURCE_ATTRIBUTES);
      if (s.no === 2) spec.nonResourceAttributes = strings(s.value, NON_RESOURCE_ATTRIBUTES);
    }
  }
  return { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', metadata: {}, spec };
}

/** Namespace, ConfigMap, Secret, the self-reviews and the kinds in protobuf-kinds.ts; undefined for anything else. */
export function decodeProtobufObject(buf: Buffer): StoredObject | undefined {
  try {
    if (buf.length < 4 || buf.subarray(0, 4).toString('latin1') !== 'k8s\0') return undefined;
    let apiVersion = '';
    let kind = '';
    let raw: Buffer | undefined;
    for (const f of fields(buf.subarray(4))) {
      if (f.no === 1 && Buffer.isBuffer(f.value)) {
        for (const t of fields(f.value)) {
          if (t.no === 1) apiVersion = str(t);
          if (t.no === 2) kind = str(t);
        }
      } else if (f.no === 2 && Buffer.isBuffer(f.value)) raw = f.value;
    }
    if (!raw) return undefined;
    if (apiVersion === 'authentication.k8s.io/v1' && kind === 'SelfSubjectReview')
      return { apiVersion, kind, metadata: {} };
    if (apiVersion === 'authorization.k8s.io/v1' && kind === 'SelfSubjectAccessReview')
      return accessReview(raw);
    const typed = decodeTyped(apiVersion, kind, raw);
    if (typed) return typed;
    if (apiVersion !== 'v1' || !['Namespace', 'ConfigMap', 'Secret'].includes(kind)) return undefined;
    const obj: StoredObject = { apiVersion, kind, metadata: {} };
    const maps: Record<string, Record<string, string>> = {};
    const put = (field: string, e: [string, string]): void => void ((maps[field] ??= {})[e[0]] = e[1]);
    for (const f of fields(raw)) {
      if (!Buffer.isBuffer(f.value)) continue;
      if (f.no === 1) obj.metadata = objectMeta(f.value);
      else if (kind === 'ConfigMap' && f.no === 2) put('data', mapEntry(f.value, false));
      else if (kind === 'ConfigMap' && f.no === 3) put('binaryData', mapEntry(f.value, true));
      else if (kind === 'Secret' && f.no === 2) put('data', mapEntry(f.value, true));
      else if (kind === 'Secret' && f.no === 3) obj.type = str(f);
      else if (kind === 'Secret' && f.no === 4) put('stringData', mapEntry(f.value, false));
    }
    Object.assign(obj, maps);
    if (kind === 'Secret' && maps.stringData) {
      const data = (obj.data ?? {}) as Record<string, string>;
      for (const [k, v] of Object.entries(maps.stringData)) data[k] = Buffer.from(v).toString('base64');
      obj.data = data;
      delete obj.stringData;
    }
    return obj;
  } catch {
    return undefined;
  }
}
