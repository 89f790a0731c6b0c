// Built-in kinds the project needs, with their hard-coded printer columns.
import {
  CORE_EVENT_FIELDS,
  coreEventIn,
  coreEventOut,
  EVENTS_V1_FIELDS,
  eventToCoreV1,
  eventToEventsV1,
  eventsV1CreateCauses,
} from './events.js';
import { bindingColumns, deploymentColumns, roleColumns, serviceAccountColumns } from './install-columns.js';
import type { PrinterColumn, ResourceType } from './registry.js';
import { STANDARD_VERBS } from './registry.js';
import { ageSince } from './table.js';
import {
  CORE_EVENT_TIMES,
  CRD_TIMES,
  DEPLOYMENT_TIMES,
  EVENTS_V1_TIMES,
  LEASE_TIMES,
  NAMESPACE_TIMES,
  OBJECT_META_TIMES,
} from './time-fields.js';
import type { StoredObject } from './types.js';

// Built-in printers declare Age (and counts) as "string" columns; only CRD columns say "date".
const age: PrinterColumn = {
  name: 'Age',
  type: 'string',
  priority: 0,
  value: (o, now) => ageSince(o.metadata?.creationTimestamp, now),
};

function builtin(
  p: Partial<ResourceType> &
    Pick<ResourceType, 'group' | 'plural' | 'kind'> & {
      version: string;
      columns?: PrinterColumn[];
      hasStatus?: boolean;
      omitName?: boolean;
    },
): ResourceType {
  return {
    singular: p.kind.toLowerCase(),
    listKind: `${p.kind}List`,
    shortNames: [],
    categories: [],
    namespaced: true,
    verbs: STANDARD_VERBS,
    hasGeneration: false,
    storageKey: `${p.group}/${p.plural}`,
    returnsDeletedObject: false,
    allowUnconditionalUpdate: true,
    strategicMerge: true,
    storageVersion: p.version,
    times: OBJECT_META_TIMES,
    versions: [
      {
        name: p.version,
        printerColumns: p.columns ?? [age],
        hasStatus: p.hasStatus ?? false,
        ...(p.omitName ? { omitNameColumn: true } : {}),
      },
    ],
    ...p,
  };
}

const dataCount = (o: StoredObject): number =>
  Object.keys((o.data as object | undefined) ?? {}).length +
  Object.keys((o.binaryData as object | undefined) ?? {}).length;

function involvedObject(o: StoredObject): string {
  const io = (o.involvedObject ?? o.regarding ?? {}) as { kind?: string; name?: string };
  return `${(io.kind ?? '').toLowerCase()}/${io.name ?? ''}`;
}

function lastSeen(o: StoredObject, now: Date): string | null {
  const series = o.series as { lastObservedTime?: string } | undefined;
  const t =
    series?.lastObservedTime ??
    o.lastTimestamp ??
    o.deprecatedLastTimestamp ??
    o.eventTime ??
    o.metadata?.creationTimestamp;
  return ageSince(t, now);
}

const eventColumns: PrinterColumn[] = [
  { name: 'Last Seen', type: 'string', priority: 0, value: lastSeen },
  { name: 'Type', type: 'string', priority: 0, jsonPath: '.type' },
  { name: 'Reason', type: 'string', priority: 0, jsonPath: '.reason' },
  { name: 'Object', type: 'string', priority: 0, value: involvedObject },
  { name: 'Message', type: 'string', priority: 0, value: (o) => (o.message ?? o.note ?? '') as string },
];

/** RBAC kinds: no generation, no status; ClusterRole and ClusterRoleBinding are cluster-scoped. */
const rbac = (plural: string, kind: string, namespaced: boolean, columns: PrinterColumn[]): ResourceType =>
  builtin({ group: 'rbac.authorization.k8s.io', plural, kind, version: 'v1', namespaced, columns });

