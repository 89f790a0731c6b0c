import { describe, expect, it } from 'vitest';
import { allCrds, kuberikCrds } from './crds.js';
import type { JSONSchemaProps } from './openapi.js';
import {
  sampleClusterSchedule,
  sampleGate,
  sampleHealthCheck,
  sampleImagePolicy,
  sampleKustomization,
  sampleRollout,
  sampleSchedule,
  sampleUpstreamRollout,
} from './test-support/samples.js';
import { makeAjv, schemaAt, structuralProblems, validate } from './test-support/schema-check.js';

const ajv = makeAjv();

function schemaOf(kind: string, version?: string): JSONSchemaProps {
  const crd = allCrds().find((c) => c.spec.names.kind === kind);
  const v = crd?.spec.versions.find((x) => !version || x.name === version);
  if (!v) throw new Error(`no CRD version for ${kind} ${version ?? ''}`);
  return v.schema.openAPIV3Schema;
}

const samples = {
  Rollout: sampleRollout,
  RolloutGate: sampleGate,
  HealthCheck: sampleHealthCheck,
  RolloutSchedule: sampleSchedule,
  ClusterRolloutSchedule: sampleClusterSchedule,
  ImagePolicy: sampleImagePolicy,
  Kustomization: sampleKustomization,
} as const;

/**
 * Schema properties (as paths) that the sample never sets: the sample must exercise all of them.
 * LabelSelectors (atomic maps, shared and standard) count as exercised when present.
 */
function unexercised(schema: JSONSchemaProps, value: unknown, path = ''): string[] {
  if (schema['x-kubernetes-map-type'] === 'atomic' && value !== undefined) return [];
  if (Array.isArray(value)) {
    const items = schema.items;
    if (!items) return [];
    // A property counts as exercised if any element sets it.
    const perElement = value.map((v) => new Set(unexercised(items, v, `${path}[]`)));
    const first = perElement[0] ?? new Set(unexercised(items, undefined, `${path}[]`));
    return [...first].filter((p) => perElement.every((s) => s.has(p)));
  }
  const missing: string[] = [];
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    const v = value && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
    if (v === undefined) missing.push(`${path}.${name}`);
    else missing.push(...unexercised(child, v, `${path}.${name}`));
  }
  return missing;
}

