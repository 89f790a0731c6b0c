// CustomResourceDefinition objects → registry entries, plus the server-managed CRD status.
import type { StatusCause } from './http/status.js';
import { isPlainObject } from './patch/merge.js';
import type { JsonSchema, PrinterColumn, ResourceType, VersionDef } from './registry.js';
import { CUSTOM_RESOURCE_VERBS, compareVersions } from './registry.js';
import type { StoredObject } from './types.js';

interface CrdVersion {
  name?: string;
  served?: boolean;
  storage?: boolean;
  schema?: { openAPIV3Schema?: JsonSchema };
  subresources?: { status?: object };
  additionalPrinterColumns?: Array<{
    name: string;
    type: string;
    format?: string;
    description?: string;
    priority?: number;
    jsonPath: string;
  }>;
}

interface CrdSpec {
  group?: string;
  scope?: string;
  names?: {
    plural?: string;
    singular?: string;
    kind?: string;
    listKind?: string;
    shortNames?: string[];
    categories?: string[];
  };
  versions?: CrdVersion[];
}

const specOf = (crd: StoredObject): CrdSpec => (isPlainObject(crd.spec) ? (crd.spec as CrdSpec) : {});

export function validateCrd(crd: StoredObject): StatusCause[] {
  const spec = specOf(crd);
  const causes: StatusCause[] = [];
  const req = (field: string): void =>
    void causes.push({ reason: 'FieldValueRequired', message: 'Required value', field });
  if (!spec.group) req('spec.group');
  if (!spec.names?.plural) req('spec.names.plural');
  if (!spec.names?.kind) req('spec.names.kind');
  if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster') {
    causes.push({
      reason: 'FieldValueNotSupported',
      message: `Unsupported value: ${JSON.stringify(spec.scope ?? '')}: supported values: "Cluster", "Namespaced"`,
      field: 'spec.scope',
    });
  }
  const versions = spec.versions ?? [];
  if (versions.length === 0) req('spec.versions');
  if (versions.length > 0 && versions.filter((v) => v.storage).length !== 1) {
    causes.push({
      reason: 'FieldValueInvalid',
      message: 'Invalid value: must have exactly one version marked as storage version',
      field: 'spec.versions',
    });
  }
  const expected = `${spec.names?.plural ?? ''}.${spec.group ?? ''}`;
  if (spec.group && spec.names?.plural && crd.metadata?.name !== expected) {
    causes.push({
      reason: 'FieldValueInvalid',
      message: `Invalid value: ${JSON.stringify(crd.metadata?.name ?? '')}: must be spec.names.plural+"."+spec.group`,
      field: 'metadata.name',
    });
  }
  return causes;
}

export function typeFromCrd(crd: StoredObject): ResourceType {
  const spec = specOf(crd);
  const names = spec.names ?? {};
  const kind = names.kind ?? '';
  const served = (spec.versions ?? []).filter((v) => v.served !== false && v.name);
  served.sort((a, b) => compareVersions(a.name ?? '', b.name ?? ''));
  const versions: VersionDef[] = served.map((v) => ({
    name: v.name as string,
    ...(v.schema?.openAPIV3Schema ? { schema: v.schema.openAPIV3Schema } : {}),
    hasStatus: !!v.subresources?.status,
    printerColumns: (v.additionalPrinterColumns ?? []).map((c): PrinterColumn => ({
      name: c.name,
      type: c.type,
      ...(c.format ? { format: c.format } : {}),
      ...(c.description ? { description: c.description } : {}),
      priority: c.priority ?? 0,
      jsonPath: c.jsonPath,
    })),
  }));
  const storage = (spec.versions ?? []).find((v) => v.storage)?.name ?? versions[0]?.name ?? '';
  const group = spec.group ?? '';
  const plural = names.plural ?? '';
  return {
    group,
    plural,
    singular: names.singular ?? kind.toLowerCase(),
    kind,
    listKind: names.listKind ?? `${kind}List`,
    shortNames: names.shortNames ?? [],
    categories: names.categories ?? [],
    namespaced: spec.scope !== 'Cluster',
    versions,
    storageVersion: storage,
    verbs: CUSTOM_RESOURCE_VERBS,
    hasGeneration: true,
    storageKey: `${group}/${plural}`,
    returnsDeletedObject: false,
    allowUnconditionalUpdate: false,
    strategicMerge: false,
    crdName: crd.metadata?.name ?? '',
  };
}

/** The status the apiextensions controller would write: names accepted, established. */
export function crdStatus(
  crd: StoredObject,
  previous: StoredObject | undefined,
  now: string,
): Record<string, unknown> {
  const spec = specOf(crd);
  const names = spec.names ?? {};
  const kind = names.kind ?? '';
  const prevConditions =
    (previous?.status as { conditions?: Array<{ type: string; lastTransitionTime?: string }> } | undefined)
      ?.conditions ?? [];
  const since = (type: string): string =>
    prevConditions.find((c) => c.type === type)?.lastTransitionTime ?? now;
  const storage = (spec.versions ?? []).find((v) => v.storage)?.name;
  const prevStored = (previous?.status as { storedVersions?: string[] } | undefined)?.storedVersions ?? [];
  return {
    conditions: [
      {
        type: 'NamesAccepted',
        status: 'True',
        lastTransitionTime: since('NamesAccepted'),
        reason: 'NoConflicts',
        message: 'no conflicts found',
      },
      {
        type: 'Established',
        status: 'True',
        lastTransitionTime: since('Established'),
        reason: 'InitialNamesAccepted',
        message: 'the initial names have been accepted',
      },
    ],
    acceptedNames: {
      plural: names.plural,
      singular: names.singular ?? kind.toLowerCase(),
      kind,
      listKind: names.listKind ?? `${kind}List`,
      ...(names.shortNames ? { shortNames: names.shortNames } : {}),
      ...(names.categories ? { categories: names.categories } : {}),
    },
    storedVersions: [...new Set([...prevStored, ...(storage ? [storage] : [])])],
  };
}
