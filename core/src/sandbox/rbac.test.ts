import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from './types.js';
import { WIDGETS, http, mergePatch, widget, widgetSandbox } from './test-support/fixtures.js';

let sb: Sandbox;
const bob = { authorization: 'Bearer bob-token' };
beforeAll(async () => {
  sb = await widgetSandbox({
    users: {
      'bob-token': {
        username: 'bob',
        groups: ['devs'],
        rules: [
          {
            verbs: ['get', 'list', 'watch'],
            apiGroups: ['example.com'],
            resources: ['widgets'],
            namespaces: ['default'],
          },
        ],
      },
      'root-token': { username: 'root', groups: ['system:masters'], rules: [] },
    },
  });
  await http(sb, 'POST', WIDGETS, widget('x'));
});
afterAll(() => sb.close());

describe('identity and RBAC', () => {
  it('lets the default identity do everything', async () => {
    expect((await http(sb, 'PATCH', `${WIDGETS}/x`, { spec: { size: 2 } }, mergePatch)).status).toBe(200);
  });

  it('allows what the rules grant and forbids the rest with the real message', async () => {
    expect((await http(sb, 'GET', `${WIDGETS}/x`, undefined, bob)).status).toBe(200);
    const patch = await http(sb, 'PATCH', `${WIDGETS}/x`, { spec: { size: 3 } }, { ...mergePatch, ...bob });
    expect(patch.status).toBe(403);
    expect(patch.body).toMatchObject({
      reason: 'Forbidden',
      code: 403,
      message:
        'widgets.example.com "x" is forbidden: User "bob" cannot patch resource "widgets" in API group "example.com" in the namespace "default"',
      details: { name: 'x', group: 'example.com', kind: 'widgets' },
    });
    const all = await http(sb, 'GET', '/apis/example.com/v1/widgets', undefined, bob);
    expect(all.body.message).toBe(
      'widgets.example.com is forbidden: User "bob" cannot list resource "widgets" in API group "example.com" at the cluster scope',
    );
    const status = await http(sb, 'PATCH', `${WIDGETS}/x/status`, { status: {} }, { ...mergePatch, ...bob });
    expect(status.body.message).toContain('cannot patch resource "widgets/status"');
    const cm = await http(sb, 'GET', '/api/v1/namespaces/default/configmaps', undefined, bob);
    expect(cm.body.message).toBe(
      'configmaps is forbidden: User "bob" cannot list resource "configmaps" in API group "" in the namespace "default"',
    );
  });

  it('rejects unknown tokens with 401', async () => {
    const r = await http(sb, 'GET', WIDGETS, undefined, { authorization: 'Bearer nope' });
    expect(r.status).toBe(401);
    expect(r.body.reason).toBe('Unauthorized');
  });

  it('answers SelfSubjectReview with the caller', async () => {
    const r = await http(
      sb,
      'POST',
      '/apis/authentication.k8s.io/v1/selfsubjectreviews',
      { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
      bob,
    );
    expect(r.status).toBe(201);
    expect(r.body.status.userInfo).toEqual({ username: 'bob', groups: ['devs', 'system:authenticated'] });
    const admin = await http(sb, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {});
    expect(admin.body.status.userInfo.username).toBe('sandbox-admin');
  });

  it('answers SelfSubjectAccessReview from the same rules', async () => {
    const ask = (verb: string, namespace = 'default', token = bob) =>
      http(
        sb,
        'POST',
        '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
        { spec: { resourceAttributes: { verb, group: 'example.com', resource: 'widgets', namespace } } },
        token,
      );
    expect((await ask('list')).body.status.allowed).toBe(true);
    expect((await ask('patch')).body.status.allowed).toBe(false);
    expect((await ask('list', 'kube-system')).body.status.allowed).toBe(false);
    expect((await ask('delete', 'default', { authorization: 'Bearer root-token' })).body.status.allowed).toBe(
      true,
    );
  });
});

describe('impersonation (kubectl --as)', () => {
  it('acts as the impersonated user when the caller may impersonate', async () => {
    const r = await http(
      sb,
      'PATCH',
      `${WIDGETS}/x`,
      { spec: { size: 4 } },
      { ...mergePatch, 'impersonate-user': 'bob' },
    );
    expect(r.status).toBe(403);
    expect(r.body.message).toContain('User "bob" cannot patch');
    const stranger = await http(sb, 'GET', WIDGETS, undefined, { 'impersonate-user': 'nobody' });
    expect(stranger.status).toBe(403);
  });

  it('refuses impersonation to users without the impersonate verb', async () => {
    const r = await http(sb, 'GET', WIDGETS, undefined, { ...bob, 'impersonate-user': 'root' });
    expect(r.status).toBe(403);
    expect(r.body.message).toBe(
      'users "root" is forbidden: User "bob" cannot impersonate resource "users" in API group "" at the cluster scope',
    );
  });
});