describe('CRD schemas', () => {
  it.each(Object.entries(samples))('accept a fully populated %s and cover all its fields', (kind, sample) => {
    const obj = sample();
    expect(validate(ajv, schemaOf(kind), obj)).toEqual([]);
    // Upstream-only fields of a Rollout are exercised by the object the upstream controller writes.
    const upstream =
      kind === 'Rollout' ? new Set(unexercised(schemaOf(kind), sampleUpstreamRollout())) : undefined;
    const skipped = unexercised(schemaOf(kind), obj).filter(
      (p) => !['.metadata'].includes(p) && (!upstream || upstream.has(p)),
    );
    // Flux kinds model only what we use; kuberik kinds must be exercised completely.
    expect(kind in { ImagePolicy: 1, Kustomization: 1 } ? [] : skipped).toEqual([]);
  });

  it('accept a Rollout as the upstream controller writes it (issue 10 point 8)', () => {
    expect(validate(ajv, schemaOf('Rollout'), sampleUpstreamRollout())).toEqual([]);
  });

  it('accept a HealthCheck whose status the upstream controller left empty', () => {
    const hc = { ...sampleHealthCheck(), status: { status: '' } };
    expect(validate(ajv, schemaOf('HealthCheck'), hc)).toEqual([]);
  });

  it.each(allCrds().flatMap((crd) => crd.spec.versions.map((v) => [crd.metadata.name, v.name, v] as const)))(
    '%s %s is a structural schema whose defaults validate',
    (_name, _version, v) => {
      const schema = v.schema.openAPIV3Schema;
      expect(structuralProblems(schema)).toEqual([]);
      const defaults: Array<[JSONSchemaProps, unknown]> = [];
      const collect = (node: JSONSchemaProps): void => {
        if (node.default !== undefined) defaults.push([node, node.default]);
        Object.values(node.properties ?? {}).forEach(collect);
        if (node.items) collect(node.items);
        if (node.additionalProperties) collect(node.additionalProperties);
      };
      collect(schema);
      for (const [node, value] of defaults) {
        const { default: _d, ...withoutDefault } = node;
        expect(validate(ajv, withoutDefault, structuredClone(value))).toEqual([]);
      }
    },
  );

  it('accepts every Kubernetes duration form for bakeTime and deployTimeout', () => {
    for (const d of [
      '0',
      '90s',
      '5m',
      '1h30m',
      '0.5h',
      '250ms',
      '1.5h',
      '10us',
      '10µs',
      '100ns',
      '2h45m30.5s',
    ]) {
      const r = sampleRollout();
      r.spec.bakeTime = d;
      r.spec.deployTimeout = d;
      expect(validate(ajv, schemaOf('Rollout'), r), d).toEqual([]);
    }
  });

  it('defaults versionHistoryLimit to 10, schedule action to Deny and timezone to UTC, and gives passing no default', () => {
    const r = sampleRollout();
    delete r.spec.versionHistoryLimit;
    validate(ajv, schemaOf('Rollout'), r);
    expect(r.spec.versionHistoryLimit).toBe(10);

    const s = sampleSchedule();
    delete s.spec.action;
    delete s.spec.timezone;
    validate(ajv, schemaOf('RolloutSchedule'), s);
    expect(s.spec).toMatchObject({ action: 'Deny', timezone: 'UTC' });

    // A bare gate is a manual-approval gate (spec §2.2 rule 5), so `passing` must stay absent.
    const g = {
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'RolloutGate',
      metadata: { name: 'g' },
      spec: { rolloutRef: { name: 'my-app' } },
    };
    expect(validate(ajv, schemaOf('RolloutGate'), g)).toEqual([]);
    expect(g.spec).toEqual({ rolloutRef: { name: 'my-app' } });
  });

  // Each case: a mutation of a valid sample and the instance path + keyword the schema must report.
  // The mutations write deliberately ill-typed values, hence `any`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const invalid: Array<[string, keyof typeof samples, (o: any) => void, string, string]> = [
    ['unparseable bakeTime', 'Rollout', (o) => (o.spec.bakeTime = 'soon'), '/spec/bakeTime', 'pattern'],
    [
      'negative deployTimeout',
      'Rollout',
      (o) => (o.spec.deployTimeout = '-5m'),
      '/spec/deployTimeout',
      'pattern',
    ],
    ['bare number duration', 'Rollout', (o) => (o.spec.bakeTime = '30'), '/spec/bakeTime', 'pattern'],
    [
      'versionHistoryLimit 0',
      'Rollout',
      (o) => (o.spec.versionHistoryLimit = 0),
      '/spec/versionHistoryLimit',
      'minimum',
    ],
    [
      'fractional versionHistoryLimit',
      'Rollout',
      (o) => (o.spec.versionHistoryLimit = 2.5),
      '/spec/versionHistoryLimit',
      'type',
    ],
    [
      'missing releasesImagePolicy',
      'Rollout',
      (o) => delete o.spec.releasesImagePolicy,
      '/spec/releasesImagePolicy',
      'required',
    ],
    [
      'empty policy name',
      'Rollout',
      (o) => (o.spec.releasesImagePolicy.name = ''),
      '/spec/releasesImagePolicy/name',
      'minLength',
    ],
    ['missing spec', 'Rollout', (o) => delete o.spec, '/spec', 'required'],
    ['unknown phase', 'Rollout', (o) => (o.status.phase = 'Running'), '/status/phase', 'enum'],
    [
      'unknown bakeStatus',
      'Rollout',
      (o) => (o.status.history[0].bakeStatus = 'Done'),
      '/status/history/0/bakeStatus',
      'enum',
    ],
    [
      'unknown triggeredBy.kind',
      'Rollout',
      (o) => (o.status.history[0].triggeredBy.kind = 'Robot'),
      '/status/history/0/triggeredBy/kind',
      'enum',
    ],
    [
      'history entry without version',
      'Rollout',
      (o) => delete o.status.history[0].version,
      '/status/history/0/version',
      'required',
    ],
    [
      'history timestamp not RFC 3339',
      'Rollout',
      (o) => (o.status.history[0].timestamp = 'yesterday'),
      '/status/history/0/timestamp',
      'format',
    ],
    [
      'unknown gate decision',
      'Rollout',
      (o) => (o.status.gates[0].decision = 'Maybe'),
      '/status/gates/0/decision',
      'enum',
    ],
    [
      'unknown gate kind',
      'Rollout',
      (o) => (o.status.gates[1].kind = 'Gate'),
      '/status/gates/1/kind',
      'enum',
    ],
    [
      'condition without message',
      'Rollout',
      (o) => delete o.status.conditions[0].message,
      '/status/conditions/0/message',
      'required',
    ],
    [
      'condition status yes',
      'Rollout',
      (o) => (o.status.conditions[0].status = 'yes'),
      '/status/conditions/0/status',
      'enum',
    ],
    [
      'selector operator',
      'Rollout',
      (o) => (o.spec.healthCheckSelector.selector.matchExpressions[0].operator = 'Has'),
      '/spec/healthCheckSelector/selector/matchExpressions/0/operator',
      'enum',
    ],
    [
      'gate without rolloutRef',
      'RolloutGate',
      (o) => delete o.spec.rolloutRef,
      '/spec/rolloutRef',
      'required',
    ],
    [
      'allowedVersions as a string',
      'RolloutGate',
      (o) => (o.spec.allowedVersions = 'v1.0.0'),
      '/spec/allowedVersions',
      'type',
    ],
    ['passing as a string', 'RolloutGate', (o) => (o.spec.passing = 'yes'), '/spec/passing', 'type'],
    ['health status Broken', 'HealthCheck', (o) => (o.status.status = 'Broken'), '/status/status', 'enum'],
    [
      'timeRange 25:00',
      'RolloutSchedule',
      (o) => (o.spec.rules[0].timeRange.start = '25:00'),
      '/spec/rules/0/timeRange/start',
      'pattern',
    ],
    [
      'timeRange 9:00',
      'RolloutSchedule',
      (o) => (o.spec.rules[0].timeRange.end = '9:00'),
      '/spec/rules/0/timeRange/end',
      'pattern',
    ],
    [
      'timeRange without end',
      'RolloutSchedule',
      (o) => delete o.spec.rules[0].timeRange.end,
      '/spec/rules/0/timeRange/end',
      'required',
    ],
    [
      'dateRange 2026-1-1',
      'RolloutSchedule',
      (o) => (o.spec.rules[0].dateRange.start = '2026-1-1'),
      '/spec/rules/0/dateRange/start',
      'pattern',
    ],
    [
      'weekday Funday',
      'RolloutSchedule',
      (o) => (o.spec.rules[0].daysOfWeek[1] = 'Funday'),
      '/spec/rules/0/daysOfWeek/1',
      'enum',
    ],
    ['action Maybe', 'RolloutSchedule', (o) => (o.spec.action = 'Maybe'), '/spec/action', 'enum'],
    ['no rules', 'RolloutSchedule', (o) => (o.spec.rules = []), '/spec/rules', 'minItems'],
    [
      'no rolloutSelector',
      'ClusterRolloutSchedule',
      (o) => delete o.spec.rolloutSelector,
      '/spec/rolloutSelector',
      'required',
    ],
    [
      'matchLabels value not a string',
      'ClusterRolloutSchedule',
      (o) => (o.spec.namespaceSelector.matchLabels.env = 1),
      '/spec/namespaceSelector/matchLabels/env',
      'type',
    ],
    [
      'latestRef without tag',
      'ImagePolicy',
      (o) => delete o.status.latestRef.tag,
      '/status/latestRef/tag',
      'required',
    ],
    [
      'substitute value not a string',
      'Kustomization',
      (o) => (o.spec.postBuild.substitute.APP_VERSION = 1),
      '/spec/postBuild/substitute/APP_VERSION',
      'type',
    ],
  ];

  it.each(invalid)('refuses %s', (_what, kind, mutate, path, keyword) => {
    const obj = samples[kind]();
    mutate(obj);
    expect(validate(ajv, schemaOf(kind), obj)).toContainEqual({ path, keyword });
  });

  it('keeps fields of Flux objects it does not model', () => {
    const k = sampleKustomization() as unknown as { spec: Record<string, unknown> };
    k.spec.healthChecks = [{ kind: 'Deployment', name: 'web' }];
    expect(validate(ajv, schemaOf('Kustomization'), k)).toEqual([]);
  });
});

