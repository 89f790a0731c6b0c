import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox, StoredObject } from './types.js';
import { WIDGETS, http, mergePatch, openWatch, widget, widgetSandbox } from './test-support/fixtures.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await widgetSandbox({ bookmarkIntervalMs: 20 });
});
afterAll(() => sb.close());

describe('raw watch', () => {
  it('starts with synthetic ADDED events without a resourceVersion, then streams live events', async () => {
    await http(sb, 'POST', WIDGETS, widget('w1'));
    const w = await openWatch(sb, `${WIDGETS}?watch=true`);
    expect(w.status).toBe(200);
    const first = await w.next();
    expect(first?.type).toBe('ADDED');
    expect(first?.object.metadata.name).toBe('w1');
    await http(sb, 'PATCH', `${WIDGETS}/w1`, { spec: { size: 2 } }, mergePatch);
    const mod = await w.next();
    expect(mod).toMatchObject({ type: 'MODIFIED', object: { spec: { size: 2 } } });
    await http(sb, 'DELETE', `${WIDGETS}/w1`);
    const del = await w.next();
    expect(del?.type).toBe('DELETED');
    expect(Number(del?.object.metadata.resourceVersion)).toBeGreaterThan(
      Number(mod?.object.metadata.resourceVersion),
    );
    w.close();
  });

  it('replays events after a resourceVersion in order, without synthetic events', async () => {
    const list = await http(sb, 'GET', WIDGETS);
    const rv = list.body.metadata.resourceVersion;
    await http(sb, 'POST', WIDGETS, widget('r1'));
    await http(sb, 'POST', WIDGETS, widget('r2'));
    const w = await openWatch(sb, `${WIDGETS}?watch=1&resourceVersion=${rv}`);
    const a = await w.next();
    const b = await w.next();
    expect([a?.object.metadata.name, b?.object.metadata.name]).toEqual(['r1', 'r2']);
    w.close();
  });

  it('sends a 410 Expired ERROR event and ends the stream for a compacted resourceVersion', async () => {
    const rv = sb.store.resourceVersion();
    await http(sb, 'POST', WIDGETS, widget('c1'));
    sb.faults.compact();
    const w = await openWatch(sb, `${WIDGETS}?watch=true&resourceVersion=${rv}`);
    const e = await w.next();
    expect(e?.type).toBe('ERROR');
    expect(e?.object).toMatchObject({ kind: 'Status', code: 410, reason: 'Expired' });
    expect(e?.object.message).toMatch(/^too old resource version: \d+ \(\d+\)$/);
    expect(await w.next()).toBeUndefined();
  });

  it('expires old resourceVersions once the history window is exceeded', async () => {
    const small = await widgetSandbox({ watchHistory: 3 });
    try {
      const rv = small.store.resourceVersion();
      for (let i = 0; i < 6; i++) await http(small, 'POST', WIDGETS, widget(`h${i}`));
      const w = await openWatch(small, `${WIDGETS}?watch=true&resourceVersion=${rv}`);
      expect((await w.next())?.object.code).toBe(410);
      const recent = Number(small.store.resourceVersion()) - 1;
      const ok = await openWatch(small, `${WIDGETS}?watch=true&resourceVersion=${recent}`);
      expect((await ok.next())?.object.metadata.name).toBe('h5');
      ok.close();
    } finally {
      await small.close();
    }
  });

  it('turns selector transitions into ADDED and DELETED', async () => {
    await http(sb, 'POST', WIDGETS, widget('sel'));
    const rv = sb.store.resourceVersion();
    const w = await openWatch(sb, `${WIDGETS}?watch=true&resourceVersion=${rv}&labelSelector=team%3Dblue`);
    await http(sb, 'PATCH', `${WIDGETS}/sel`, { metadata: { labels: { team: 'blue' } } }, mergePatch);
    expect((await w.next())?.type).toBe('ADDED');
    await http(sb, 'PATCH', `${WIDGETS}/sel`, { spec: { size: 5 } }, mergePatch);
    expect((await w.next())?.type).toBe('MODIFIED');
    await http(sb, 'PATCH', `${WIDGETS}/sel`, { metadata: { labels: { team: 'red' } } }, mergePatch);
    const gone = await w.next();
    expect(gone?.type).toBe('DELETED');
    expect(gone?.object.metadata.labels.team).toBe('red');
    w.close();
  });

  it('filters by field selector and sends bookmarks when asked', async () => {
    await http(sb, 'POST', WIDGETS, widget('fs-a'));
    await http(sb, 'POST', WIDGETS, widget('fs-b'));
    const w = await openWatch(
      sb,
      `${WIDGETS}?watch=true&resourceVersion=0&allowWatchBookmarks=true&fieldSelector=metadata.name%3Dfs-b`,
    );
    const added = await w.next();
    expect(added?.object.metadata.name).toBe('fs-b');
    const bookmark = await w.next();
    expect(bookmark?.type).toBe('BOOKMARK');
    expect(bookmark?.object).toMatchObject({ kind: 'Widget', apiVersion: 'example.com/v1' });
    expect(Number(bookmark?.object.metadata.resourceVersion)).toBeGreaterThan(0);
    w.close();
  });

  it('ends the stream cleanly after timeoutSeconds', async () => {
    const w = await openWatch(
      sb,
      `${WIDGETS}?watch=true&resourceVersion=${sb.store.resourceVersion()}&timeoutSeconds=1`,
    );
    expect(await w.next()).toBeUndefined();
  });

  it('streams one-row Tables when a Table is requested', async () => {
    await http(sb, 'POST', WIDGETS, widget('tbl', { size: 8 }));
    const w = await openWatch(sb, `${WIDGETS}?watch=true&fieldSelector=metadata.name%3Dtbl`, {
      accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
    });
    const e = await w.next();
    expect(e?.object.kind).toBe('Table');
    expect(e?.object.rows[0].cells.slice(0, 2)).toEqual(['tbl', 8]);
    w.close();
  });

  it('answers 400 before streaming for a bad selector', async () => {
    const r = await http(sb, 'GET', `${WIDGETS}?watch=true&labelSelector=a%20in%20(b`);
    expect(r.status).toBe(400);
  });
});

