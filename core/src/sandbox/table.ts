// Server-side printing: `Accept: …;as=Table` answers with the CRD's printer columns.
import { evaluateJsonPath, parseJsonPath } from './jsonpath.js';
import type { PrinterColumn, VersionDef } from './registry.js';
import type { StoredObject } from './types.js';

export const TABLE_CONTENT_TYPE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

export function wantsTable(accept: string | undefined): boolean {
  return !!accept && /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept);
}

const AGE: PrinterColumn = {
  name: 'Age',
  type: 'date',
  priority: 0,
  description: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
  jsonPath: '.metadata.creationTimestamp',
};

/** Columns for a version: Name first, then printer columns (or Age when there are none). */
export function columnsFor(version: VersionDef): PrinterColumn[] {
  const extra = version.printerColumns.length > 0 ? version.printerColumns : [AGE];
  return extra;
}

const compiled = new Map<string, ReturnType<typeof parseJsonPath>>();
function compile(path: string): ReturnType<typeof parseJsonPath> {
  let steps = compiled.get(path);
  if (!steps) compiled.set(path, (steps = parseJsonPath(path)));
  return steps;
}

/** kubectl's duration.HumanDuration, the way ages read in `kubectl get`. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8)
    return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const days = Math.floor(hours / 24);
    const y = Math.floor(days / 365);
    return days % 365 === 0 ? `${y}y` : `${y}y${days % 365}d`;
  }
  return `${Math.floor(hours / 24 / 365)}y`;
}

export function ageSince(timestamp: unknown, now: Date): string | null {
  if (typeof timestamp !== 'string') return null;
  const t = Date.parse(timestamp);
  return Number.isNaN(t) ? null : humanDuration(now.getTime() - t);
}

function cell(col: PrinterColumn, obj: StoredObject, now: Date): unknown {
  if (col.value) return col.value(obj, now) ?? null;
  if (!col.jsonPath) return null;
  let results: unknown[];
  try {
    results = evaluateJsonPath(compile(col.jsonPath), obj);
  } catch {
    return null;
  }
  if (results.length === 0) return null;
  const v = results[0];
  switch (col.type) {
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v) ? v : null;
    case 'number':
      return typeof v === 'number' ? v : null;
    case 'boolean':
      return typeof v === 'boolean' ? v : null;
    case 'date':
      return ageSince(v, now);
    default:
      if (v === null || v === undefined) return null;
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

export interface TableOptions {
  now: Date;
  resourceVersion: string;
  continueToken?: string;
  remainingItemCount?: number;
  includeObject?: string;
}

/** What a row needs: the object for cells, and cached JSON for the embedded object. */
export interface TableRowSource {
  obj: StoredObject;
  metadataJson: () => string;
  objectJson: () => string;
}

/**
 * A meta.k8s.io/v1 Table as JSON text. Rows embed the object's metadata from cached JSON, so
 * a 5,000-row table is mostly string joins rather than serialising 5,000 metadata objects.
 */
export function tableJson(version: VersionDef, rows: TableRowSource[], opts: TableOptions): string {
  const cols = columnsFor(version);
  const nameColumn = version.omitNameColumn
    ? []
    : [
        {
          name: 'Name',
          type: 'string',
          format: 'name',
          description:
            'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names',
          priority: 0,
        },
      ];
  const columnDefinitions = [
    ...nameColumn,
    ...cols.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description:
        c.description ??
        (c.jsonPath ? `Custom resource definition column (in JSONPath format): ${c.jsonPath}` : ''),
      priority: c.priority,
    })),
  ];
  const metadata: Record<string, unknown> = { resourceVersion: opts.resourceVersion };
  if (opts.continueToken) metadata.continue = opts.continueToken;
  if (opts.remainingItemCount !== undefined) metadata.remainingItemCount = opts.remainingItemCount;
  const rowTexts = rows.map((row) => {
    const cells = [
      ...(version.omitNameColumn ? [] : [row.obj.metadata?.name ?? '']),
      ...cols.map((c) => cell(c, row.obj, opts.now)),
    ];
    return `{"cells":${JSON.stringify(cells)},"object":${rowObject(row, opts.includeObject)}}`;
  });
  return `{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":${JSON.stringify(metadata)},"columnDefinitions":${JSON.stringify(columnDefinitions)},"rows":[${rowTexts.join(',')}]}`;
}

function rowObject(row: TableRowSource, includeObject: string | undefined): string {
  if (includeObject === 'None') return 'null';
  if (includeObject === 'Object') return row.objectJson();
  return `{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":${row.metadataJson()}}`;
}
