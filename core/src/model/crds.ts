// The one source of truth for every CRD we ship (config/crd/) or serve in the sandbox.
// scripts/gen-crds.ts renders these; crds.test.ts fails when the committed files drift.
import { ageColumn, defineCrd, type CustomResourceDefinition, type PrinterColumn } from './crd.js';
import { IMAGE_GROUP, KUSTOMIZE_GROUP, SOURCE_GROUP } from './flux.js';
import {
  imagePolicySchema,
  imageRepositorySchema,
  kustomizationSchema,
  ociRepositorySchema,
} from './flux.schema.js';
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

const fluxReadyColumns: PrinterColumn[] = [
  { name: 'Ready', type: 'string', jsonPath: `${ready('Ready')}.status` },
  { name: 'Status', type: 'string', jsonPath: `${ready('Ready')}.message` },
];
const FLUX_LABELS = { 'app.kubernetes.io/part-of': 'kuberik-sandbox' };

/** Minimal stand-ins for Flux's ImagePolicy, ImageRepository, Kustomization and OCIRepository CRDs (sandbox and tests). */
export function fluxCrds(): CustomResourceDefinition[] {
  const imagePolicyVersion = (name: string, storage: boolean, columns: PrinterColumn[]) => ({
    name,
    served: true,
    storage,
    schema: { openAPIV3Schema: imagePolicySchema },
    subresources: { status: {} },
    additionalPrinterColumns: [...columns, ...fluxReadyColumns, ageColumn],
  });
  return [
    defineCrd({
      group: IMAGE_GROUP,
      kind: 'ImagePolicy',
      plural: 'imagepolicies',
      scope: 'Namespaced',
      labels: FLUX_LABELS,
      conversion: { strategy: 'None' },
      versions: [
        imagePolicyVersion('v1', true, [
          { name: 'Image', type: 'string', jsonPath: '.status.latestRef.name' },
          { name: 'Tag', type: 'string', jsonPath: '.status.latestRef.tag' },
        ]),
        imagePolicyVersion('v1beta2', false, [
          { name: 'LatestImage', type: 'string', jsonPath: '.status.latestImage' },
        ]),
      ],
    }),
    defineCrd({
      group: IMAGE_GROUP,
      kind: 'ImageRepository',
      plural: 'imagerepositories',
      scope: 'Namespaced',
      labels: FLUX_LABELS,
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: imageRepositorySchema },
          subresources: { status: {} },
          additionalPrinterColumns: [...fluxReadyColumns, ageColumn],
        },
      ],
    }),
    defineCrd({
      group: KUSTOMIZE_GROUP,
      kind: 'Kustomization',
      plural: 'kustomizations',
      scope: 'Namespaced',
      shortNames: ['ks'],
      labels: FLUX_LABELS,
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: kustomizationSchema },
          subresources: { status: {} },
          additionalPrinterColumns: [ageColumn, ...fluxReadyColumns],
        },
      ],
    }),
    defineCrd({
      group: SOURCE_GROUP,
      kind: 'OCIRepository',
      plural: 'ocirepositories',
      scope: 'Namespaced',
      shortNames: ['ocirepo'],
      labels: FLUX_LABELS,
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: ociRepositorySchema },
          subresources: { status: {} },
          additionalPrinterColumns: [
            { name: 'URL', type: 'string', jsonPath: '.spec.url' },
            ageColumn,
            ...fluxReadyColumns,
          ],
        },
      ],
    }),
  ];
}

/** Every CRD the sandbox installs: ours first, then the Flux stand-ins. */
export function allCrds(): CustomResourceDefinition[] {
  return [...kuberikCrds(), ...fluxCrds()];
}
