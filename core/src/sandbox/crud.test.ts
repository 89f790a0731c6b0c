import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from './types.js';
import { WIDGETS, http, jsonPatch, mergePatch, widget, widgetSandbox } from './test-support/fixtures.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await widgetSandbox();
});
afterAll(() => sb.close());

describe('create, get, list', () => {
  it('fills server metadata and keeps RVs strictly increasing', async () => {
    const a = await http(sb, 'POST', WIDGETS, widget('rv-a'));
    const b = await http(sb, 'POST', WIDGETS, widget('rv-b'));
    expect(a.status).toBe(201);
    expect(a.body.metadata).toMatchObject({ namespace: 'default', generation: 1 });
    expect(a.body.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.body.metadata.creationTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Number(b.body.metadata.resourceVersion)).toBeGreaterThan(Number(a.body.metadata.resourceVersion));
    const list = await http(sb, 'GET', WIDGETS);
    expect(list.body.kind).toBe('WidgetList');
    expect(Number(list.body.metadata.resourceVersion)).toBeGreaterThanOrEqual(
      Number(b.body.metadata.resourceVersion),
    );
    const names = list.body.items.map((i: { metadata: { name: string } }) => i.metadata.name);
    expect(names).toEqual([...names].sort());
    expect(list.body.items[0].apiVersion).toBe('example.com/v1');
  });

  it('applies schema defaults, including status defaults', async () => {
    const r = await http(sb, 'POST', WIDGETS, widget('defaults'));
    expect(r.body.spec.color).toBe('red');
    expect(r.body.status).toEqual({ observedGeneration: -1 });
  });

  it('drops status on create when the kind has a status subresource', async () => {
    const r = await http(
      sb,
      'POST',
      WIDGETS,
      widget('nostatus', { size: 1 }, { status: { phase: 'Hacked' } }),
    );
    expect(r.body.status.phase).toBeUndefined();
  });

  it('generates names from generateName', async () => {
    const r = await http(sb, 'POST', WIDGETS, { ...widget(''), metadata: { generateName: 'gen-' } });
    expect(r.body.metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
  });

  it('refuses duplicates, missing names, missing namespaces and namespace mismatches', async () => {
    await http(sb, 'POST', WIDGETS, widget('dup'));
    const dup = await http(sb, 'POST', WIDGETS, widget('dup'));
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({
      kind: 'Status',
      reason: 'AlreadyExists',
      message: 'widgets.example.com "dup" already exists',
    });
    const noName = await http(sb, 'POST', WIDGETS, { ...widget(''), metadata: {} });
    expect(noName.status).toBe(422);
    expect(noName.body.details.causes[0].field).toBe('metadata.name');
    const noNs = await http(sb, 'POST', '/apis/example.com/v1/namespaces/nowhere/widgets', widget('x'));
    expect(noNs.status).toBe(404);
    expect(noNs.body.message).toBe('namespaces "nowhere" not found');
    const mismatch = await http(
      sb,
      'POST',
      WIDGETS,
      widget('mm', { size: 1 }, { metadata: { namespace: 'kube-system' } }),
    );
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.message).toContain('does not match the namespace');
  });

  it('answers 404 Status for missing objects and unknown resources', async () => {
    const r = await http(sb, 'GET', `${WIDGETS}/missing`);
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({
      reason: 'NotFound',
      message: 'widgets.example.com "missing" not found',
      details: { name: 'missing', group: 'example.com', kind: 'widgets' },
    });
    const unknown = await http(sb, 'GET', '/apis/example.com/v9/namespaces/default/widgets');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('the server could not find the requested resource');
  });
});

