import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from './types.js';
import {
  WIDGETS,
  applyPatch,
  http,
  jsonPatch,
  mergePatch,
  widget,
  widgetSandbox,
} from './test-support/fixtures.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await widgetSandbox();
});
afterAll(() => sb.close());

describe('merge patch', () => {
  it('deletes keys set to null and replaces arrays', async () => {
    await http(
      sb,
      'POST',
      WIDGETS,
      widget('m', { size: 1, extra: { a: 1, b: 2 }, tags: [{ name: 'x' }, { name: 'y' }] }),
    );
    const r = await http(
      sb,
      'PATCH',
      `${WIDGETS}/m`,
      { spec: { extra: { a: null }, tags: [{ name: 'z' }] } },
      mergePatch,
    );
    expect(r.body.spec.extra).toEqual({ b: 2 });
    expect(r.body.spec.tags).toEqual([{ name: 'z' }]);
  });

  it('404s on a missing object and 400s on malformed JSON', async () => {
    expect((await http(sb, 'PATCH', `${WIDGETS}/absent`, { spec: {} }, mergePatch)).status).toBe(404);
    await http(sb, 'POST', WIDGETS, widget('m2'));
    const bad = await http(sb, 'PATCH', `${WIDGETS}/m2`, '{"spec":', mergePatch);
    expect(bad.status).toBe(400);
    expect(bad.body.kind).toBe('Status');
  });
});

describe('JSON patch', () => {
  it('supports every RFC 6902 operation with escapes and append', async () => {
    await http(
      sb,
      'POST',
      WIDGETS,
      widget('j', { size: 1, tags: [{ name: 'a' }], extra: { 'x/y': 1, 't~u': 2 } }),
    );
    const ops = [
      { op: 'add', path: '/spec/tags/-', value: { name: 'b' } },
      { op: 'replace', path: '/spec/size', value: 2 },
      { op: 'remove', path: '/spec/extra/x~1y' },
      { op: 'copy', from: '/spec/extra/t~0u', path: '/spec/extra/copied' },
      { op: 'move', from: '/spec/extra/t~0u', path: '/spec/extra/moved' },
      { op: 'test', path: '/spec/size', value: 2 },
    ];
    const r = await http(sb, 'PATCH', `${WIDGETS}/j`, ops, jsonPatch);
    expect(r.status).toBe(200);
    expect(r.body.spec).toMatchObject({
      size: 2,
      tags: [{ name: 'a' }, { name: 'b' }],
      extra: { copied: 2, moved: 2 },
    });
    expect(r.body.spec.extra['x/y']).toBeUndefined();
  });

  it('answers 422 when an operation cannot apply and 400 for a malformed document', async () => {
    await http(sb, 'POST', WIDGETS, widget('j2'));
    const failedTest = await http(
      sb,
      'PATCH',
      `${WIDGETS}/j2`,
      [{ op: 'test', path: '/spec/size', value: 99 }],
      jsonPatch,
    );
    expect(failedTest.status).toBe(422);
    const missing = await http(
      sb,
      'PATCH',
      `${WIDGETS}/j2`,
      [{ op: 'remove', path: '/spec/nothing' }],
      jsonPatch,
    );
    expect(missing.status).toBe(422);
    const malformed = await http(sb, 'PATCH', `${WIDGETS}/j2`, { op: 'add' }, jsonPatch);
    expect(malformed.status).toBe(400);
    const badOp = await http(sb, 'PATCH', `${WIDGETS}/j2`, [{ op: 'frobnicate', path: '/spec' }], jsonPatch);
    expect(badOp.status).toBe(400);
  });

  it('guards with a resourceVersion test op', async () => {
    const c = (await http(sb, 'POST', WIDGETS, widget('j3'))).body;
    await http(sb, 'PATCH', `${WIDGETS}/j3`, { spec: { size: 2 } }, mergePatch);
    const guard = [
      { op: 'test', path: '/metadata/resourceVersion', value: c.metadata.resourceVersion },
      { op: 'replace', path: '/spec/size', value: 3 },
    ];
    expect((await http(sb, 'PATCH', `${WIDGETS}/j3`, guard, jsonPatch)).status).toBe(422);
  });
});

