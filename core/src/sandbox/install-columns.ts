// Printer columns of the kinds a controller install uses (ServiceAccount, Deployment, RBAC), computed
// the way kube-apiserver's printers do. No controller runs, so Deployment replica counts stay 0.
import type { PrinterColumn } from './registry.js';
import { ageSince } from './table.js';
import type { StoredObject } from './types.js';

const field = (o: StoredObject, ...path: string[]): unknown =>
  path.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
    o,
  );

// Built-in printers declare Age as a "string" column (CRD columns say "date").
const age: PrinterColumn = {
  name: 'Age',
  type: 'string',
  priority: 0,
  value: (o, now) => ageSince(o.metadata?.creationTimestamp, now),
};

const count = (v: unknown): number => (typeof v === 'number' ? v : 0);
const list = (v: unknown): Array<Record<string, unknown>> => (Array.isArray(v) ? v : []);

/** metav1.FormatLabelSelector: sorted requirements, `<none>` when empty. */
export function formatLabelSelector(sel: unknown): string {
  const s = (sel ?? {}) as { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
  const parts = Object.entries(s.matchLabels ?? {}).map(([k, v]) => [k, `${k}=${v}`]);
  for (const e of list(s.matchExpressions)) {
    const key = String(e.key ?? '');
    const values = Array.isArray(e.values) ? [...(e.values as string[])].sort().join(',') : '';
    const op = e.operator;
    const text =
      op === 'In'
        ? `${key} in (${values})`
        : op === 'NotIn'
          ? `${key} notin (${values})`
          : op === 'DoesNotExist'
            ? `!${key}`
            : key;
    parts.push([key, text]);
  }
  if (!parts.length) return '<none>';
  return parts
    .sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0))
    .map(([, t]) => t)
    .join(',');
}

const containers = (o: StoredObject) => list(field(o, 'spec', 'template', 'spec', 'containers'));

export const deploymentColumns: PrinterColumn[] = [
  {
    name: 'Ready',
    type: 'string',
    priority: 0,
    value: (o) => `${count(field(o, 'status', 'readyReplicas'))}/${count(field(o, 'spec', 'replicas') ?? 1)}`,
  },
  {
    name: 'Up-to-date',
    type: 'integer',
    priority: 0,
    value: (o) => count(field(o, 'status', 'updatedReplicas')),
  },
  {
    name: 'Available',
    type: 'integer',
    priority: 0,
    value: (o) => count(field(o, 'status', 'availableReplicas')),
  },
  age,
  {
    name: 'Containers',
    type: 'string',
    priority: 1,
    value: (o) =>
      containers(o)
        .map((c) => c.name ?? '')
        .join(','),
  },
  {
    name: 'Images',
    type: 'string',
    priority: 1,
    value: (o) =>
      containers(o)
        .map((c) => c.image ?? '')
        .join(','),
  },
  {
    name: 'Selector',
    type: 'string',
    priority: 1,
    value: (o) => formatLabelSelector(field(o, 'spec', 'selector')),
  },
];

export const serviceAccountColumns: PrinterColumn[] = [
  { name: 'Secrets', type: 'integer', priority: 0, value: (o) => list(o.secrets).length },
  age,
];

/** Role and ClusterRole: the creation time as RFC 3339, like the upstream printer. */
export const roleColumns: PrinterColumn[] = [
  {
    name: 'Created At',
    type: 'string',
    priority: 0,
    value: (o) => o.metadata?.creationTimestamp ?? null,
  },
];

const subjects = (o: StoredObject, kind: string, withNamespace = false): string =>
  list(o.subjects)
    .filter((s) => s.kind === kind)
    .map((s) =>
      withNamespace ? `${String(s.namespace ?? '')}/${String(s.name ?? '')}` : String(s.name ?? ''),
    )
    .join(', ');

/** RoleBinding and ClusterRoleBinding: `Kind/name` of the role; subjects only in -o wide. */
export const bindingColumns: PrinterColumn[] = [
  {
    name: 'Role',
    type: 'string',
    priority: 0,
    value: (o) => `${String(field(o, 'roleRef', 'kind') ?? '')}/${String(field(o, 'roleRef', 'name') ?? '')}`,
  },
  age,
  { name: 'Users', type: 'string', priority: 1, value: (o) => subjects(o, 'User') },
  { name: 'Groups', type: 'string', priority: 1, value: (o) => subjects(o, 'Group') },
  { name: 'ServiceAccounts', type: 'string', priority: 1, value: (o) => subjects(o, 'ServiceAccount', true) },
];
