import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WIDGETS, http, widget, widgetSandbox } from './test-support/fixtures.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('persistence', () => {
  it('restores objects, runtime CRDs and keeps resourceVersions monotonic', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sandbox-data-'));
    const dataFile = join(dir, 'data.json');
    const first = await widgetSandbox({ dataFile });
    await http(first, 'POST', WIDGETS, widget('kept', { size: 4 }));
    await http(first, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'notes.test.io' },
      spec: {
        group: 'test.io',
        scope: 'Namespaced',
        names: { plural: 'notes', kind: 'Note' },
        versions: [{ name: 'v1', served: true, storage: true }],
      },
    });
    await http(first, 'POST', '/apis/test.io/v1/namespaces/default/notes', {
      apiVersion: 'test.io/v1',
      kind: 'Note',
      metadata: { name: 'n' },
    });
    const rvBefore = Number(first.store.resourceVersion());
    await first.close();
    expect(JSON.parse(await readFile(dataFile, 'utf8')).resourceVersion).toBe(rvBefore);

    const second = await widgetSandbox({ dataFile });
    try {
      const kept = await http(second, 'GET', `${WIDGETS}/kept`);
      expect(kept.body.spec.size).toBe(4);
      expect((await http(second, 'GET', '/apis/test.io/v1/namespaces/default/notes/n')).status).toBe(200);
      const next = await http(second, 'POST', WIDGETS, widget('new'));
      expect(Number(next.body.metadata.resourceVersion)).toBeGreaterThan(rvBefore);
      const w = await http(second, 'GET', `${WIDGETS}?watch=true&resourceVersion=1`);
      expect(JSON.parse(w.text.split('\n')[0] as string).object.code).toBe(410);
    } finally {
      await second.close();
    }
  });

  it('saves shortly after a write, without waiting for close', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sandbox-data-'));
    const dataFile = join(dir, 'data.json');
    const sb = await widgetSandbox({ dataFile });
    try {
      await http(sb, 'POST', WIDGETS, widget('early'));
      const saved = async (): Promise<boolean> => {
        try {
          return (await readFile(dataFile, 'utf8')).includes('"early"');
        } catch {
          return false;
        }
      };
      while (!(await saved())) await new Promise((r) => setTimeout(r, 10));
      expect(JSON.parse(await readFile(dataFile, 'utf8')).resourceVersion).toBe(
        Number(sb.store.resourceVersion()),
      );
    } finally {
      await sb.close();
    }
  });

  it('refuses a data file that is not a sandbox snapshot', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sandbox-data-'));
    const dataFile = join(dir, 'data.json');
    await writeFile(dataFile, '{"hello":1}');
    await expect(widgetSandbox({ dataFile })).rejects.toThrow('is not a sandbox data file');
  });
});
