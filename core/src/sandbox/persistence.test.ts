import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WIDGETS, http, widget, widgetSandbox } from './test-support/fixtures.js';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function dataPath(): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'sandbox-data-'));
  return join(dir, 'data.journal');
}

const CM = '/api/v1/namespaces/default/configmaps';

describe('persistence (--data)', () => {
  it('restores objects, runtime CRDs and keeps resourceVersions monotonic', async () => {
    const dataFile = await dataPath();
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
    await http(first, 'POST', WIDGETS, widget('gone'));
    await http(first, 'DELETE', `${WIDGETS}/gone`);
    const rvBefore = Number(first.store.resourceVersion());
    await first.close();

    const second = await widgetSandbox({ dataFile });
    try {
      const kept = await http(second, 'GET', `${WIDGETS}/kept`);
      expect(kept.body.spec.size).toBe(4);
      expect((await http(second, 'GET', `${WIDGETS}/gone`)).status).toBe(404);
      expect((await http(second, 'GET', '/apis/test.io/v1/namespaces/default/notes/n')).status).toBe(200);
      const next = await http(second, 'POST', WIDGETS, widget('new'));
      // The delete took an rv too: a restart must not hand it out again.
      expect(Number(next.body.metadata.resourceVersion)).toBeGreaterThan(rvBefore);
      const w = await http(second, 'GET', `${WIDGETS}?watch=true&resourceVersion=1`);
      expect(JSON.parse(w.text.split('\n')[0] as string).object.code).toBe(410);
    } finally {
      await second.close();
    }
  });

  it('has a write on disk (and readable after a crash) by the time it is acknowledged', async () => {
    const dataFile = await dataPath();
    const sb = await widgetSandbox({ dataFile });
    try {
      const res = await http(sb, 'POST', WIDGETS, widget('early'));
      expect(res.status).toBe(201);
      // No close(): read the file as a restarted process would.
      const text = await readFile(dataFile, 'utf8');
      expect(text).toContain('"early"');
      expect(text).toContain(`"rv":${res.body.metadata.resourceVersion}`);
    } finally {
      await sb.close();
    }
  });

  it('keeps the file private (mode 0600): it holds Secrets', async () => {
    const dataFile = await dataPath();
    await writeFile(dataFile, '', { mode: 0o644 });
    await rm(dataFile);
    const sb = await widgetSandbox({ dataFile });
    await http(sb, 'POST', '/api/v1/namespaces/default/secrets', {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      stringData: { token: 'x' },
    });
    await sb.close();
    expect((await stat(dataFile)).mode & 0o777).toBe(0o600);
  });

  it('does not touch the disk while idle: reads, lists and watches write nothing', async () => {
    const dataFile = await dataPath();
    const sb = await widgetSandbox({ dataFile });
    try {
      await http(sb, 'POST', WIDGETS, widget('a'));
      const before = await stat(dataFile);
      await http(sb, 'GET', WIDGETS);
      await http(sb, 'GET', `${WIDGETS}/a`);
      await http(sb, 'GET', `${WIDGETS}?watch=true&timeoutSeconds=1`);
      await http(sb, 'GET', '/apis');
      const after = await stat(dataFile);
      expect(after.size).toBe(before.size);
      expect(after.mtimeMs).toBe(before.mtimeMs);
    } finally {
      await sb.close();
    }
  });

  it('compacts the journal and restores the same state from the compacted file', async () => {
    const dataFile = await dataPath();
    const sb = await widgetSandbox({ dataFile, dataCompactBytes: 20_000 });
    let last = 0;
    let peak = 0;
    for (let i = 0; i < 200; i++) {
      const body = {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'busy' },
        data: { i: String(i) },
      };
      const res = i === 0 ? await http(sb, 'POST', CM, body) : await http(sb, 'PUT', `${CM}/busy`, body);
      last = Number(res.body.metadata.resourceVersion);
      peak = Math.max(peak, (await stat(dataFile)).size);
    }
    await sb.close();
    // 200 updates of ~250 bytes would be ~50 KB appended; compaction keeps it near the live size.
    expect(peak).toBeLessThan(45_000);
    const again = await widgetSandbox({ dataFile });
    try {
      const cm = await http(again, 'GET', `${CM}/busy`);
      expect(cm.body.data.i).toBe('199');
      expect(Number(cm.body.metadata.resourceVersion)).toBe(last);
      const next = await http(again, 'POST', CM, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'n' },
      });
      expect(Number(next.body.metadata.resourceVersion)).toBeGreaterThan(last);
    } finally {
      await again.close();
    }
  });

  it('reads the previous one-snapshot format and rewrites it as a journal', async () => {
    const dataFile = await dataPath();
    const obj = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'old', namespace: 'default', resourceVersion: '40', uid: 'u1' },
      data: { a: '1' },
    };
    await writeFile(
      dataFile,
      JSON.stringify({ version: 1, resourceVersion: 41, buckets: { '/configmaps': [obj] } }),
    );
    const sb = await widgetSandbox({ dataFile });
    try {
      expect((await http(sb, 'GET', `${CM}/old`)).body.data.a).toBe('1');
      expect(await readFile(dataFile, 'utf8')).toMatch(/^\{"journal":"kuberik-sandbox-journal"/);
      const next = await http(sb, 'POST', CM, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'n' },
      });
      expect(Number(next.body.metadata.resourceVersion)).toBeGreaterThan(41);
    } finally {
      await sb.close();
    }
  });

  it.each([
    ['not JSON', 'hello', /no header line/],
    ['a header that is not JSON', 'hello\n{}\n', /line 1: /],
    ['JSON but not ours', '{"hello":1}\n', /line 1 is not a kuberik-sandbox-journal/],
    [
      'a resourceVersion that goes back',
      `{"journal":"kuberik-sandbox-journal","format":2,"rv":5}\n` +
        `{"rv":7,"k":"/configmaps","o":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"default","resourceVersion":"7"}}}\n` +
        `{"rv":6,"k":"/configmaps","o":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"b","namespace":"default","resourceVersion":"6"}}}\n`,
      /line 3: resourceVersion 6 does not follow 7/,
    ],
    [
      'an object without a name',
      `{"journal":"kuberik-sandbox-journal","format":2,"rv":5}\n` +
        `{"rv":7,"k":"/configmaps","o":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"resourceVersion":"7"}}}\n`,
      /line 2: an object has no metadata.name/,
    ],
    [
      'a corrupt line in the middle',
      `{"journal":"kuberik-sandbox-journal","format":2,"rv":5}\n{"rv":7,"k":\n` +
        `{"rv":8,"k":"/configmaps","o":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"b","namespace":"default","resourceVersion":"8"}}}\n`,
      /line 2/,
    ],
    [
      'objects of a resource nothing defines',
      `{"journal":"kuberik-sandbox-journal","format":2,"rv":5}\n` +
        `{"rv":7,"k":"nope.io/things","o":{"apiVersion":"nope.io/v1","kind":"Thing","metadata":{"name":"t","resourceVersion":"7"}}}\n`,
      /nope.io\/things/,
    ],
    [
      'an old snapshot whose object is newer than the snapshot',
      JSON.stringify({
        version: 1,
        resourceVersion: 3,
        buckets: {
          '/configmaps': [
            {
              apiVersion: 'v1',
              kind: 'ConfigMap',
              metadata: { name: 'a', namespace: 'default', resourceVersion: '9' },
            },
          ],
        },
      }),
      /resourceVersion 9, expected at most 3/,
    ],
  ])('refuses %s, naming the file and leaving it untouched', async (_what, content, detail) => {
    const dataFile = await dataPath();
    await writeFile(dataFile, content, { mode: 0o644 });
    const before = await stat(dataFile);
    const err = await widgetSandbox({ dataFile }).then(
      async (sb) => {
        await sb.close();
        return undefined;
      },
      (e: Error) => e,
    );
    expect(err?.message).toContain(`${dataFile} is not a valid sandbox data file`);
    expect(err?.message).toMatch(detail);
    expect(err?.message).toContain('left untouched');
    expect(await readFile(dataFile, 'utf8')).toBe(content);
    const after = await stat(dataFile);
    expect(after.mode & 0o777).toBe(0o644);
    expect(after.mtimeMs).toBe(before.mtimeMs);
  });

  it('drops a torn last line (a write cut off before it was acknowledged) and carries on', async () => {
    const dataFile = await dataPath();
    const good =
      `{"journal":"kuberik-sandbox-journal","format":2,"rv":5}\n` +
      `{"rv":7,"k":"/configmaps","o":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"default","resourceVersion":"7"}}}\n`;
    await writeFile(dataFile, `${good}{"rv":8,"k":"/configm`);
    const sb = await widgetSandbox({ dataFile });
    try {
      expect((await http(sb, 'GET', `${CM}/a`)).status).toBe(200);
      const next = await http(sb, 'POST', CM, {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'n' },
      });
      expect(next.status).toBe(201);
    } finally {
      await sb.close();
    }
    const again = await widgetSandbox({ dataFile });
    try {
      expect((await http(again, 'GET', `${CM}/n`)).status).toBe(200);
    } finally {
      await again.close();
    }
  });
});
