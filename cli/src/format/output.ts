// -o json|yaml|name, the kubectl way: one object as itself, several as a v1 List.
export type MachineFormat = 'json' | 'yaml' | 'name';

export interface NamedObject {
  kind?: string;
  apiVersion?: string;
  metadata?: { name?: string };
}

export function asList(items: unknown[]): { apiVersion: 'v1'; kind: 'List'; items: unknown[] } {
  return { apiVersion: 'v1', kind: 'List', items };
}

export function resourceName(o: NamedObject): string {
  const group = o.apiVersion?.includes('/') ? `.${o.apiVersion.split('/')[0]}` : '';
  return `${(o.kind ?? 'object').toLowerCase()}${group}/${o.metadata?.name ?? ''}`;
}

/** Serialises any value; `name` needs Kubernetes objects (or a list of them). */
export async function renderMachine(format: MachineFormat, value: unknown): Promise<string> {
  if (format === 'json') return JSON.stringify(value, null, 2);
  if (format === 'yaml') {
    // yaml is CommonJS: its functions sit on the default export once bundled.
    const mod = (await import('yaml')) as unknown as {
      stringify?: (v: unknown) => string;
      default?: { stringify: (v: unknown) => string };
    };
    const stringify = mod.stringify ?? mod.default!.stringify;
    return stringify(value).trimEnd();
  }
  const items =
    (value as { kind?: string; items?: unknown[] }).kind === 'List'
      ? (value as { items: unknown[] }).items
      : [value];
  return items.map((o) => resourceName(o as NamedObject)).join('\n');
}

/** The object without metadata.managedFields (server bookkeeping nobody reads by default, like kubectl). */
export function withoutManagedFields<T extends { metadata: object }>(obj: T): T {
  if (!('managedFields' in obj.metadata)) return obj;
  const { managedFields: _dropped, ...metadata } = obj.metadata as { managedFields?: unknown };
  return { ...obj, metadata };
}
