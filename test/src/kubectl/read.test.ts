// Real kubectl 1.32 reading from the sandbox: discovery, printer columns, output formats,
// selectors, watch, wait, describe and explain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectOutput, kubeEnv, waitForExit } from '../support/sandbox.js';
import type { KubeEnv } from '../support/sandbox.js';
import { rolloutStatus, rolloutYaml } from './manifests.js';

let env: KubeEnv;
beforeAll(async () => {
  env = await kubeEnv();
  const { store } = env.sandbox;
  env.sandbox.store.create({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'prod' },
  });
  for (const [name, ns, team] of [
    ['frontend', 'default', 'web'],
    ['backend', 'default', 'api'],
    ['billing', 'prod', 'api'],
  ] as const) {
    const r = await env.run(['apply', '-f', '-'], rolloutYaml(name, { namespace: ns, labels: { team } }));
    expect(r.code, r.stderr).toBe(0);
  }
  const fe = store.get('kuberik.com/v1alpha1', 'Rollout', 'frontend', 'default');
  store.updateStatus({ ...fe, status: rolloutStatus('Baking', 'True') });
});
afterAll(() => env.close());

describe('kubectl get', () => {
  it('lists the kuberik resources in api-resources', async () => {
    const r = await env.run(['api-resources', '--api-group=kuberik.com']);
    expect(r.code, r.stderr).toBe(0);
    for (const kind of ['Rollout', 'RolloutGate', 'HealthCheck', 'RolloutSchedule', 'ClusterRolloutSchedule'])
      expect(r.stdout).toContain(kind);
    const all = await env.run(['api-resources']);
    expect(all.stdout).toMatch(
      /kustomizations\s+ks\s+kustomize\.toolkit\.fluxcd\.io\/v1\s+true\s+Kustomization/,
    );
    expect(all.stdout).toMatch(
      /imagepolicies\s+imgpol,imagepol\s+image\.toolkit\.fluxcd\.io\/v1\s+true\s+ImagePolicy/,
    );
  });

  it('shows the printer columns, with priority>0 only in -o wide', async () => {
    const r = await env.run(['get', 'rollouts']);
    expect(r.code, r.stderr).toBe(0);
    const [header, ...rows] = r.stdout.trim().split('\n');
    expect(header?.split(/\s+/)).toEqual(['NAME', 'CURRENT', 'PENDING', 'PHASE', 'GATES', 'AGE']);
    expect(
      rows
        .find((l) => l.startsWith('frontend'))
        ?.split(/\s+/)
        .slice(0, 5),
    ).toEqual(['frontend', 'v1.2.0', 'v1.3.0', 'Baking', '1/2']);
    const wide = await env.run(['get', 'rollouts', '-o', 'wide']);
    expect(wide.stdout.split('\n')[0]?.split(/\s+/)).toEqual([
      'NAME',
      'CURRENT',
      'PENDING',
      'PHASE',
      'GATES',
      'AGE',
      'BAKE',
      'MESSAGE',
    ]);
    expect(wide.stdout).toMatch(/frontend .*InProgress\s+phase Baking/);
  });

  it('prints yaml, json and names', async () => {
    const yaml = await env.run(['get', 'rollout', 'frontend', '-o', 'yaml']);
    expect(yaml.stdout).toContain('kind: Rollout');
    expect(yaml.stdout).toMatch(/resourceVersion: "\d+"/);
    const json = JSON.parse((await env.run(['get', 'rollout', 'frontend', '-o', 'json'])).stdout);
    expect(json.metadata.generation).toBe(1);
    expect(json.status.phase).toBe('Baking');
    const names = await env.run(['get', 'rollouts', '-o', 'name']);
    expect(names.stdout.trim().split('\n')).toEqual([
      'rollout.kuberik.com/backend',
      'rollout.kuberik.com/frontend',
    ]);
  });

  it('selects by label and across namespaces', async () => {
    const api = await env.run(['get', 'rollouts', '-l', 'team=api', '-A', '-o', 'name']);
    expect(api.stdout.trim().split('\n')).toEqual([
      'rollout.kuberik.com/backend',
      'rollout.kuberik.com/billing',
    ]);
    const all = await env.run(['get', 'rollouts', '-A']);
    expect(all.stdout.split('\n')[0]?.split(/\s+/).slice(0, 2)).toEqual(['NAMESPACE', 'NAME']);
    expect(all.stdout).toMatch(/^prod\s+billing/m);
    const none = await env.run(['get', 'rollouts', '-l', 'team=nobody']);
    expect(none.stderr).toContain('No resources found in default namespace.');
    const bad = await env.run(['get', 'rollouts', '-l', 'team in (a']);
    expect(bad.code).not.toBe(0);
  });

  it('watches with -w until the server closes the stream', async () => {
    const child = env.spawn(['get', 'rollouts', '-w']);
    const out = collectOutput(child);
    await out.waitFor(/frontend/);
    const r = await env.run(['apply', '-f', '-'], rolloutYaml('watched'));
    expect(r.code, r.stderr).toBe(0);
    await out.waitFor(/^watched\s/m);
    env.sandbox.faults.endWatches();
    expect(await waitForExit(child)).toBe(0);
    const watchRequests = env.sandbox.requests.filter(
      (q) => q.query.includes('watch=true') && q.path.endsWith('/rollouts'),
    );
    expect(watchRequests.at(-1)?.accept).toContain('as=Table');
  });
});

