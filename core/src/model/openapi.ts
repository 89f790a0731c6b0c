// OpenAPI v3 structural-schema building blocks for our CRDs.
// The builders are typed against the model's TypeScript interfaces, so a field added to (or removed
// from) a type without the same change in its schema is a compile error, not a silent drift.

export type SchemaType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';

/** The subset of apiextensions.k8s.io/v1 JSONSchemaProps that our CRDs use. */
export interface JSONSchemaProps {
  type?: SchemaType;
  description?: string;
  format?: string;
  pattern?: string;
  enum?: (string | number | boolean)[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JSONSchemaProps>;
  required?: string[];
  additionalProperties?: JSONSchemaProps;
  items?: JSONSchemaProps;
  nullable?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
}

export type ObjectSchema = JSONSchemaProps & { type: 'object' };
export type ArraySchema = JSONSchemaProps & { type: 'array' };

/** The schema a TypeScript field type must be described by (checked on the `type` keyword). */
export type SchemaFor<T> = [NonNullable<T>] extends [string]
  ? JSONSchemaProps & { type: 'string' }
  : [NonNullable<T>] extends [number]
    ? JSONSchemaProps & { type: 'integer' | 'number' }
    : [NonNullable<T>] extends [boolean]
      ? JSONSchemaProps & { type: 'boolean' }
      : [NonNullable<T>] extends [readonly unknown[]]
        ? ArraySchema
        : ObjectSchema;

/** Keys of T that are not optional. */
export type RequiredKeys<T> = {
  [K in keyof T]-?: object extends Pick<T, K> ? never : K;
}[keyof T] &
  string;

/** Resolves to `unknown` when every member of All is in Given; otherwise to an impossible shape naming the gap. */
type Covers<All, Given> = [Exclude<All, Given>] extends [never] ? unknown : { missing: Exclude<All, Given> };

/**
 * An object schema for type T: `properties` must name exactly T's fields (each with a schema of the
 * matching JSON type), and `required` must list exactly T's non-optional fields.
 * Usage: `objectOf<RolloutSpec>()({...}, ['releasesImagePolicy'])`.
 */
export function objectOf<T>() {
  return <const R extends readonly RequiredKeys<T>[]>(
    properties: { [K in keyof T & string]-?: SchemaFor<T[K]> },
    required: R & Covers<RequiredKeys<T>, R[number]>,
    extra: Omit<JSONSchemaProps, 'type' | 'properties' | 'required'> = {},
  ): ObjectSchema => ({
    type: 'object',
    ...extra,
    properties: properties as Record<string, JSONSchemaProps>,
    ...(required.length > 0 ? { required: [...required] } : {}),
  });
}

/** A string enum listing exactly the members of the union T. */
export function enumOf<T extends string>() {
  return <const V extends readonly T[]>(
    values: V & Covers<T, V[number]>,
    extra: Omit<JSONSchemaProps, 'type' | 'enum'> = {},
  ): JSONSchemaProps & { type: 'string' } => ({ type: 'string', ...extra, enum: [...values] });
}

export const str = (extra: Omit<JSONSchemaProps, 'type'> = {}): JSONSchemaProps & { type: 'string' } => ({
  type: 'string',
  ...extra,
});
export const int = (extra: Omit<JSONSchemaProps, 'type'> = {}): JSONSchemaProps & { type: 'integer' } => ({
  type: 'integer',
  ...extra,
});
export const bool = (extra: Omit<JSONSchemaProps, 'type'> = {}): JSONSchemaProps & { type: 'boolean' } => ({
  type: 'boolean',
  ...extra,
});
export const arrayOf = (
  items: JSONSchemaProps,
  extra: Omit<JSONSchemaProps, 'type' | 'items'> = {},
): ArraySchema => ({ type: 'array', ...extra, items });
export const mapOf = (
  values: JSONSchemaProps,
  extra: Omit<JSONSchemaProps, 'type' | 'additionalProperties'> = {},
): ObjectSchema => ({ type: 'object', ...extra, additionalProperties: values });
/** An object whose fields are kept as written (for parts of foreign kinds we do not model). */
export const anyObject = (
  extra: Omit<JSONSchemaProps, 'type' | 'x-kubernetes-preserve-unknown-fields'> = {},
): ObjectSchema => ({
  type: 'object',
  ...extra,
  'x-kubernetes-preserve-unknown-fields': true,
});

export const dateTime = (description?: string): JSONSchemaProps & { type: 'string' } =>
  str({ format: 'date-time', ...(description ? { description } : {}) });

/**
 * Go/Kubernetes duration (`90s`, `1h30m`, `0.5h`, `250ms`, `10us`, and a bare `0`, which Go accepts).
 * Both micro signs are accepted because Go's time.ParseDuration accepts both U+00B5 and U+03BC.
 * The pattern cannot bound the size ("9…9h"): the engine's parser refuses what Go cannot hold.
 */
export const DURATION_PATTERN = '^(0|([0-9]+(\\.[0-9]+)?(ns|us|µs|μs|ms|s|m|h))+)$';
export const duration = (description: string): JSONSchemaProps & { type: 'string' } =>
  str({ description, pattern: DURATION_PATTERN });
