// Test helpers: validate objects against our CRD schemas the way a structural-schema server would
// (formats, enums, patterns, defaults), and walk a schema along a printer column's JSONPath.
import { Ajv, type ErrorObject } from 'ajv';
import type { JSONSchemaProps } from '../openapi.js';

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function makeAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: true, strictRequired: false });
  for (const keyword of [
    'x-kubernetes-preserve-unknown-fields',
    'x-kubernetes-list-type',
    'x-kubernetes-list-map-keys',
    'x-kubernetes-map-type',
    // CEL rules (Flux's CRDs carry some): not evaluated here, as in the sandbox.
    'x-kubernetes-validations',
  ]) {
    ajv.addKeyword({ keyword, schemaType: ['boolean', 'string', 'array'] });
  }
  ajv.addFormat('date-time', DATE_TIME);
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  return ajv;
}

export interface Failure {
  path: string;
  keyword: string;
}

/** Validates (applying defaults in place) and returns the failures as instance path + keyword. */
export function validate(ajv: Ajv, schema: JSONSchemaProps, obj: unknown): Failure[] {
  const fn = ajv.compile(schema);
  if (fn(obj)) return [];
  return (fn.errors ?? []).map((e: ErrorObject) => ({
    path: e.keyword === 'required' ? `${e.instancePath}/${String(e.params.missingProperty)}` : e.instancePath,
    keyword: e.keyword,
  }));
}

/** The schema node a printer-column JSONPath lands on, or undefined when the path leaves the schema. */
export function schemaAt(schema: JSONSchemaProps, jsonPath: string): JSONSchemaProps | undefined {
  let node: JSONSchemaProps | undefined = schema;
  for (const segment of jsonPath.replace(/\[[^\]]*\]/g, '[]').split(/(?=[.[])/)) {
    if (!node) return undefined;
    if (segment === '[]') node = node.items;
    else if (segment.startsWith('.')) node = node.properties?.[segment.slice(1)];
    else return undefined;
  }
  return node;
}

/** Violations of the Kubernetes structural-schema rules our server and a real one both rely on. */
export function structuralProblems(schema: JSONSchemaProps, path = ''): string[] {
  const problems: string[] = [];
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true;
  if (!schema.type && !preserve) problems.push(`${path || '<root>'}: no type`);
  if (schema.type === 'array' && !schema.items) problems.push(`${path}: array without items`);
  if (schema.properties && schema.additionalProperties) {
    problems.push(`${path}: properties and additionalProperties together`);
  }
  if (schema['x-kubernetes-list-type'] === 'map') {
    for (const key of schema['x-kubernetes-list-map-keys'] ?? []) {
      if (!schema.items?.required?.includes(key)) problems.push(`${path}: list map key ${key} not required`);
    }
  }
  for (const key of schema.required ?? []) {
    if (!schema.properties?.[key]) problems.push(`${path}: required ${key} is not a property`);
  }
  if (
    schema.enum &&
    schema.type &&
    schema.enum.some((v) => typeof v !== (schema.type === 'integer' ? 'number' : schema.type))
  ) {
    problems.push(`${path}: enum value of the wrong type`);
  }
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    problems.push(...structuralProblems(child, `${path}.${name}`));
  }
  if (schema.items) problems.push(...structuralProblems(schema.items, `${path}[]`));
  if (schema.additionalProperties)
    problems.push(...structuralProblems(schema.additionalProperties, `${path}{}`));
  return problems;
}