describe('strategic merge patch', () => {
  it('is refused with 415 for custom resources', async () => {
    await http(sb, 'POST', WIDGETS, widget('s'));
    const r = await http(
      sb,
      'PATCH',
      `${WIDGETS}/s`,
      { spec: { size: 2 } },
      { 'content-type': 'application/strategic-merge-patch+json' },
    );
    expect(r.status).toBe(415);
    expect(r.body.reason).toBe('UnsupportedMediaType');
    expect(r.body.message).toContain('application/merge-patch+json');
  });

  it('works for built-ins, ignoring SMP directives', async () => {
    await http(sb, 'POST', '/api/v1/namespaces/default/configmaps', {
      metadata: { name: 'smp' },
      data: { a: '1' },
    });
    const r = await http(
      sb,
      'PATCH',
      '/api/v1/namespaces/default/configmaps/smp',
      { data: { b: '2' }, $setElementOrder: [] },
      { 'content-type': 'application/strategic-merge-patch+json' },
    );
    expect(r.status).toBe(200);
    expect(r.body.data).toEqual({ a: '1', b: '2' });
  });
});

describe('server-side apply', () => {
  const apply = (name: string, spec: Record<string, unknown>, manager: string, force = false) =>
    http(
      sb,
      'PATCH',
      `${WIDGETS}/${name}?fieldManager=${manager}${force ? '&force=true' : ''}`,
      widget(name, spec),
      applyPatch,
    );

  it('creates, updates and removes fields the manager stopped applying', async () => {
    const created = await apply('ssa', { size: 1, extra: { a: 1, b: 2 } }, 'tool');
    expect(created.status).toBe(201);
    expect(created.body.metadata.managedFields[0]).toMatchObject({ manager: 'tool', operation: 'Apply' });
    const updated = await apply('ssa', { size: 2, extra: { a: 1 } }, 'tool');
    expect(updated.status).toBe(200);
    expect(updated.body.spec).toMatchObject({ size: 2, extra: { a: 1 } });
    expect(updated.body.spec.extra.b).toBeUndefined();
    expect(updated.body.metadata.generation).toBe(2);
  });

  it('conflicts with another manager unless forced', async () => {
    await apply('ssa2', { size: 1 }, 'first');
    const conflict = await apply('ssa2', { size: 5 }, 'second');
    expect(conflict.status).toBe(409);
    expect(conflict.body.message).toBe(
      // Same apiVersion for both managers: upstream names none ("using …" only when they differ).
      'Apply failed with 1 conflict: conflict with "first": .spec.size',
    );
    expect(conflict.body.details.causes[0]).toMatchObject({
      reason: 'FieldManagerConflict',
      field: '.spec.size',
    });
    const forced = await apply('ssa2', { size: 5 }, 'second', true);
    expect(forced.status).toBe(200);
    expect(forced.body.spec.size).toBe(5);
  });

  it('shares ownership of equal values, so a field survives while another manager still applies it', async () => {
    await apply('shared', { size: 1, color: 'blue' }, 'one');
    const both = await apply('shared', { size: 1, color: 'blue' }, 'two');
    expect(both.status).toBe(200);
    const managers = both.body.metadata.managedFields.map((m: { manager: string }) => m.manager).sort();
    expect(managers).toEqual(['one', 'two']);
    const dropped = await apply('shared', { size: 1 }, 'one');
    expect(dropped.body.spec.color).toBe('blue');
  });

  it('parses real YAML, requires a fieldManager, and applies status through /status only', async () => {
    const yaml = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: y\nspec:\n  size: 4\n';
    const r = await http(sb, 'PATCH', `${WIDGETS}/y?fieldManager=curl`, yaml, applyPatch);
    expect(r.status).toBe(201);
    expect(r.body.spec.size).toBe(4);
    const noManager = await http(sb, 'PATCH', `${WIDGETS}/y`, yaml, applyPatch);
    expect(noManager.status).toBe(422);
    expect(noManager.body.message).toContain('fieldManager: Required value');
    const st = await http(
      sb,
      'PATCH',
      `${WIDGETS}/y/status?fieldManager=ctrl`,
      { ...widget('y', { size: 100 }), status: { phase: 'Up' } },
      applyPatch,
    );
    expect(st.body.status.phase).toBe('Up');
    expect(st.body.spec.size).toBe(4);
  });
});