describe('client-node', () => {
  function client(): { kc: k8s.KubeConfig; co: k8s.CustomObjectsApi } {
    const kc = new k8s.KubeConfig();
    kc.loadFromString(sb.kubeconfig());
    return { kc, co: kc.makeApiClient(k8s.CustomObjectsApi) };
  }

  function until(pred: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const tick = (): void => (pred() ? resolve() : void setTimeout(tick, 5));
      tick();
    });
  }

  it('keeps an informer in sync through a 410 (compaction) and a dropped connection', async () => {
    const ns = 'informer';
    await http(sb, 'POST', '/api/v1/namespaces', { metadata: { name: ns } });
    const path = `/apis/example.com/v1/namespaces/${ns}/widgets`;
    await http(sb, 'POST', path, widget('keep'));
    await http(sb, 'POST', path, widget('vanish'));
    const { kc, co } = client();
    const informer = k8s.makeInformer<StoredObject & k8s.KubernetesObject>(
      kc,
      path,
      () =>
        co.listNamespacedCustomObject({
          group: 'example.com',
          version: 'v1',
          namespace: ns,
          plural: 'widgets',
        }) as never,
    );
    const seen: string[] = [];
    const errors: unknown[] = [];
    informer.on('add', (o) => seen.push(`add:${o.metadata?.name}`));
    informer.on('update', (o) => seen.push(`update:${o.metadata?.name}`));
    informer.on('delete', (o) => seen.push(`delete:${o.metadata?.name}`));
    informer.on('error', (e) => errors.push(e));
    await informer.start();
    await until(() => seen.length >= 2);
    expect(seen.sort()).toEqual(['add:keep', 'add:vanish']);

    // Live events.
    await co.patchNamespacedCustomObject(
      {
        group: 'example.com',
        version: 'v1',
        namespace: ns,
        plural: 'widgets',
        name: 'keep',
        body: { spec: { size: 2 } },
      },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    await until(() => seen.includes('update:keep'));

    // 410: changes happen while the watch is down and history is compacted; the informer relists.
    // All synchronous, so the informer's re-watch can only arrive afterwards, from a compacted RV.
    const logMark = sb.requests.length;
    sb.faults.endWatches();
    sb.store.delete('example.com/v1', 'Widget', 'vanish', ns);
    sb.store.create({ ...widget('fresh'), metadata: { name: 'fresh', namespace: ns } });
    sb.faults.compact();
    await until(() => seen.includes('delete:vanish') && seen.includes('add:fresh'));
    expect(errors).toEqual([]);
    const after = sb.requests.slice(logMark).filter((r) => r.path === path);
    expect(after.some((r) => !r.query.includes('watch'))).toBe(true); // the relist
    expect(
      informer
        .list(ns)
        .map((o) => o.metadata?.name)
        .sort(),
    ).toEqual(['fresh', 'keep']);

    // Dropped connection: client-node stops with an error; restarting resumes from its last RV.
    // Wait for the informer's new watch to reach the server (the log entry is written as it registers).
    await until(
      () =>
        sb.requests.slice(logMark).filter((r) => r.path === path && r.query.includes('watch=true')).length >=
        2,
    );
    sb.faults.dropWatches();
    await until(() => errors.length > 0);
    expect((errors[0] as { code?: string }).code).toBe('ERR_STREAM_PREMATURE_CLOSE');
    await http(sb, 'POST', path, widget('after-drop'));
    await informer.start();
    await until(() => seen.includes('add:after-drop'));
    expect(
      informer
        .list(ns)
        .map((o) => o.metadata?.name)
        .sort(),
    ).toEqual(['after-drop', 'fresh', 'keep']);
    await informer.stop();
  });

  it('reads, creates, replaces and deletes through the typed APIs', async () => {
    const { kc } = client();
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const cm = await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'typed' }, data: { a: '1' } },
    });
    expect(cm.metadata?.resourceVersion).toBeDefined();
    const stale = { ...cm, data: { a: '2' } };
    await core.replaceNamespacedConfigMap({ name: 'typed', namespace: 'default', body: stale });
    const err = await core
      .replaceNamespacedConfigMap({ name: 'typed', namespace: 'default', body: stale })
      .catch((e: unknown) => e);
    expect((err as { code?: number }).code).toBe(409);
    expect(JSON.parse((err as { body: string }).body).reason).toBe('Conflict');
    const leases = kc.makeApiClient(k8s.CoordinationV1Api);
    const lease = await leases.createNamespacedLease({
      namespace: 'default',
      body: { metadata: { name: 'lock' }, spec: { holderIdentity: 'me' } },
    });
    expect(lease.spec?.holderIdentity).toBe('me');
    await core.deleteNamespacedConfigMap({ name: 'typed', namespace: 'default' });
    expect(
      (await core.listNamespacedConfigMap({ namespace: 'default' })).items.map((i) => i.metadata?.name),
    ).not.toContain('typed');
  });
});
