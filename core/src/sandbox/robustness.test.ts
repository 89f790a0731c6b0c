import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from './types.js';
import { WIDGETS, http, mergePatch, openWatch, widget, widgetSandbox } from './test-support/fixtures.js';

let clockBroken = false;
let sb: Sandbox;
beforeAll(async () => {
  sb = await widgetSandbox({
    now: () => {
      if (clockBroken) throw new Error('clock exploded');
      return new Date();
    },
  });
});
afterAll(() => sb.close());

function rawRequest(text: string, destroyAfterWrite: boolean): Promise<string> {
  const { port } = new URL(sb.url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(text);
      if (destroyAfterWrite) {
        socket.destroy();
        resolve('');
      }
    });
    let out = '';
    socket.on('data', (d) => (out += d.toString()));
    socket.on('close', () => resolve(out));
    socket.on('error', () => resolve(out));
  });
}

const healthy = async () => (await http(sb, 'GET', '/version')).status;

describe('never crash', () => {
  it('answers malformed JSON with 400 Status', async () => {
    const r = await http(sb, 'POST', WIDGETS, '{"metadata": {"name": ', {
      'content-type': 'application/json',
    });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'BadRequest' });
    const notObject = await http(sb, 'POST', WIDGETS, '[1,2]', { 'content-type': 'application/json' });
    expect(notObject.status).toBe(400);
  });

  it('answers unknown content types with 415', async () => {
    const r = await http(sb, 'POST', WIDGETS, 'a=b', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(r.status).toBe(415);
    expect(r.body.reason).toBe('UnsupportedMediaType');
    const patch = await http(sb, 'PATCH', `${WIDGETS}/x`, '{}', { 'content-type': 'text/plain' });
    expect([404, 415]).toContain(patch.status);
    await http(sb, 'POST', WIDGETS, widget('ct'));
    expect((await http(sb, 'PATCH', `${WIDGETS}/ct`, '{}', { 'content-type': 'text/plain' })).status).toBe(
      415,
    );
  });

  it('survives a client that disconnects mid-body', async () => {
    const head = `POST ${WIDGETS} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"metadata":`;
    await rawRequest(head, true);
    expect(await healthy()).toBe(200);
  });

  it('survives garbage on the socket', async () => {
    const out = await rawRequest('NOT HTTP AT ALL\r\n\r\n', false);
    expect(out).toContain('400');
    expect(await healthy()).toBe(200);
  });

  it('survives a watcher that vanishes, and keeps serving other watchers', async () => {
    const { port } = new URL(sb.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    socket.write(`GET ${WIDGETS}?watch=true HTTP/1.1\r\nHost: x\r\n\r\n`);
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.destroy();
    const other = await openWatch(sb, `${WIDGETS}?watch=true&resourceVersion=${sb.store.resourceVersion()}`);
    await http(sb, 'POST', WIDGETS, widget('after-vanish'));
    expect((await other.next())?.object.metadata.name).toBe('after-vanish');
    other.close();
  });

  it('turns a handler exception into a 500 Status and keeps serving', async () => {
    clockBroken = true;
    try {
      const r = await http(sb, 'POST', WIDGETS, widget('boom'));
      expect(r.status).toBe(500);
      expect(r.body).toMatchObject({ kind: 'Status', reason: 'InternalError', code: 500 });
      expect(r.body.message).toContain('clock exploded');
    } finally {
      clockBroken = false;
    }
    expect(await healthy()).toBe(200);
  });
});

describe('faults', () => {
  it('fails the next matching requests with the given code', async () => {
    sb.faults.failNext(2, { code: 503, match: (m, p) => m === 'GET' && p.endsWith('/widgets') });
    expect((await http(sb, 'GET', '/version')).status).toBe(200);
    const a = await http(sb, 'GET', WIDGETS);
    expect(a.status).toBe(503);
    expect(a.body).toMatchObject({ kind: 'Status', reason: 'ServiceUnavailable' });
    expect((await http(sb, 'GET', WIDGETS)).status).toBe(503);
    expect((await http(sb, 'GET', WIDGETS)).status).toBe(200);
  });

  it('holds responses back while a delay is set, and answers at once after delay(0)', async () => {
    const get = (socket: { destroy(): void }[] = []) =>
      new Promise<string>((resolve) => {
        const { port } = new URL(sb.url);
        const s = connect(Number(port), '127.0.0.1', () =>
          s.write('GET /version HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'),
        );
        socket.push(s);
        let out = '';
        s.on('data', (d) => (out += d.toString()));
        s.on('close', () => resolve(out));
        s.on('error', () => resolve(out));
      });
    sb.faults.delay(600_000);
    const held: { destroy(): void }[] = [];
    let answered = '';
    void get(held).then((r) => (answered = r || 'closed'));
    // Ten minutes of delay against a one-second look: no machine is slow enough to blur that.
    await new Promise((r) => setTimeout(r, 1000));
    expect(answered).toBe('');
    held[0]?.destroy();
    sb.faults.delay(0);
    expect(await get()).toMatch(/^HTTP\/1.1 200/);
  });

  it('logs requests with method, path, query, content type and status', async () => {
    await http(sb, 'PATCH', `${WIDGETS}/nothing?fieldManager=me`, { a: 1 }, mergePatch);
    const last = sb.requests.at(-1);
    expect(last).toMatchObject({
      method: 'PATCH',
      path: `${WIDGETS}/nothing`,
      query: 'fieldManager=me',
      contentType: 'application/merge-patch+json',
      status: 404,
    });
  });
});
