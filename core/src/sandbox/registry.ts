// The type registry: which resources exist, in which versions, and how they behave.
// Built-ins are registered once; CRDs add and remove entries at run time.
import type { StatusCause } from './http/status.js';
import type { TimeField } from './time-fields.js';
import type { StoredObject } from './types.js';

export type JsonSchema = Record<string, unknown>;

export interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority: number;
  /** CRD-style JSONPath (`.status.phase`, `.status.conditions[?(@.type=="Ready")].status`). */
  jsonPath?: string;
  /** Built-in columns computed in code. */
  value?: (obj: StoredObject, now: Date) => unknown;
}

export interface VersionDef {
  name: string;
  schema?: JsonSchema;
  printerColumns: PrinterColumn[];
  hasStatus: boolean;
  /** Built-in tables without a leading Name column (Event). */
  omitNameColumn?: boolean;
}

export interface ResourceType {
  group: string;
  plural: string;
  singular: string;
  kind: string;
  listKind: string;
  shortNames: string[];
  categories: string[];
  namespaced: boolean;
  /** Served versions in preference order; the first is the storage version unless `storageVersion` says otherwise. */
  versions: VersionDef[];
  storageVersion: string;
  verbs: string[];
  /** Custom resources (and CRDs) track metadata.generation; most built-ins do not. */
  hasGeneration: boolean;
  /** Objects of several types can share one bucket (core/v1 Event and events.k8s.io/v1 Event). */
  storageKey: string;
  /** Map a stored object to this type's external shape / back, when the bucket is shared. */
  toExternal?: (obj: StoredObject) => StoredObject;
  toInternal?: (obj: StoredObject) => StoredObject;
  /** Field selector labels beyond metadata.name / metadata.namespace. */
  fieldLabels?: Record<string, (obj: StoredObject) => string | undefined>;
  /** Create-only review resources answered from the request, never stored. */
  review?: 'selfsubjectreview' | 'selfsubjectaccessreview';
  /** DELETE answers with the object (Namespace) instead of a Success Status (CRs, most built-ins). */
  returnsDeletedObject: boolean;
  /** PUT without metadata.resourceVersion is allowed (built-ins) or refused with 422 (CRs). */
  allowUnconditionalUpdate: boolean;
  /** Strategic merge patch is accepted (built-ins only); CRs answer 415. */
  strategicMerge: boolean;
  /** The CRD that defines this type, if any. */
  crdName?: string;
  /** Built-in metav1.Time and MicroTime fields, decoded (and refused) as the API server does. */
  times?: TimeField[];
  /** Checks a create makes on this version only (events.k8s.io/v1 refuses the deprecated fields). */
  createCauses?: (obj: StoredObject) => StatusCause[];
}

export const STANDARD_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

/** The order a real API server lists a custom resource's verbs in (its CRD handler's, not sorted). */
export const CUSTOM_RESOURCE_VERBS = [
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'create',
  'update',
  'watch',
];

export interface Resolved {
  type: ResourceType;
  version: VersionDef;
}

/** Kubernetes version priority: v1 > v1beta2 > v1beta1 > v1alpha1 > anything else (alphabetical). */
export function compareVersions(a: string, b: string): number {
  const rank = (v: string): [number, number, number, string] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [0, 0, 0, v];
    const stability = m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1;
    return [stability, Number(m[1]), Number(m[3] ?? 0), v];
  };
  const ra = rank(a);
  const rb = rank(b);
  if (ra[0] !== rb[0]) return ra[0] === 0 ? 1 : rb[0] === 0 ? -1 : rb[0] - ra[0];
  if (ra[0] === 0) return ra[3].localeCompare(rb[3]);
  if (ra[1] !== rb[1]) return rb[1] - ra[1];
  return rb[2] - ra[2];
}

export class Registry {
  private readonly types = new Map<string, ResourceType>(); // group/plural
  private listeners: Array<() => void> = [];
  /** Bumped on every change, so discovery and OpenAPI caches know when to rebuild. */
  revision = 0;

  add(type: ResourceType): void {
    this.types.set(`${type.group}/${type.plural}`, type);
    this.changed();
  }

  remove(group: string, plural: string): ResourceType | undefined {
    const key = `${group}/${plural}`;
    const t = this.types.get(key);
    if (t) {
      this.types.delete(key);
      this.changed();
    }
    return t;
  }

  onChange(fn: () => void): void {
    this.listeners.push(fn);
  }

  all(): ResourceType[] {
    return [...this.types.values()];
  }

  byGroupPlural(group: string, plural: string): ResourceType | undefined {
    return this.types.get(`${group}/${plural}`);
  }

  resolve(group: string, version: string, plural: string): Resolved | undefined {
    const type = this.types.get(`${group}/${plural}`);
    const v = type?.versions.find((x) => x.name === version);
    return type && v ? { type, version: v } : undefined;
  }

  /** Resolve by apiVersion + kind (in-process store API, persistence). */
  byKind(apiVersion: string, kind: string): Resolved | undefined {
    const slash = apiVersion.lastIndexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
    for (const type of this.types.values()) {
      if (type.group !== group || type.kind !== kind) continue;
      const v = type.versions.find((x) => x.name === version);
      if (v) return { type, version: v };
    }
    return undefined;
  }

  /** Types sharing a storage bucket (for watch fan-out across shapes). */
  byStorageKey(storageKey: string): ResourceType[] {
    return this.all().filter((t) => t.storageKey === storageKey);
  }

  /** Group → versions (preference order) → types, for discovery and OpenAPI. */
  groups(): Array<{ group: string; versions: Array<{ version: string; types: Resolved[] }> }> {
    const byGroup = new Map<string, Map<string, Resolved[]>>();
    for (const type of this.types.values()) {
      let versions = byGroup.get(type.group);
      if (!versions) byGroup.set(type.group, (versions = new Map()));
      for (const v of type.versions) {
        const list = versions.get(v.name) ?? [];
        list.push({ type, version: v });
        versions.set(v.name, list);
      }
    }
    const builtinOrder = [
      '',
      'apiextensions.k8s.io',
      'apps',
      'authentication.k8s.io',
      'authorization.k8s.io',
      'coordination.k8s.io',
      'events.k8s.io',
      'rbac.authorization.k8s.io',
    ];
    const order = (g: string): number => {
      const i = builtinOrder.indexOf(g);
      return i < 0 ? builtinOrder.length : i;
    };
    return [...byGroup.entries()]
      .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
      .map(([group, versions]) => ({
        group,
        versions: [...versions.entries()]
          .sort(([a], [b]) => compareVersions(a, b))
          .map(([version, types]) => ({
            version,
            types: types.sort((x, y) => x.type.plural.localeCompare(y.type.plural)),
          })),
      }));
  }

  private changed(): void {
    this.revision++;
    for (const fn of this.listeners) fn();
  }
}
