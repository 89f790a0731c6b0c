// Real kubectl 1.32 writing to the sandbox: apply (client- and server-side), patch, annotate,
// label, replace, delete, diff and server dry-run, and the errors a real API server gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { kubectl } from '../support/kubectl.js';
import { collectOutput, kubeEnv, waitForExit } from '../support/sandbox.js';
import type { KubeEnv } from '../support/sandbox.js';
import { rolloutYaml } from './manifests.js';

let env: KubeEnv;
beforeAll(async () => {
  env = await kubeEnv({
    users: {
      'bob-token': {
        username: 'bob',
        rules: [{ verbs: ['get', 'list', 'watch'], apiGroups: ['*'], resources: ['*'] }],
      },
    },
  });
});
afterAll(() => env.close());

const get = (name: string) => env.sandbox.store.get('kuberik.com/v1alpha1', 'Rollout', name, 'default');

describe('kubectl apply', () => {
  it('creates, reports unchanged, then configures', async () => {
    const file = env.file('app.yaml', rolloutYaml('app'));
    const first = await env.run(['apply', '-f', file]);
    expect([first.code, first.stdout.trim()]).toEqual([0, 'rollout.kuberik.com/app created']);
    const second = await env.run(['apply', '-f', file]);
    expect(second.stdout.trim()).toBe('rollout.kuberik.com/app unchanged');
    const third = await env.run(['apply', '-f', env.file('app2.yaml', rolloutYaml('app', { limit: 7 }))]);
    expect(third.stdout.trim()).toBe('rollout.kuberik.com/app configured');
    expect(get('app')?.spec).toMatchObject({ versionHistoryLimit: 7 });
    expect(get('app')?.metadata?.generation).toBe(2);
    const post = env.sandbox.requests.find((q) => q.method === 'POST' && q.path.endsWith('/rollouts'));
    expect(post?.query).toContain('fieldValidation=Strict');
  });

  it('applies server-side and removes fields dropped from the manifest', async () => {
    const r = await env.run(
      ['apply', '--server-side', '-f', '-'],
      rolloutYaml('ssa', { wantedVersion: 'v1.0.0' }),
    );
    expect([r.code, r.stdout.trim()]).toEqual([0, 'rollout.kuberik.com/ssa serverside-applied']);
    const again = await env.run(['apply', '--server-side', '-f', '-'], rolloutYaml('ssa'));
    expect(again.code, again.stderr).toBe(0);
    expect(get('ssa')?.spec).not.toHaveProperty('wantedVersion');
    const apply = env.sandbox.requests.find((q) => q.contentType === 'application/apply-patch+yaml');
    expect(apply?.query).toContain('fieldManager=kubectl');
  });

  it('refuses invalid objects with field paths, and missing namespaces', async () => {
    const bad = await env.run(['apply', '-f', '-'], rolloutYaml('bad', { limit: 'many' }));
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain(
      'The Rollout "bad" is invalid: spec.versionHistoryLimit: Invalid value: "string"',
    );
    const ns = await env.run([
      'apply',
      '-f',
      env.file('nons.yaml', rolloutYaml('x', { namespace: 'nowhere' })),
    ]);
    expect(ns.stderr.trim()).toMatch(
      /^Error from server \(NotFound\): error when creating ".*nons\.yaml": namespaces "nowhere" not found$/,
    );
  });
});

