// CRD structural schemas: defaults, pruning of unknown fields, and 422 causes from ajv errors.
import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { StatusCause } from './http/status.js';
import { isPlainObject } from './patch/merge.js';
import type { JsonSchema } from './registry.js';

// Like the API server, formats are checked where Kubernetes checks them: a `date-time` must be
// RFC 3339 (a HealthCheck's lastChangeTime of "yesterday" is refused, not stored). Other formats
// (int64, …) are not enforced; unknown ones are ignored quietly.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const ajv = new Ajv({
  strict: false,
  allErrors: true,
  validateFormats: true,
  formats: { 'date-time': (v: string) => RFC3339.test(v) && !Number.isNaN(Date.parse(v)) },
  logger: false,
  validateSchema: false,
});
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

function validatorFor(schema: JsonSchema): ValidateFunction | undefined {
  let fn = compiled.get(schema);
  if (!fn) {
    try {
      fn = ajv.compile(stripForAjv(schema) as JsonSchema);
    } catch {
      return undefined; // A schema ajv cannot compile must not make the kind unusable.
    }
    compiled.set(schema, fn);
  }
  return fn;
}

/** ObjectMeta is validated by the server itself; the CRD's `metadata` node must not reject its fields. */
function stripForAjv(schema: JsonSchema): unknown {
  const props = schema.properties as Record<string, unknown> | undefined;
  if (!props?.metadata) return schema;
  return { ...schema, properties: { ...props, metadata: { type: 'object' } } };
}

export function applyDefaults(schema: unknown, value: unknown): void {
  if (!isPlainObject(schema)) return;
  const props = schema.properties;
  if (isPlainObject(props) && isPlainObject(value)) {
    for (const [k, sub] of Object.entries(props)) {
      if (value[k] === undefined && isPlainObject(sub) && sub.default !== undefined) {
        value[k] = structuredClone(sub.default);
      }
      if (value[k] !== undefined) applyDefaults(sub, value[k]);
    }
  }
  const addl = schema.additionalProperties;
  if (isPlainObject(addl) && isPlainObject(value)) {
    for (const [k, v] of Object.entries(value))
      if (!(isPlainObject(props) && k in props)) applyDefaults(addl, v);
  }
  if (isPlainObject(schema.items) && Array.isArray(value))
    for (const v of value) applyDefaults(schema.items, v);
}

/** Removes fields the schema does not know and returns their paths (`spec.foo`). */
export function pruneUnknown(schema: unknown, value: unknown, path = '', top = true): string[] {
  if (!isPlainObject(schema)) return [];
  const unknown: string[] = [];
  if (Array.isArray(value)) {
    value.forEach((v, i) => unknown.push(...pruneUnknown(schema.items, v, `${path}[${i}]`, false)));
    return unknown;
  }
  if (!isPlainObject(value)) return [];
  const props = isPlainObject(schema.properties) ? schema.properties : undefined;
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = schema['x-kubernetes-embedded-resource'] === true;
  const addl = schema.additionalProperties;
  for (const [k, v] of Object.entries(value)) {
    const childPath = path ? `${path}.${k}` : k;
    if (top && (k === 'apiVersion' || k === 'kind' || k === 'metadata')) {
      if (k !== 'metadata' && props?.[k]) continue;
      continue;
    }
    if (embedded && (k === 'apiVersion' || k === 'kind' || k === 'metadata')) continue;
    if (props && k in props) {
      unknown.push(...pruneUnknown(props[k], v, childPath, false));
    } else if (isPlainObject(addl)) {
      unknown.push(...pruneUnknown(addl, v, childPath, false));
    } else if (addl === true || preserve) {
      continue;
    } else {
      delete value[k];
      unknown.push(childPath);
    }
  }
  return unknown;
}

export function validateAgainst(schema: JsonSchema, obj: unknown): StatusCause[] {
  const fn = validatorFor(schema);
  if (!fn || fn(obj)) return [];
  const causes: StatusCause[] = [];
  const seen = new Set<string>();
  for (const e of fn.errors ?? []) {
    const c = toCause(e, obj);
    if (!c) continue;
    const key = `${c.field}|${c.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    causes.push(c);
  }
  // Upstream's validator reports a level's value errors before its missing required fields.
  return [
    ...causes.filter((c) => c.reason !== 'FieldValueRequired'),
    ...causes.filter((c) => c.reason === 'FieldValueRequired'),
  ];
}

/** `/spec/items/0/name` → `spec.items[0].name`, using the data to tell array indexes from keys. */
export function fieldPath(instancePath: string, data: unknown): string {
  let out = '';
  let cur: unknown = data;
  for (const raw of instancePath.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) {
      out += `[${seg}]`;
      cur = cur[Number(seg)];
    } else {
      out += out ? `.${seg}` : seg;
      cur = isPlainObject(cur) ? cur[seg] : undefined;
    }
  }
  return out;
}

function render(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? 'null');
}

function valueAt(instancePath: string, data: unknown): unknown {
  let cur = data;
  for (const raw of instancePath.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    cur = Array.isArray(cur) ? cur[Number(seg)] : isPlainObject(cur) ? cur[seg] : undefined;
  }
  return cur;
}

function toCause(e: ErrorObject, data: unknown): StatusCause | undefined {
  const path = fieldPath(e.instancePath, data);
  const value = valueAt(e.instancePath, data);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const field = path ? `${path}.${String(p.missingProperty)}` : String(p.missingProperty);
      return { reason: 'FieldValueRequired', message: 'Required value', field };
    }
    case 'type': {
      const actual = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value;
      return {
        reason: 'FieldValueTypeInvalid',
        message: `Invalid value: "${actual}": ${path} in body must be of type ${String(p.type)}: "${actual}"`,
        field: path,
      };
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(render).join(', ');
      return {
        reason: 'FieldValueNotSupported',
        message: `Unsupported value: ${render(value)}: supported values: ${allowed}`,
        field: path,
      };
    }
    case 'pattern':
      return {
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${render(value)}: ${path} in body should match '${String(p.pattern)}'`,
        field: path,
      };
    case 'minimum':
    case 'exclusiveMinimum':
      return {
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${render(value)}: ${path} in body should be greater than ${e.keyword === 'minimum' ? 'or equal to ' : ''}${String(p.limit)}`,
        field: path,
      };
    case 'maximum':
    case 'exclusiveMaximum':
      return {
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${render(value)}: ${path} in body should be less than ${e.keyword === 'maximum' ? 'or equal to ' : ''}${String(p.limit)}`,
        field: path,
      };
    case 'maxLength':
      return {
        reason: 'FieldValueTooLong',
        message: `Too long: may not be more than ${String(p.limit)} bytes`,
        field: path,
      };
    case 'minLength':
      return {
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${render(value)}: ${path} in body should be at least ${String(p.limit)} chars long`,
        field: path,
      };
    case 'maxItems':
      return {
        reason: 'FieldValueTooMany',
        message: `Too many: ${Array.isArray(value) ? value.length : 0}: must have at most ${String(p.limit)} items`,
        field: path,
      };
    case 'minItems':
      return {
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${Array.isArray(value) ? value.length : 0}: ${path} in body should have at least ${String(p.limit)} items`,
        field: path,
      };
    case 'anyOf':
    case 'oneOf':
    case 'if':
      return undefined;
    default:
      return {
        reason: 'FieldValueInvalid',
        message: `Invalid value: ${render(value)}: ${e.message ?? 'invalid'}`,
        field: path,
      };
  }
}