describe('validation', () => {
  it('answers 422 with field paths and causes', async () => {
    const r = await http(
      sb,
      'POST',
      WIDGETS,
      widget('bad', { size: 'big', color: 'green', tags: [{ name: 'UPPER' }] }),
    );
    expect(r.status).toBe(422);
    expect(r.body.reason).toBe('Invalid');
    expect(r.body.details.kind).toBe('Widget');
    const fields = r.body.details.causes.map((c: { field: string }) => c.field);
    expect(fields).toEqual(expect.arrayContaining(['spec.size', 'spec.color', 'spec.tags[0].name']));
    expect(r.body.message).toMatch(/^Widget\.example\.com "bad" is invalid: \[/);
  });

  it('reports required fields', async () => {
    const r = await http(sb, 'POST', WIDGETS, widget('req', {}));
    expect(r.body.message).toBe('Widget.example.com "req" is invalid: spec.size: Required value');
    expect(r.body.details.causes).toEqual([
      { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.size' },
    ]);
  });

  it('rejects unknown fields with fieldValidation=Strict and warns otherwise', async () => {
    const strict = await http(
      sb,
      'POST',
      `${WIDGETS}?fieldValidation=Strict`,
      widget('strict', { size: 1, bogus: true }),
    );
    expect(strict.status).toBe(400);
    expect(strict.body.message).toContain('strict decoding error: unknown field "spec.bogus"');
    const warn = await http(
      sb,
      'POST',
      `${WIDGETS}?fieldValidation=Warn`,
      widget('warn', { size: 1, bogus: true, extra: { kept: 1 } }),
    );
    expect(warn.status).toBe(201);
    expect(warn.headers.get('warning')).toContain('unknown field \\"spec.bogus\\"');
    expect(warn.body.spec.bogus).toBeUndefined();
    expect(warn.body.spec.extra).toEqual({ kept: 1 });
  });
});

describe('updates and concurrency', () => {
  it('409s a PUT with a stale resourceVersion and 422s one without', async () => {
    const created = (await http(sb, 'POST', WIDGETS, widget('occ'))).body;
    const ok = await http(sb, 'PUT', `${WIDGETS}/occ`, { ...created, spec: { size: 2 } });
    expect(ok.status).toBe(200);
    const stale = await http(sb, 'PUT', `${WIDGETS}/occ`, { ...created, spec: { size: 3 } });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toBe(
      'Operation cannot be fulfilled on widgets.example.com "occ": the object has been modified; please apply your changes to the latest version and try again',
    );
    const noRv = await http(sb, 'PUT', `${WIDGETS}/occ`, widget('occ', { size: 4 }));
    expect(noRv.status).toBe(422);
    expect(noRv.body.details.causes[0].field).toBe('metadata.resourceVersion');
    const wrongName = await http(sb, 'PUT', `${WIDGETS}/occ`, {
      ...ok.body,
      metadata: { ...ok.body.metadata, name: 'other' },
    });
    expect(wrongName.status).toBe(400);
  });

  it('409s a patch that carries a stale resourceVersion, including on /status', async () => {
    const created = (await http(sb, 'POST', WIDGETS, widget('occ-patch'))).body;
    await http(sb, 'PATCH', `${WIDGETS}/occ-patch`, { spec: { size: 5 } }, mergePatch);
    const stale = { metadata: { resourceVersion: created.metadata.resourceVersion }, spec: { size: 6 } };
    expect((await http(sb, 'PATCH', `${WIDGETS}/occ-patch`, stale, mergePatch)).status).toBe(409);
    const staleStatus = {
      metadata: { resourceVersion: created.metadata.resourceVersion },
      status: { phase: 'x' },
    };
    expect((await http(sb, 'PATCH', `${WIDGETS}/occ-patch/status`, staleStatus, mergePatch)).status).toBe(
      409,
    );
  });

  it('splits spec and status between the resource and /status', async () => {
    await http(sb, 'POST', WIDGETS, widget('split'));
    const main = await http(
      sb,
      'PATCH',
      `${WIDGETS}/split`,
      { spec: { size: 2 }, status: { phase: 'Ignored' } },
      mergePatch,
    );
    expect(main.body.spec.size).toBe(2);
    expect(main.body.status.phase).toBeUndefined();
    const status = await http(
      sb,
      'PATCH',
      `${WIDGETS}/split/status`,
      { spec: { size: 99 }, status: { phase: 'Ready' } },
      mergePatch,
    );
    expect(status.body.status.phase).toBe('Ready');
    expect(status.body.spec.size).toBe(2);
    const got = await http(sb, 'GET', `${WIDGETS}/split/status`);
    expect(got.body.spec.size).toBe(2);
    expect(got.body.status.phase).toBe('Ready');
  });

  it('bumps generation only for spec changes and deletion start', async () => {
    await http(
      sb,
      'POST',
      WIDGETS,
      widget('gen', { size: 1 }, { metadata: { finalizers: ['example.com/hold'] } }),
    );
    const gen = async () => (await http(sb, 'GET', `${WIDGETS}/gen`)).body.metadata.generation;
    await http(sb, 'PATCH', `${WIDGETS}/gen`, { spec: { size: 2 } }, mergePatch);
    expect(await gen()).toBe(2);
    await http(sb, 'PATCH', `${WIDGETS}/gen`, [{ op: 'replace', path: '/spec/size', value: 3 }], jsonPatch);
    expect(await gen()).toBe(3);
    await http(sb, 'PATCH', `${WIDGETS}/gen/status`, { status: { phase: 'x' } }, mergePatch);
    await http(
      sb,
      'PATCH',
      `${WIDGETS}/gen`,
      { metadata: { labels: { a: 'b' }, annotations: { c: 'd' } } },
      mergePatch,
    );
    expect(await gen()).toBe(3);
    await http(sb, 'DELETE', `${WIDGETS}/gen`);
    expect(await gen()).toBe(4);
    await http(sb, 'PATCH', `${WIDGETS}/gen`, { metadata: { finalizers: null } }, mergePatch);
  });

  it('does not bump the resourceVersion for a no-op write', async () => {
    const created = (await http(sb, 'POST', WIDGETS, widget('noop'))).body;
    const same = await http(sb, 'PATCH', `${WIDGETS}/noop`, { spec: { size: 1 } }, mergePatch);
    expect(same.body.metadata.resourceVersion).toBe(created.metadata.resourceVersion);
  });

  it('ignores client changes to server-owned metadata', async () => {
    const created = (await http(sb, 'POST', WIDGETS, widget('owned'))).body;
    const r = await http(
      sb,
      'PATCH',
      `${WIDGETS}/owned`,
      { metadata: { uid: 'x', creationTimestamp: '2000-01-01T00:00:00Z', generation: 42 } },
      mergePatch,
    );
    expect(r.body.metadata.uid).toBe(created.metadata.uid);
    expect(r.body.metadata.creationTimestamp).toBe(created.metadata.creationTimestamp);
    expect(r.body.metadata.generation).toBe(1);
  });

  it('records managedFields per manager', async () => {
    await http(sb, 'POST', `${WIDGETS}?fieldManager=creator`, widget('mf'));
    const r = await http(
      sb,
      'PATCH',
      `${WIDGETS}/mf?fieldManager=patcher`,
      { spec: { size: 7 } },
      mergePatch,
    );
    const managers = r.body.metadata.managedFields.map((m: { manager: string }) => m.manager);
    expect(managers).toEqual(expect.arrayContaining(['creator', 'patcher']));
    const patcher = r.body.metadata.managedFields.find((m: { manager: string }) => m.manager === 'patcher');
    expect(patcher).toMatchObject({
      operation: 'Update',
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:spec': { 'f:size': {} } },
    });
  });
});

describe('dryRun', () => {
  it('leaves no trace on create, patch and delete', async () => {
    const before = sb.store.resourceVersion();
    const c = await http(sb, 'POST', `${WIDGETS}?dryRun=All`, widget('dry'));
    expect(c.status).toBe(201);
    expect((await http(sb, 'GET', `${WIDGETS}/dry`)).status).toBe(404);
    await http(sb, 'POST', WIDGETS, widget('dry2'));
    const rv = sb.store.resourceVersion();
    const p = await http(sb, 'PATCH', `${WIDGETS}/dry2?dryRun=All`, { spec: { size: 9 } }, mergePatch);
    expect(p.body.spec.size).toBe(9);
    expect((await http(sb, 'GET', `${WIDGETS}/dry2`)).body.spec.size).toBe(1);
    await http(sb, 'DELETE', `${WIDGETS}/dry2?dryRun=All`);
    expect((await http(sb, 'GET', `${WIDGETS}/dry2`)).status).toBe(200);
    expect(sb.store.resourceVersion()).toBe(rv);
    expect(Number(rv)).toBeGreaterThan(Number(before));
  });
});

describe('delete and finalizers', () => {
  it('deletes immediately without finalizers and returns a Success Status', async () => {
    await http(sb, 'POST', WIDGETS, widget('gone'));
    const r = await http(sb, 'DELETE', `${WIDGETS}/gone`, { propagationPolicy: 'Background' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      kind: 'Status',
      status: 'Success',
      details: { name: 'gone', kind: 'widgets' },
    });
    expect((await http(sb, 'GET', `${WIDGETS}/gone`)).status).toBe(404);
  });

  it('holds objects with finalizers until the last one is removed', async () => {
    await http(sb, 'POST', WIDGETS, widget('held', { size: 1 }, { metadata: { finalizers: ['a/b'] } }));
    const d = await http(sb, 'DELETE', `${WIDGETS}/held`);
    expect(d.body.metadata.deletionTimestamp).toBeDefined();
    expect(d.body.metadata.deletionGracePeriodSeconds).toBe(0);
    const again = await http(sb, 'DELETE', `${WIDGETS}/held`);
    expect(again.body.metadata.resourceVersion).toBe(d.body.metadata.resourceVersion);
    const add = await http(
      sb,
      'PATCH',
      `${WIDGETS}/held`,
      { metadata: { finalizers: ['a/b', 'c/d'] } },
      mergePatch,
    );
    expect(add.status).toBe(422);
    expect(add.body.message).toContain('no new finalizers can be added if the object is being deleted');
    const spec = await http(sb, 'PATCH', `${WIDGETS}/held`, { spec: { size: 2 } }, mergePatch);
    expect(spec.status).toBe(200);
    const fin = await http(
      sb,
      'PATCH',
      `${WIDGETS}/held`,
      [{ op: 'remove', path: '/metadata/finalizers' }],
      jsonPatch,
    );
    expect(fin.status).toBe(200);
    expect((await http(sb, 'GET', `${WIDGETS}/held`)).status).toBe(404);
  });

  it('409s on a failed precondition', async () => {
    await http(sb, 'POST', WIDGETS, widget('pre'));
    const r = await http(sb, 'DELETE', `${WIDGETS}/pre`, { preconditions: { uid: 'nope' } });
    expect(r.status).toBe(409);
    expect(r.body.message).toContain('Precondition failed: UID in precondition: nope');
  });
});

describe('namespaces', () => {
  it('seeds the standard namespaces', async () => {
    const r = await http(sb, 'GET', '/api/v1/namespaces/kube-system');
    expect(r.body).toMatchObject({
      metadata: { labels: { 'kubernetes.io/metadata.name': 'kube-system' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  });

  it('terminates: forbids new content, deletes contents honouring finalizers, then goes away', async () => {
    await http(sb, 'POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'doomed' },
    });
    const ns = '/apis/example.com/v1/namespaces/doomed/widgets';
    await http(sb, 'POST', ns, widget('plain'));
    await http(sb, 'POST', ns, widget('stuck', { size: 1 }, { metadata: { finalizers: ['a/b'] } }));
    const d = await http(sb, 'DELETE', '/api/v1/namespaces/doomed');
    expect(d.body.status.phase).toBe('Terminating');
    const create = await http(sb, 'POST', ns, widget('late'));
    expect(create.status).toBe(403);
    expect(create.body.message).toBe(
      'unable to create new content in namespace doomed because it is being terminated',
    );
    await new Promise((r) => setImmediate(r));
    expect((await http(sb, 'GET', `${ns}/plain`)).status).toBe(404);
    expect((await http(sb, 'GET', `${ns}/stuck`)).body.metadata.deletionTimestamp).toBeDefined();
    expect((await http(sb, 'GET', '/api/v1/namespaces/doomed')).status).toBe(200);
    await http(sb, 'PATCH', `${ns}/stuck`, { metadata: { finalizers: null } }, mergePatch);
    await new Promise((r) => setImmediate(r));
    expect((await http(sb, 'GET', '/api/v1/namespaces/doomed')).status).toBe(404);
  });
});

describe('CRD registry', () => {
  it('registers a POSTed CRD immediately and removes kind and objects on delete', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'things.test.io' },
      spec: {
        group: 'test.io',
        scope: 'Namespaced',
        names: { plural: 'things', kind: 'Thing' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          },
        ],
      },
    };
    const c = await http(sb, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd);
    expect(c.status).toBe(201);
    const types = c.body.status.conditions.map(
      (x: { type: string; status: string }) => `${x.type}=${x.status}`,
    );
    expect(types).toEqual(['NamesAccepted=True', 'Established=True']);
    expect(c.body.status.acceptedNames.kind).toBe('Thing');
    const discovery = await http(sb, 'GET', '/apis/test.io/v1');
    expect(discovery.body.resources[0].name).toBe('things');
    const obj = await http(sb, 'POST', '/apis/test.io/v1/namespaces/default/things', {
      apiVersion: 'test.io/v1',
      kind: 'Thing',
      metadata: { name: 't' },
      anything: 1,
    });
    expect(obj.body.anything).toBe(1);
    await http(sb, 'DELETE', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/things.test.io');
    expect((await http(sb, 'GET', '/apis/test.io/v1')).status).toBe(404);
    await http(sb, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd);
    expect((await http(sb, 'GET', '/apis/test.io/v1/namespaces/default/things')).body.items).toEqual([]);
  });

  it('refuses a CRD whose name does not match its names', async () => {
    const r = await http(sb, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'wrong' },
      spec: {
        group: 'x.io',
        scope: 'Namespaced',
        names: { plural: 'ys', kind: 'Y' },
        versions: [{ name: 'v1', served: true, storage: true }],
      },
    });
    expect(r.status).toBe(422);
    expect(r.body.details.causes[0].field).toBe('metadata.name');
  });

  it('serves every version of a multi-version CRD from one storage', async () => {
    await http(sb, 'POST', WIDGETS, widget('multi', { size: 3 }));
    const beta = await http(sb, 'GET', '/apis/example.com/v1beta1/namespaces/default/widgets/multi');
    expect(beta.body.apiVersion).toBe('example.com/v1beta1');
    expect(beta.body.spec.size).toBe(3);
    const list = await http(sb, 'GET', '/apis/example.com/v1beta1/namespaces/default/widgets');
    expect(list.body.items.every((i: { apiVersion: string }) => i.apiVersion === 'example.com/v1beta1')).toBe(
      true,
    );
  });
});

describe('pagination', () => {
  it('pages with limit and continue', async () => {
    await http(sb, 'POST', '/api/v1/namespaces', { metadata: { name: 'paged' } });
    for (let i = 0; i < 5; i++)
      await http(sb, 'POST', '/api/v1/namespaces/paged/configmaps', { metadata: { name: `cm-${i}` } });
    const first = await http(sb, 'GET', '/api/v1/namespaces/paged/configmaps?limit=2');
    expect(first.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual([
      'cm-0',
      'cm-1',
    ]);
    expect(first.body.metadata.remainingItemCount).toBe(3);
    const second = await http(
      sb,
      'GET',
      `/api/v1/namespaces/paged/configmaps?limit=2&continue=${first.body.metadata.continue}`,
    );
    expect(second.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual([
      'cm-2',
      'cm-3',
    ]);
    const third = await http(
      sb,
      'GET',
      `/api/v1/namespaces/paged/configmaps?limit=2&continue=${second.body.metadata.continue}`,
    );
    expect(third.body.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['cm-4']);
    expect(third.body.metadata.continue).toBeUndefined();
    expect((await http(sb, 'GET', '/api/v1/namespaces/paged/configmaps?continue=garbage')).status).toBe(400);
  });
});