export function builtinTypes(): ResourceType[] {
  return [
    builtin({
      group: '',
      plural: 'namespaces',
      times: NAMESPACE_TIMES,
      kind: 'Namespace',
      version: 'v1',
      namespaced: false,
      shortNames: ['ns'],
      // Namespaces have no deletecollection upstream.
      verbs: STANDARD_VERBS.filter((v) => v !== 'deletecollection'),
      hasStatus: true,
      returnsDeletedObject: true,
      columns: [{ name: 'Status', type: 'string', priority: 0, jsonPath: '.status.phase' }, age],
      fieldLabels: { 'status.phase': (o) => (o.status as { phase?: string } | undefined)?.phase },
    }),
    builtin({
      group: '',
      plural: 'configmaps',
      kind: 'ConfigMap',
      version: 'v1',
      shortNames: ['cm'],
      columns: [{ name: 'Data', type: 'string', priority: 0, value: dataCount }, age],
    }),
    builtin({
      group: '',
      plural: 'secrets',
      kind: 'Secret',
      version: 'v1',
      columns: [
        { name: 'Type', type: 'string', priority: 0, jsonPath: '.type' },
        { name: 'Data', type: 'string', priority: 0, value: dataCount },
        age,
      ],
      fieldLabels: { type: (o) => o.type as string | undefined },
    }),
    builtin({
      group: '',
      plural: 'events',
      kind: 'Event',
      version: 'v1',
      shortNames: ['ev'],
      columns: eventColumns,
      omitName: true,
      toExternal: coreEventOut,
      toInternal: coreEventIn,
      fieldLabels: CORE_EVENT_FIELDS,
      times: CORE_EVENT_TIMES,
    }),
    builtin({
      group: 'events.k8s.io',
      plural: 'events',
      kind: 'Event',
      version: 'v1',
      shortNames: ['ev'],
      columns: eventColumns,
      omitName: true,
      storageKey: '/events',
      toExternal: eventToEventsV1,
      toInternal: eventToCoreV1,
      fieldLabels: EVENTS_V1_FIELDS,
      times: EVENTS_V1_TIMES,
      createCauses: eventsV1CreateCauses,
    }),
    builtin({
      group: 'coordination.k8s.io',
      plural: 'leases',
      kind: 'Lease',
      version: 'v1',
      columns: [{ name: 'Holder', type: 'string', priority: 0, jsonPath: '.spec.holderIdentity' }, age],
      times: LEASE_TIMES,
    }),
    builtin({
      group: 'apiextensions.k8s.io',
      plural: 'customresourcedefinitions',
      times: CRD_TIMES,
      kind: 'CustomResourceDefinition',
      version: 'v1',
      namespaced: false,
      shortNames: ['crd', 'crds'],
      categories: ['api-extensions'],
      hasStatus: true,
      hasGeneration: true,
      columns: [
        {
          name: 'Created At',
          type: 'string',
          priority: 0,
          value: (o) => o.metadata?.creationTimestamp ?? null,
        },
      ],
    }),
    // What a controller install applies (config/default): storage only, no controllers behind them.
    builtin({
      group: '',
      plural: 'serviceaccounts',
      kind: 'ServiceAccount',
      version: 'v1',
      shortNames: ['sa'],
      columns: serviceAccountColumns,
    }),
    builtin({
      group: 'apps',
      plural: 'deployments',
      times: DEPLOYMENT_TIMES,
      kind: 'Deployment',
      version: 'v1',
      shortNames: ['deploy'],
      categories: ['all'],
      hasStatus: true,
      hasGeneration: true,
      columns: deploymentColumns,
    }),
    rbac('roles', 'Role', true, roleColumns),
    rbac('clusterroles', 'ClusterRole', false, roleColumns),
    rbac('rolebindings', 'RoleBinding', true, bindingColumns),
    rbac('clusterrolebindings', 'ClusterRoleBinding', false, bindingColumns),
    builtin({
      group: 'authentication.k8s.io',
      plural: 'selfsubjectreviews',
      kind: 'SelfSubjectReview',
      version: 'v1',
      namespaced: false,
      verbs: ['create'],
      review: 'selfsubjectreview',
    }),
    builtin({
      group: 'authorization.k8s.io',
      plural: 'selfsubjectaccessreviews',
      kind: 'SelfSubjectAccessReview',
      version: 'v1',
      namespaced: false,
      verbs: ['create'],
      review: 'selfsubjectaccessreview',
    }),
  ];
}

/** The namespaces every cluster starts with. */
export const SEED_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];