describe('kubectl patch, annotate, label', () => {
  beforeAll(async () => {
    await env.run(['apply', '-f', '-'], rolloutYaml('p'));
  });

  it('merge-patches and json-patches, bumping generation', async () => {
    const merge = await env.run([
      'patch',
      'rollout',
      'p',
      '--type=merge',
      '-p',
      '{"spec":{"wantedVersion":"2.0.0"}}',
    ]);
    expect(merge.stdout.trim()).toBe('rollout.kuberik.com/p patched');
    expect(get('p')?.metadata?.generation).toBe(2);
    const json = await env.run([
      'patch',
      'rollout',
      'p',
      '--type=json',
      '-p',
      '[{"op":"replace","path":"/spec/wantedVersion","value":"3.0.0"}]',
    ]);
    expect(json.code, json.stderr).toBe(0);
    expect(get('p')?.spec).toMatchObject({ wantedVersion: '3.0.0' });
    expect(get('p')?.metadata?.generation).toBe(3);
  });

  it('patches status through --subresource=status without touching generation', async () => {
    const r = await env.run([
      'patch',
      'rollout',
      'p',
      '--subresource=status',
      '--type=merge',
      '-p',
      '{"status":{"phase":"Baking"}}',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(get('p')?.status).toMatchObject({ phase: 'Baking' });
    expect(get('p')?.metadata?.generation).toBe(3);
  });

  it('reports 415 for the default strategic merge patch', async () => {
    const r = await env.run(['patch', 'rollout', 'p', '-p', '{"spec":{"wantedVersion":"4"}}']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      'error: application/strategic-merge-patch+json is not supported by kuberik.com/v1alpha1, Kind=Rollout',
    );
  });

  it('annotates and labels without bumping generation', async () => {
    expect((await env.run(['annotate', 'rollout', 'p', 'note=hello'])).stdout.trim()).toBe(
      'rollout.kuberik.com/p annotated',
    );
    expect((await env.run(['label', 'rollout', 'p', 'tier=web'])).stdout.trim()).toBe(
      'rollout.kuberik.com/p labeled',
    );
    const obj = get('p');
    expect(obj?.metadata?.annotations?.note).toBe('hello');
    expect(obj?.metadata?.labels?.tier).toBe('web');
    expect(obj?.metadata?.generation).toBe(3);
  });
});

describe('kubectl replace, diff, dry-run', () => {
  it('prints the standard Conflict for a stale replace', async () => {
    await env.run(['apply', '-f', '-'], rolloutYaml('r'));
    const stale = (await env.run(['get', 'rollout', 'r', '-o', 'yaml'])).stdout;
    await env.run(['annotate', 'rollout', 'r', 'bump=1']);
    const file = env.file('stale.yaml', stale);
    const r = await env.run(['replace', '-f', file]);
    expect(r.stderr.trim()).toBe(
      `Error from server (Conflict): error when replacing "${file}": Operation cannot be fulfilled on rollouts.kuberik.com "r": the object has been modified; please apply your changes to the latest version and try again`,
    );
  });

  it('diffs and dry-runs without leaving a trace', async () => {
    await env.run(['apply', '-f', '-'], rolloutYaml('d'));
    const rv = get('d')?.metadata?.resourceVersion;
    const changed = env.file('d.yaml', rolloutYaml('d', { limit: 9 }));
    const diff = await env.run(['diff', '-f', changed]);
    expect(diff.code).toBe(1); // differences found
    expect(diff.stdout).toMatch(/^\+\s+versionHistoryLimit: 9$/m);
    const dry = await env.run(['apply', '-f', changed, '--dry-run=server']);
    expect(dry.stdout.trim()).toBe('rollout.kuberik.com/d configured (server dry run)');
    expect(get('d')?.metadata?.resourceVersion).toBe(rv);
    expect(get('d')?.spec).toMatchObject({ versionHistoryLimit: 5 });
  });
});

describe('kubectl edit and CRDs', () => {
  it('edits with $KUBE_EDITOR', async () => {
    await env.run(['apply', '-f', '-'], rolloutYaml('edited'));
    const editor = env.file(
      'editor.sh',
      `#!/bin/sh\nsed -i 's/versionHistoryLimit: 5/versionHistoryLimit: 3/' "$1"\n`,
    );
    chmodSync(editor, 0o755);
    const r = await kubectl(['edit', 'rollout', 'edited'], {
      kubeconfig: env.kubeconfig,
      env: { KUBE_EDITOR: editor },
    });
    expect([r.code, r.stdout.trim()]).toEqual([0, 'rollout.kuberik.com/edited edited']);
    expect(get('edited')?.spec).toMatchObject({ versionHistoryLimit: 3 });
  });

  it('registers a CRD applied with kubectl, waits for Established, and serves the new kind', async () => {
    const crd = [
      'apiVersion: apiextensions.k8s.io/v1',
      'kind: CustomResourceDefinition',
      'metadata:',
      '  name: pizzas.food.example.com',
      'spec:',
      '  group: food.example.com',
      '  scope: Namespaced',
      '  names: {plural: pizzas, singular: pizza, kind: Pizza, shortNames: [pz]}',
      '  versions:',
      '    - name: v1',
      '      served: true',
      '      storage: true',
      '      schema:',
      '        openAPIV3Schema:',
      '          type: object',
      '          properties:',
      '            spec: {type: object, properties: {topping: {type: string}}}',
      '      additionalPrinterColumns:',
      '        - {name: Topping, type: string, jsonPath: .spec.topping}',
      '',
    ].join('\n');
    expect((await env.run(['apply', '-f', '-'], crd)).stdout.trim()).toBe(
      'customresourcedefinition.apiextensions.k8s.io/pizzas.food.example.com created',
    );
    const wait = await env.run([
      'wait',
      '--for',
      'condition=established',
      'crd/pizzas.food.example.com',
      '--timeout=10s',
    ]);
    expect(wait.stdout.trim()).toBe(
      'customresourcedefinition.apiextensions.k8s.io/pizzas.food.example.com condition met',
    );
    const pizza =
      'apiVersion: food.example.com/v1\nkind: Pizza\nmetadata: {name: margherita}\nspec: {topping: basil}\n';
    expect((await env.run(['apply', '-f', '-'], pizza)).stdout.trim()).toBe(
      'pizza.food.example.com/margherita created',
    );
    const list = await env.run(['get', 'pz']);
    expect(list.stdout).toMatch(/^NAME\s+TOPPING\s*\nmargherita\s+basil/);
    expect((await env.run(['delete', 'crd', 'pizzas.food.example.com'])).code).toBe(0);
    expect((await env.run(['get', 'pizzas.food.example.com'])).stderr).toContain(
      "doesn't have a resource type",
    );
  });
});

describe('kubectl delete', () => {
  it('deletes plainly and by label', async () => {
    await env.run(['apply', '-f', '-'], rolloutYaml('gone1', { labels: { batch: 'x' } }));
    await env.run(['apply', '-f', '-'], rolloutYaml('gone2', { labels: { batch: 'x' } }));
    const one = await env.run(['delete', 'rollout', 'gone1']);
    expect(one.stdout.trim()).toBe('rollout.kuberik.com "gone1" deleted');
    const byLabel = await env.run(['delete', 'rollouts', '-l', 'batch=x']);
    expect(byLabel.stdout.trim()).toBe('rollout.kuberik.com "gone2" deleted');
    expect((await env.run(['get', 'rollout', 'gone2'])).stderr.trim()).toBe(
      'Error from server (NotFound): rollouts.kuberik.com "gone2" not found',
    );
  });

  it('blocks on a finalizer until a controller removes it', async () => {
    await env.run(['apply', '-f', '-'], rolloutYaml('held', { finalizers: ['kuberik.com/cleanup'] }));
    const child = env.spawn(['delete', 'rollout', 'held', '--timeout=30s']);
    const out = collectOutput(child);
    const exited = waitForExit(child);
    const watching = (): boolean =>
      env.sandbox.requests.some((q) => q.query.includes('watch=true') && q.query.includes('held'));
    while (!watching()) await new Promise((r) => setTimeout(r, 10));
    expect(get('held')?.metadata?.deletionTimestamp).toBeDefined();
    env.sandbox.store.patch('kuberik.com/v1alpha1', 'Rollout', 'held', 'default', {
      metadata: { finalizers: null },
    });
    expect(await exited).toBe(0);
    expect(out.text().trim()).toBe('rollout.kuberik.com "held" deleted');
    expect(get('held')).toBeUndefined();
  });
});

describe('typed generators and auth', () => {
  it('creates namespaces, configmaps and secrets (protobuf bodies)', async () => {
    expect((await env.run(['create', 'namespace', 'team-a'])).stdout.trim()).toBe('namespace/team-a created');
    const cm = await env.run(['create', 'configmap', 'cfg', '-n', 'team-a', '--from-literal=a=b']);
    expect(cm.stdout.trim()).toBe('configmap/cfg created');
    expect(env.sandbox.store.get('v1', 'ConfigMap', 'cfg', 'team-a')?.data).toEqual({ a: 'b' });
    const secret = await env.run(['create', 'secret', 'generic', 's', '-n', 'team-a', '--from-literal=k=v']);
    expect(secret.code, secret.stderr).toBe(0);
    expect(env.sandbox.store.get('v1', 'Secret', 's', 'team-a')?.data).toEqual({
      k: Buffer.from('v').toString('base64'),
    });
  });

  it('answers auth whoami and can-i', async () => {
    const who = await env.run(['auth', 'whoami']);
    expect(who.stdout).toMatch(/Username\s+sandbox-admin/);
    expect((await env.run(['auth', 'can-i', 'patch', 'rollouts'])).stdout.trim()).toBe('yes');
  });

  it('forbids what a token user may not do, with the real message', async () => {
    await env.run(['apply', '-f', '-'], rolloutYaml('guarded'));
    const kubeconfig = join(env.dir, 'bob.yaml');
    // kubectl does not send bearer tokens over http; it does send impersonation headers.
    await env.sandbox.writeKubeconfig(kubeconfig, { as: 'bob', user: 'bob' });
    expect((await kubectl(['get', 'rollout', 'guarded', '-o', 'name'], { kubeconfig })).stdout.trim()).toBe(
      'rollout.kuberik.com/guarded',
    );
    const r = await kubectl(['annotate', 'rollout', 'guarded', 'x=y'], { kubeconfig });
    expect(r.stderr.trim()).toBe(
      'Error from server (Forbidden): rollouts.kuberik.com "guarded" is forbidden: User "bob" cannot patch resource "rollouts" in API group "kuberik.com" in the namespace "default"',
    );
    expect((await kubectl(['auth', 'can-i', 'patch', 'rollouts'], { kubeconfig })).stdout.trim()).toBe('no');
  });
});
