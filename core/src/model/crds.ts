// The one source of truth for every CRD we ship (config/crd/) or serve in the sandbox.
// scripts/gen-crds.ts renders these; crds.test.ts fails when the committed files drift.
import { ageColumn, defineCrd, type CustomResourceDefinition, type PrinterColumn } from './crd.js';
import { FLUX_CRDS } from './flux-crds.generated.js';
import { clusterRolloutScheduleSchema, rolloutGateSchema, rolloutScheduleSchema } from './gate.schema.js';
import { healthCheckSchema } from './healthcheck.schema.js';
import type { JSONSchemaProps } from './openapi.js';
import { rolloutSchema } from './rollout.schema.js';
import { GROUP, VERSION } from './rollout.js';

export type { CustomResourceDefinition } from './crd.js';

const CATEGORIES = ['kuberik'];
const LABELS = { 'app.kubernetes.io/part-of': 'kuberik' };

const ready = (jsonPath: string): string => `.status.conditions[?(@.type=="${jsonPath}")]`;

const rolloutColumns: PrinterColumn[] = [
  { name: 'Current', type: 'string', jsonPath: '.status.currentVersion', description: 'Deployed tag.' },
  { name: 'Pending', type: 'string', jsonPath: '.status.pendingVersion', description: 'Next tag to deploy.' },
  { name: 'Phase', type: 'string', jsonPath: '.status.phase' },
  { name: 'Gates', type: 'string', jsonPath: '.status.gatesSummary', description: 'Approved/total gates.' },
  ageColumn,
  { name: 'Bake', type: 'string', jsonPath: '.status.history[0].bakeStatus', priority: 1 },
  { name: 'Message', type: 'string', jsonPath: `${ready('Ready')}.message`, priority: 1 },
];

const scheduleColumns: PrinterColumn[] = [
  { name: 'Action', type: 'string', jsonPath: '.spec.action' },
  { name: 'Active', type: 'boolean', jsonPath: '.status.active' },
  { name: 'Matching', type: 'integer', jsonPath: '.status.matchingRollouts' },
  ageColumn,
];

const kuberik = (
  kind: string,
  plural: string,
  schema: JSONSchemaProps,
  columns: PrinterColumn[] = [],
  scope: 'Namespaced' | 'Cluster' = 'Namespaced',
): CustomResourceDefinition =>
  defineCrd({
    group: GROUP,
    kind,
    plural,
    scope,
    categories: CATEGORIES,
    labels: LABELS,
    versions: [
      {
        name: VERSION,
        served: true,
        storage: true,
        schema: { openAPIV3Schema: schema },
        subresources: { status: {} },
        ...(columns.length ? { additionalPrinterColumns: columns } : {}),
      },
    ],
  });

/** Rollout, RolloutGate, HealthCheck, RolloutSchedule, ClusterRolloutSchedule (kuberik.com/v1alpha1). */
export function kuberikCrds(): CustomResourceDefinition[] {
  return [
    kuberik('Rollout', 'rollouts', rolloutSchema, rolloutColumns),
    kuberik('RolloutGate', 'rolloutgates', rolloutGateSchema),
    kuberik('HealthCheck', 'healthchecks', healthCheckSchema),
    kuberik('RolloutSchedule', 'rolloutschedules', rolloutScheduleSchema, scheduleColumns),
    kuberik(
      'ClusterRolloutSchedule',
      'clusterrolloutschedules',
      clusterRolloutScheduleSchema,
      scheduleColumns,
      'Cluster',
    ),
  ];
}

/**
 * Flux's own ImagePolicy, ImageRepository, Kustomization and OCIRepository CRDs (controller-gen over
 * Flux's API modules, FLUX_CRDS_SOURCE), served by the sandbox and rendered to config/crd/flux/.
 */
export function fluxCrds(): CustomResourceDefinition[] {
  return structuredClone(FLUX_CRDS) as CustomResourceDefinition[];
}

/** Every CRD the sandbox installs: ours first, then Flux's. */
export function allCrds(): CustomResourceDefinition[] {
  return [...kuberikCrds(), ...fluxCrds()];
}
