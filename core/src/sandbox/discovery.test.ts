import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from './types.js';
import { http, widgetSandbox } from './test-support/fixtures.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await widgetSandbox();
});
afterAll(() => sb.close());

const AGG_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

describe('version and health', () => {
  it('reports minor 32 and answers health probes', async () => {
    const v = await http(sb, 'GET', '/version?timeout=5s');
    expect(v.body).toMatchObject({ major: '1', minor: '32' });
    for (const p of ['/healthz', '/readyz', '/livez']) {
      const h = await http(sb, 'GET', p);
      expect([h.status, h.text]).toEqual([200, 'ok']);
    }
  });
});

describe('legacy discovery', () => {
  it('lists groups without the core group and every group-version answers', async () => {
    const api = await http(sb, 'GET', '/api?timeout=32s');
    expect(api.body).toMatchObject({ kind: 'APIVersions', versions: ['v1'] });
    const apis = await http(sb, 'GET', '/apis');
    const names = apis.body.groups.map((g: { name: string }) => g.name);
    expect(names).not.toContain('');
    expect(names).toEqual(
      expect.arrayContaining(['example.com', 'coordination.k8s.io', 'events.k8s.io', 'apiextensions.k8s.io']),
    );
    for (const g of apis.body.groups) {
      for (const v of g.versions) expect((await http(sb, 'GET', `/apis/${v.groupVersion}`)).status).toBe(200);
    }
    const example = apis.body.groups.find((g: { name: string }) => g.name === 'example.com');
    expect(example.preferredVersion.version).toBe('v1');
  });

  it('describes resources with status subresources', async () => {
    const r = await http(sb, 'GET', '/apis/example.com/v1');
    expect(r.body.resources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'widgets',
          singularName: 'widget',
          namespaced: true,
          kind: 'Widget',
          shortNames: ['wd'],
        }),
        {
          name: 'widgets/status',
          singularName: '',
          namespaced: true,
          kind: 'Widget',
          verbs: ['get', 'patch', 'update'],
        },
      ]),
    );
    const core = await http(sb, 'GET', '/api/v1');
    expect(core.body.resources.map((x: { name: string }) => x.name)).toEqual(
      expect.arrayContaining(['namespaces', 'namespaces/status', 'configmaps', 'secrets', 'events']),
    );
    expect((await http(sb, 'GET', '/apis/nope.io/v1')).status).toBe(404);
  });
});

describe('aggregated discovery', () => {
  it('answers with the exact content type, v2 and v2beta1', async () => {
    const v2 = await http(sb, 'GET', '/apis', undefined, { accept: AGG_ACCEPT });
    expect(v2.headers.get('content-type')).toBe(
      'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
    );
    expect(v2.body.apiVersion).toBe('apidiscovery.k8s.io/v2');
    const example = v2.body.items.find(
      (i: { metadata: { name: string } }) => i.metadata.name === 'example.com',
    );
    expect(example.versions.map((v: { version: string }) => v.version)).toEqual(['v1', 'v1beta1']);
    const widgets = example.versions[0].resources.find((r: { resource: string }) => r.resource === 'widgets');
    expect(widgets).toMatchObject({
      resource: 'widgets',
      scope: 'Namespaced',
      responseKind: { group: 'example.com', version: 'v1', kind: 'Widget' },
      subresources: [{ subresource: 'status', verbs: ['get', 'patch', 'update'] }],
    });
    const beta = await http(sb, 'GET', '/api', undefined, {
      accept: 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json',
    });
    expect(beta.headers.get('content-type')).toBe(
      'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList',
    );
    expect(beta.body.items).toHaveLength(1);
    expect(beta.body.items[0].metadata.name).toBe('');
    const plain = await http(sb, 'GET', '/apis', undefined, { accept: 'application/json, */*' });
    expect(plain.body.kind).toBe('APIGroupList');
  });
});

describe('OpenAPI v3', () => {
  it('indexes every group-version and serves documents kubectl can use', async () => {
    const index = await http(sb, 'GET', '/openapi/v3');
    const entry = index.body.paths['apis/example.com/v1'];
    expect(entry.serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/example\.com\/v1\?hash=[0-9A-F]+$/);
    expect(index.body.paths['api/v1']).toBeDefined();
    const doc = await http(sb, 'GET', entry.serverRelativeURL);
    const patch = doc.body.paths['/apis/example.com/v1/namespaces/{namespace}/widgets/{name}'].patch;
    expect(patch['x-kubernetes-group-version-kind']).toEqual({
      group: 'example.com',
      version: 'v1',
      kind: 'Widget',
    });
    expect(patch.parameters.map((p: { name: string }) => p.name)).toContain('fieldValidation');
    const schema = doc.body.components.schemas['com.example.v1.Widget'];
    expect(schema['x-kubernetes-group-version-kind']).toEqual([
      { group: 'example.com', version: 'v1', kind: 'Widget' },
    ]);
    expect(schema.properties.spec.properties.size.type).toBe('integer');
    expect(schema.properties.metadata.allOf[0].$ref).toBe(
      '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
    );
  });

  it('changes the hash when a CRD changes', async () => {
    const before = (await http(sb, 'GET', '/openapi/v3')).body.paths['apis/example.com/v1'].serverRelativeURL;
    const crd = (
      await http(sb, 'GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com')
    ).body;
    crd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.shape = { type: 'string' };
    expect(
      (
        await http(
          sb,
          'PUT',
          '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com',
          crd,
        )
      ).status,
    ).toBe(200);
    const after = (await http(sb, 'GET', '/openapi/v3')).body.paths['apis/example.com/v1'].serverRelativeURL;
    expect(after).not.toBe(before);
  });
});

describe('routing errors', () => {
  it('404s unknown paths and 405s unsupported methods', async () => {
    expect((await http(sb, 'GET', '/nonsense')).body).toMatchObject({ kind: 'Status', code: 404 });
    expect((await http(sb, 'GET', '/apis/example.com/v1/widgets/x')).status).toBe(404); // named, no namespace
    expect((await http(sb, 'GET', '/apis/example.com/v1/namespaces/default/widgets/x/scale')).status).toBe(
      404,
    );
    const m = await http(sb, 'POST', '/apis/example.com/v1/namespaces/default/widgets/x', {});
    expect(m.status).toBe(405);
    expect(m.body.reason).toBe('MethodNotAllowed');
  });
});
