// Issue 10 point 8: objects and statuses exactly as the upstream Go controller writes them load into
// our CRDs with real kubectl, so an installation switches in place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubeEnv } from '../support/sandbox.js';
import type { KubeEnv } from '../support/sandbox.js';

let env: KubeEnv;
beforeAll(async () => {
  env = await kubeEnv();
});
afterAll(() => env.close());

const T = '2026-11-27T10:00:00Z';

/** Spec as upstream users write it, including its release-pruning fields. */
const upstreamRollout = {
  apiVersion: 'kuberik.com/v1alpha1',
  kind: 'Rollout',
  metadata: { name: 'legacy', namespace: 'default' },
  spec: {
    releasesImagePolicy: { name: 'legacy' },
    versionHistoryLimit: 10,
    availableReleasesRetentionDays: 7,
    availableReleasesMinCount: 30,
    bakeTime: '10m',
    healthCheckSelector: { selector: { matchLabels: { app: 'legacy' } } },
  },
};

/** Status as the upstream controller writes it (reference §1.2.2): no ids, no kind/decision on gates. */
const upstreamStatus = {
  history: [
    {
      version: { tag: 'v1.2.0', version: '1.2.0', revision: 'abc123', created: T },
      timestamp: T,
      message: 'Automatic deployment, with gate bypass',
      triggeredBy: { kind: 'System', name: 'rollout-controller' },
      bakeStatus: 'Succeeded',
      bakeStatusMessage: 'Bake time completed successfully (no errors within bake time).',
      bakeStartTime: T,
      bakeEndTime: T,
    },
    { version: { tag: 'v1.1.0' }, timestamp: T },
  ],
  availableReleases: [
    { tag: 'v1.1.0', digest: 'sha256:aaa' },
    { tag: 'v1.2.0', digest: 'sha256:bbb', version: '1.2.0', revision: 'abc123', created: T },
  ],
  releaseCandidates: [],
  gatedReleaseCandidates: [],
  gates: [
    {
      name: 'approval',
      passing: true,
      allowedVersions: ['v1.2.0'],
      message: 'Gate is passing',
      bypassGates: false,
    },
    { name: 'freeze', passing: false, allowedVersions: null, message: 'Gate is not passing' },
  ],
  artifactType: 'application/vnd.oci.image.manifest.v1+json',
  source: 'https://github.com/org/legacy',
  title: 'legacy',
  description: 'The legacy app',
  conditions: [
    {
      type: 'GatesPassing',
      status: 'False',
      reason: 'NoAllowedVersions',
      message: 'No release candidates are allowed by all gates',
      lastTransitionTime: T,
    },
  ],
};

describe('upstream-shaped objects through kubectl', () => {
  it('applies an upstream Rollout and accepts the status the upstream controller writes, keeping every field', async () => {
    const created = await env.run(['apply', '-f', '-'], JSON.stringify(upstreamRollout));
    expect(created.code, created.stderr).toBe(0);
    const got = await env.run(['get', 'rollout', 'legacy', '-o', 'json']);
    const live = JSON.parse(got.stdout) as Record<string, unknown>;
    expect(live.spec).toMatchObject({ availableReleasesRetentionDays: 7, availableReleasesMinCount: 30 });

    // The upstream controller writes status with an update of the status subresource.
    const replaced = await env.run(
      ['replace', '--subresource=status', '-f', '-'],
      JSON.stringify({ ...live, status: upstreamStatus }),
    );
    expect(replaced.code, replaced.stderr).toBe(0);
    const after = JSON.parse((await env.run(['get', 'rollout', 'legacy', '-o', 'json'])).stdout) as {
      status: typeof upstreamStatus;
    };
    expect(after.status.history).toEqual(upstreamStatus.history);
    expect(after.status.gates[0]).toEqual(upstreamStatus.gates[0]);
    expect(after.status.gates[1]).toMatchObject({ name: 'freeze', passing: false });
    expect(after.status).toMatchObject({
      artifactType: upstreamStatus.artifactType,
      source: upstreamStatus.source,
      title: 'legacy',
      description: 'The legacy app',
      availableReleases: upstreamStatus.availableReleases,
    });
  });

  it('accepts a HealthCheck whose status the upstream controller left empty', async () => {
    const hc = {
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'HealthCheck',
      metadata: { name: 'legacy', namespace: 'default', labels: { app: 'legacy' } },
      spec: { class: 'datadog' },
    };
    expect((await env.run(['apply', '-f', '-'], JSON.stringify(hc))).code).toBe(0);
    const live = JSON.parse((await env.run(['get', 'healthcheck', 'legacy', '-o', 'json'])).stdout) as object;
    const r = await env.run(
      ['replace', '--subresource=status', '-f', '-'],
      JSON.stringify({ ...live, status: { status: '', message: '' } }),
    );
    expect(r.code, r.stderr).toBe(0);
  });
});
