// OpenAPI v3: the index and one document per group-version. kubectl needs the PATCH operation
// with a fieldValidation parameter (to skip client-side validation) and schemas for `explain`.
import { createHash } from 'node:crypto';
import type { JsonSchema, Registry, Resolved } from './registry.js';

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

const objectMetaSchema: JsonSchema = {
  description:
    'ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.',
  type: 'object',
  properties: {
    name: { type: 'string', description: 'Name must be unique within a namespace.' },
    generateName: {
      type: 'string',
      description:
        'GenerateName is an optional prefix, used by the server to generate a unique name ONLY IF the Name field has not been provided.',
    },
    namespace: {
      type: 'string',
      description: 'Namespace defines the space within which each name must be unique.',
    },
    uid: { type: 'string', description: 'UID is the unique in time and space value for this object.' },
    resourceVersion: {
      type: 'string',
      description: 'An opaque value that represents the internal version of this object.',
    },
    generation: {
      type: 'integer',
      format: 'int64',
      description: 'A sequence number representing a specific generation of the desired state.',
    },
    creationTimestamp: {
      type: 'string',
      format: 'date-time',
      description:
        'CreationTimestamp is a timestamp representing the server time when this object was created.',
    },
    deletionTimestamp: {
      type: 'string',
      format: 'date-time',
      description: 'DeletionTimestamp is RFC 3339 date and time at which this resource will be deleted.',
    },
    deletionGracePeriodSeconds: {
      type: 'integer',
      format: 'int64',
      description: 'Number of seconds allowed for this object to gracefully terminate.',
    },
    labels: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'Map of string keys and values that can be used to organize and categorize objects.',
    },
    annotations: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'Annotations is an unstructured key value map stored with a resource.',
    },
    finalizers: {
      type: 'array',
      items: { type: 'string' },
      description: 'Must be empty before the object is deleted from the registry.',
    },
    ownerReferences: {
      type: 'array',
      items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      description: 'List of objects depended by this object.',
    },
    managedFields: {
      type: 'array',
      items: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      description:
        'ManagedFields maps workflow-id and version to the set of fields that are managed by that workflow.',
    },
  },
};

const BUILTIN_PREFIX: Record<string, string> = {
  '': 'io.k8s.api.core',
  apps: 'io.k8s.api.apps',
  'rbac.authorization.k8s.io': 'io.k8s.api.rbac',
  'coordination.k8s.io': 'io.k8s.api.coordination',
  'events.k8s.io': 'io.k8s.api.events',
  'authentication.k8s.io': 'io.k8s.api.authentication',
  'authorization.k8s.io': 'io.k8s.api.authorization',
  'apiextensions.k8s.io': 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions',
};

export function schemaName(group: string, version: string, kind: string): string {
  const prefix = BUILTIN_PREFIX[group] ?? group.split('.').reverse().join('.');
  return `${prefix}.${version}.${kind}`;
}

function kindSchema(r: Resolved, version: string): JsonSchema {
  const gvk = [{ group: r.type.group, version, kind: r.type.kind }];
  const base: JsonSchema = r.version.schema
    ? structuredClone(r.version.schema)
    : { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: {} };
  const props = { ...((base.properties as Record<string, unknown> | undefined) ?? {}) };
  props.apiVersion = {
    type: 'string',
    description: 'APIVersion defines the versioned schema of this representation of an object.',
  };
  props.kind = {
    type: 'string',
    description: 'Kind is a string value representing the REST resource this object represents.',
  };
  props.metadata = {
    description: "Standard object's metadata.",
    allOf: [{ $ref: `#/components/schemas/${OBJECT_META}` }],
    default: {},
  };
  return { ...base, type: 'object', properties: props, 'x-kubernetes-group-version-kind': gvk };
}

const param = (name: string, inWhere: 'query' | 'path', description: string): object => ({
  name,
  in: inWhere,
  description,
  ...(inWhere === 'path' ? { required: true } : {}),
  schema: { type: inWhere === 'query' && name === 'force' ? 'boolean' : 'string', uniqueItems: true },
});

const WRITE_PARAMS = [
  param('dryRun', 'query', 'When present, indicates that modifications should not be persisted.'),
  param(
    'fieldManager',
    'query',
    'fieldManager is a name associated with the actor or entity that is making these changes.',
  ),
  param(
    'fieldValidation',
    'query',
    'fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields.',
  ),
];