describe('printer columns', () => {
  // Ours only: Flux's CRDs are upstream's as generated (one declares an integer column as string).
  it('point at fields that exist in the schema', () => {
    for (const crd of kuberikCrds()) {
      for (const v of crd.spec.versions) {
        for (const column of v.additionalPrinterColumns ?? []) {
          const node = schemaAt(v.schema.openAPIV3Schema, column.jsonPath);
          const where = `${crd.metadata.name} ${v.name} ${column.name} ${column.jsonPath}`;
          if (column.jsonPath === '.metadata.creationTimestamp') continue;
          expect(node, where).toBeDefined();
          const expected = column.type === 'date' ? 'string' : column.type;
          expect(node?.type, where).toBe(expected);
        }
      }
    }
  });

  it('show Current, Pending, Phase, Gates, Age on rollouts and Bake, Message with -o wide', () => {
    const rollout = kuberikCrds().find((c) => c.spec.names.kind === 'Rollout');
    const columns = rollout?.spec.versions[0]?.additionalPrinterColumns ?? [];
    expect(columns.filter((c) => !c.priority).map((c) => c.name)).toEqual([
      'Current',
      'Pending',
      'Phase',
      'Gates',
      'Age',
    ]);
    expect(columns.filter((c) => c.priority === 1).map((c) => c.name)).toEqual(['Bake', 'Message']);
  });

  it('every kuberik kind has a status subresource and the kuberik category', () => {
    for (const crd of kuberikCrds()) {
      expect(crd.spec.versions.map((v) => v.subresources)).toEqual([{ status: {} }]);
      expect(crd.spec.names.categories).toEqual(['kuberik']);
    }
  });
});
