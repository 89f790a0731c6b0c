// Table-driven protobuf decoding for what `kubectl create serviceaccount|deployment|role|clusterrole|
// rolebinding|clusterrolebinding` sends. Field numbers are those of k8s.io/api's generated.proto; fields
// the generators never set are not listed and are dropped. Go's protobuf writes zero values of
// non-pointer fields, JSON omits them, so those are dropped too; pointer fields (`?`) keep zero.
import { fields, mapEntry, str } from './protobuf-wire.js';
import type { StoredObject } from './types.js';

type FieldType = 'string' | 'int' | 'int?' | 'bool' | 'bool?' | 'strings' | 'map' | Message | [Message];
interface Message {
  [no: number]: [name: string, type: FieldType];
}

const META: Message = {
  1: ['name', 'string'],
  2: ['generateName', 'string'],
  3: ['namespace', 'string'],
  11: ['labels', 'map'],
  12: ['annotations', 'map'],
};
const LABEL_SELECTOR: Message = {
  1: ['matchLabels', 'map'],
  2: ['matchExpressions', [{ 1: ['key', 'string'], 2: ['operator', 'string'], 3: ['values', 'strings'] }]],
};
const CONTAINER: Message = {
  1: ['name', 'string'],
  2: ['image', 'string'],
  3: ['command', 'strings'],
  4: ['args', 'strings'],
  5: ['workingDir', 'string'],
  6: [
    'ports',
    [
      {
        1: ['name', 'string'],
        2: ['hostPort', 'int'],
        3: ['containerPort', 'int'],
        4: ['protocol', 'string'],
        5: ['hostIP', 'string'],
      },
    ],
  ],
  7: ['env', [{ 1: ['name', 'string'], 2: ['value', 'string'] }]],
};
const DEPLOYMENT_SPEC: Message = {
  1: ['replicas', 'int?'],
  2: ['selector', LABEL_SELECTOR],
  3: ['template', { 1: ['metadata', META], 2: ['spec', { 2: ['containers', [CONTAINER]] }] }],
  5: ['minReadySeconds', 'int'],
  6: ['revisionHistoryLimit', 'int?'],
  7: ['paused', 'bool'],
  9: ['progressDeadlineSeconds', 'int?'],
};
const POLICY_RULE: Message = {
  1: ['verbs', 'strings'],
  2: ['apiGroups', 'strings'],
  3: ['resources', 'strings'],
  4: ['resourceNames', 'strings'],
  5: ['nonResourceURLs', 'strings'],
};
const BINDING: Message = {
  1: ['metadata', META],
  2: [
    'subjects',
    [{ 1: ['kind', 'string'], 2: ['apiGroup', 'string'], 3: ['name', 'string'], 4: ['namespace', 'string'] }],
  ],
  3: ['roleRef', { 1: ['apiGroup', 'string'], 2: ['kind', 'string'], 3: ['name', 'string'] }],
};
const OBJECT_REFERENCE: Message = {
  1: ['kind', 'string'],
  2: ['namespace', 'string'],
  3: ['name', 'string'],
  4: ['uid', 'string'],
  5: ['apiVersion', 'string'],
  6: ['resourceVersion', 'string'],
  7: ['fieldPath', 'string'],
};

const KINDS: Record<string, Message> = {
  'v1/ServiceAccount': {
    1: ['metadata', META],
    2: ['secrets', [OBJECT_REFERENCE]],
    3: ['imagePullSecrets', [{ 1: ['name', 'string'] }]],
    4: ['automountServiceAccountToken', 'bool?'],
  },
  'apps/v1/Deployment': { 1: ['metadata', META], 2: ['spec', DEPLOYMENT_SPEC] },
  'rbac.authorization.k8s.io/v1/Role': { 1: ['metadata', META], 2: ['rules', [POLICY_RULE]] },
  'rbac.authorization.k8s.io/v1/ClusterRole': {
    1: ['metadata', META],
    2: ['rules', [POLICY_RULE]],
    3: ['aggregationRule', { 1: ['clusterRoleSelectors', [LABEL_SELECTOR]] }],
  },
  'rbac.authorization.k8s.io/v1/RoleBinding': BINDING,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': BINDING,
};

function decodeMessage(buf: Buffer, spec: Message): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields(buf)) {
    const entry = spec[f.no];
    if (!entry) continue;
    const [name, type] = entry;
    if (typeof f.value === 'bigint') {
      const n = Number(BigInt.asIntN(64, f.value));
      if (type === 'int?' || (type === 'int' && n !== 0)) out[name] = n;
      else if (type === 'bool?' || (type === 'bool' && n !== 0)) out[name] = n !== 0;
      continue;
    }
    if (type === 'string') {
      if (f.value.length) out[name] = str(f);
    } else if (type === 'strings') ((out[name] ??= []) as string[]).push(str(f));
    else if (type === 'map') {
      const [k, v] = mapEntry(f.value, false);
      ((out[name] ??= {}) as Record<string, string>)[k] = v;
    } else if (Array.isArray(type)) ((out[name] ??= []) as unknown[]).push(decodeMessage(f.value, type[0]));
    else if (typeof type === 'object') {
      const m = decodeMessage(f.value, type);
      if (Object.keys(m).length || name === 'metadata') out[name] = m;
    }
  }
  return out;
}

/** The object for a kind listed above, or undefined for any other kind. */
export function decodeTyped(apiVersion: string, kind: string, raw: Buffer): StoredObject | undefined {
  const spec = KINDS[`${apiVersion}/${kind}`];
  return spec ? { apiVersion, kind, metadata: {}, ...decodeMessage(raw, spec) } : undefined;
}