function operation(action: string, r: Resolved, version: string, ref: string, extra: object[] = []): object {
  const body = ['post', 'put', 'patch'].includes(action);
  const contentTypes =
    action === 'patch'
      ? ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml']
      : ['application/json'];
  return {
    operationId: `${action}${r.type.kind}`,
    tags: [r.type.group || 'core'],
    parameters: [...(body ? WRITE_PARAMS : []), ...extra],
    ...(body
      ? {
          requestBody: {
            content: Object.fromEntries(contentTypes.map((c) => [c, { schema: { $ref: ref } }])),
            required: true,
          },
        }
      : {}),
    responses: { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: ref } } } } },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: r.type.group, version, kind: r.type.kind },
  };
}

export function groupVersionDocument(registry: Registry, group: string, version: string): object | undefined {
  const g = registry.groups().find((x) => x.group === group);
  const v = g?.versions.find((x) => x.version === version);
  if (!v) return undefined;
  const prefix = group ? `/apis/${group}/${version}` : `/api/${version}`;
  const paths: Record<string, object> = {};
  const schemas: Record<string, JsonSchema> = { [OBJECT_META]: objectMetaSchema };
  for (const r of v.types) {
    const name = schemaName(group, version, r.type.kind);
    const ref = `#/components/schemas/${name}`;
    schemas[name] = kindSchema(r, version);
    const nsPath = r.type.namespaced ? `/namespaces/{namespace}` : '';
    const nsParam = r.type.namespaced
      ? [param('namespace', 'path', 'object name and auth scope, such as for teams and projects')]
      : [];
    const nameParam = param('name', 'path', `name of the ${r.type.kind}`);
    const collection = `${prefix}${nsPath}/${r.type.plural}`;
    if (r.type.review) {
      paths[collection] = { post: operation('post', r, version, ref) };
      continue;
    }
    paths[collection] = {
      get: operation('list', r, version, ref, nsParam),
      post: operation('post', r, version, ref, nsParam),
    };
    const item = {
      get: operation('get', r, version, ref, [...nsParam, nameParam]),
      put: operation('put', r, version, ref, [...nsParam, nameParam]),
      patch: operation('patch', r, version, ref, [
        ...nsParam,
        nameParam,
        param('force', 'query', 'Force is going to "force" Apply requests.'),
      ]),
      delete: operation('delete', r, version, ref, [...nsParam, nameParam]),
    };
    paths[`${collection}/{name}`] = item;
    if (r.version.hasStatus)
      paths[`${collection}/{name}/status`] = { get: item.get, put: item.put, patch: item.patch };
    if (r.type.namespaced) paths[`${prefix}/${r.type.plural}`] = { get: operation('list', r, version, ref) };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.32.0' },
    paths,
    components: { schemas },
  };
}

/** Caches documents (and their hashes) until the registry changes. */
export class OpenApi {
  private revision = -1;
  private docs = new Map<string, { json: string; hash: string }>();

  constructor(private readonly registry: Registry) {}

  private refresh(): void {
    if (this.revision === this.registry.revision) return;
    this.revision = this.registry.revision;
    this.docs = new Map();
  }

  /** `api/v1` or `apis/<g>/<v>`. */
  document(key: string): { json: string; hash: string } | undefined {
    this.refresh();
    let d = this.docs.get(key);
    if (d) return d;
    const parts = key.split('/');
    const doc =
      parts[0] === 'api' && parts.length === 2
        ? groupVersionDocument(this.registry, '', parts[1] as string)
        : parts[0] === 'apis' && parts.length === 3
          ? groupVersionDocument(this.registry, parts[1] as string, parts[2] as string)
          : undefined;
    if (!doc) return undefined;
    const json = JSON.stringify(doc);
    d = { json, hash: createHash('sha512').update(json).digest('hex').toUpperCase().slice(0, 128) };
    this.docs.set(key, d);
    return d;
  }

  index(): object {
    const paths: Record<string, object> = {};
    for (const g of this.registry.groups()) {
      for (const v of g.versions) {
        const key = g.group ? `apis/${g.group}/${v.version}` : `api/${v.version}`;
        const d = this.document(key);
        if (d) paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${d.hash}` };
      }
    }
    return { paths };
  }
}
