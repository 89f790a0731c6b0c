import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateJsonPath, parseJsonPath } from './jsonpath.js';
import { humanDuration } from './table.js';
import type { Sandbox } from './types.js';
import { WIDGETS, http, widget, widgetSandbox } from './test-support/fixtures.js';

const TABLE = {
  accept:
    'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json',
};
let clock = new Date('2026-01-01T00:00:00Z');
let sb: Sandbox;
beforeAll(async () => {
  sb = await widgetSandbox({ now: () => clock });
});
afterAll(() => sb.close());

describe('JSONPath subset', () => {
  const obj = {
    status: {
      conditions: [
        { type: 'A', status: 'x' },
        { type: 'Ready', status: 'True' },
      ],
      history: [{ v: 1 }, { v: 2 }],
    },
    'a.b': { c: 3 },
  };
  it.each([
    ['.status.history[0].v', [1]],
    ['.status.history[-1].v', [2]],
    ['.status.conditions[?(@.type=="Ready")].status', ['True']],
    [".status.conditions[?(@.type!='Ready')].type", ['A']],
    ['.status.history[*].v', [1, 2]],
    ["['a.b'].c", [3]],
    ['{.status.missing}', []],
  ])('%s', (path, expected) => {
    expect(evaluateJsonPath(parseJsonPath(path), obj)).toEqual(expected);
  });
});

describe('humanDuration', () => {
  it.each([
    [5_000, '5s'],
    [119_000, '119s'],
    [150_000, '2m30s'],
    [3_600_000, '60m'],
    [5 * 3_600_000 + 60_000, '5h1m'],
    [30 * 3_600_000, '30h'],
    [3 * 86_400_000, '3d'],
    [400 * 86_400_000, '400d'],
    [800 * 86_400_000, '2y70d'],
  ])('%d ms → %s', (ms, text) => expect(humanDuration(ms)).toBe(text));
});

describe('Table output', () => {
  it('renders printer columns, conditions, history and ages; priority>0 columns are marked', async () => {
    sb.store.create({
      ...widget('t1', { size: 3, color: 'blue' }),
      metadata: { name: 't1', namespace: 'default' },
      status: { conditions: [{ type: 'Ready', status: 'True' }], history: [{ version: 'v9' }] },
    });
    clock = new Date('2026-01-01T00:05:00Z');
    const r = await http(sb, 'GET', WIDGETS, undefined, TABLE);
    expect(r.headers.get('content-type')).toBe('application/json;as=Table;v=v1;g=meta.k8s.io');
    expect(r.body.kind).toBe('Table');
    expect(
      r.body.columnDefinitions.map((c: { name: string; priority: number }) => `${c.name}:${c.priority}`),
    ).toEqual(['Name:0', 'Size:0', 'Ready:0', 'Latest:0', 'Color:1', 'Age:0']);
    const row = r.body.rows.find((x: { cells: unknown[] }) => x.cells[0] === 't1');
    expect(row.cells).toEqual(['t1', 3, 'True', 'v9', 'blue', '5m']);
    expect(row.object).toMatchObject({
      kind: 'PartialObjectMetadata',
      metadata: { name: 't1', namespace: 'default' },
    });
    expect(r.body.metadata.resourceVersion).toBe(sb.store.resourceVersion());
  });

  it('renders missing values as null and single gets as one-row tables', async () => {
    await http(sb, 'POST', WIDGETS, widget('t2'));
    const r = await http(sb, 'GET', `${WIDGETS}/t2`, undefined, TABLE);
    expect(r.body.rows).toHaveLength(1);
    expect(r.body.rows[0].cells.slice(0, 4)).toEqual(['t2', 1, null, null]);
  });

  it('uses Name and Age for kinds without printer columns and built-in columns otherwise', async () => {
    const ns = await http(sb, 'GET', '/api/v1/namespaces', undefined, TABLE);
    expect(ns.body.columnDefinitions.map((c: { name: string }) => c.name)).toEqual(['Name', 'Status', 'Age']);
    await http(sb, 'POST', '/apis/example.com/v1/gadgets', {
      apiVersion: 'example.com/v1',
      kind: 'Gadget',
      metadata: { name: 'g' },
    });
    const g = await http(sb, 'GET', '/apis/example.com/v1/gadgets', undefined, TABLE);
    expect(g.body.columnDefinitions.map((c: { name: string }) => c.name)).toEqual(['Name', 'Age']);
  });
});