describe('kubectl wait, describe, explain', () => {
  it('waits for a condition set later', async () => {
    await env.run(['apply', '-f', '-'], rolloutYaml('waiter'));
    const child = env.spawn(['wait', '--for=condition=Ready', 'rollout/waiter', '--timeout=30s']);
    const out = collectOutput(child);
    const exited = waitForExit(child);
    // Wait until kubectl is watching, then flip the condition.
    const watching = (): boolean =>
      env.sandbox.requests.some((q) => q.query.includes('watch=true') && q.query.includes('waiter'));
    while (!watching()) await new Promise((r) => setTimeout(r, 10));
    const obj = env.sandbox.store.get('kuberik.com/v1alpha1', 'Rollout', 'waiter', 'default');
    env.sandbox.store.updateStatus({ ...obj, status: rolloutStatus('Deploying', 'True') });
    expect(await exited).toBe(0);
    expect(out.text()).toContain('rollout.kuberik.com/waiter condition met');
  });

  it('describes an object with its events', async () => {
    const fe = env.sandbox.store.get('kuberik.com/v1alpha1', 'Rollout', 'frontend', 'default');
    env.sandbox.store.create({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'frontend.1', namespace: 'default' },
      involvedObject: {
        apiVersion: 'kuberik.com/v1alpha1',
        kind: 'Rollout',
        name: 'frontend',
        namespace: 'default',
        uid: fe?.metadata?.uid,
      },
      reason: 'BakeStarted',
      message: 'Baking v1.2.0 for 1h',
      type: 'Normal',
      source: { component: 'kuberik' },
      firstTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      lastTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      count: 1,
    });
    const r = await env.run(['describe', 'rollout', 'frontend']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Name:\s+frontend$/m);
    expect(r.stdout).toMatch(/Normal\s+BakeStarted\s+\S+\s+kuberik\s+Baking v1\.2\.0 for 1h/);
    const events = await env.run(['get', 'events']);
    expect(events.stdout.split('\n')[0]?.split(/\s+/)).toEqual([
      'LAST',
      'SEEN',
      'TYPE',
      'REASON',
      'OBJECT',
      'MESSAGE',
    ]);
    expect(events.stdout).toContain('rollout/frontend');
  });

  it('explains fields from the CRD schema', async () => {
    const r = await env.run(['explain', 'rollout.spec.versionHistoryLimit']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/KIND:\s+Rollout/);
    expect(r.stdout).toMatch(/FIELD:\s+versionHistoryLimit <integer>/);
  });

  it('never needed OpenAPI v2 or an unknown path', async () => {
    const notFound = env.sandbox.requests.filter(
      (q) => q.status === 404 && !q.path.startsWith('/openapi/v2'),
    );
    // 404s kubectl asks for on purpose: the object lookups in apply's create path.
    expect(notFound.every((q) => /\/namespaces\/[^/]+\/rollouts\/[^/]+$/.test(q.path))).toBe(true);
  });
});
