// Issue 11 point 9: a page in a browser (foreign Origin) or a DNS-rebinding name (foreign Host)
// must not read or write the sandbox; programs on this machine keep working.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from './types.js';
import { WIDGETS, http, widget, widgetSandbox } from './test-support/fixtures.js';

let sb: Sandbox;
beforeAll(async () => {
  sb = await widgetSandbox();
});
afterAll(async () => {
  await sb.close();
});

/** A raw request with exactly these headers (fetch would not let us set Host). */
function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: { message?: string } }> {
  const url = new URL(sb.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method, path, headers, setHost: false },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || '{}') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const port = (): string => new URL(sb.url).port;

describe('sandbox exposure', () => {
  it.each([
    ['a DNS-rebinding name', { host: 'attacker.example' }],
    ['a rebinding name with the port', { host: 'attacker.example:PORT' }],
    ['a LAN address', { host: '192.168.1.20:PORT' }],
  ])('refuses a write addressed to %s (403, nothing stored)', async (_what, headers) => {
    const res = await raw(
      'POST',
      WIDGETS,
      { host: headers.host.replace('PORT', port()) },
      JSON.stringify(widget('rebound')),
    );
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/is not a loopback address/);
    expect((await http(sb, 'GET', `${WIDGETS}/rebound`)).status).toBe(404);
  });

  it('refuses reads addressed to a foreign Host too (Secrets must not leak)', async () => {
    const res = await raw('GET', '/api/v1/secrets', { host: 'attacker.example' });
    expect(res.status).toBe(403);
  });

  it.each([['http://attacker.example'], ['null'], ['http://127.0.0.1:PORT']])(
    'refuses a POST without Content-Type from a web page (Origin %s)',
    async (origin) => {
      const res = await raw(
        'POST',
        WIDGETS,
        { host: `127.0.0.1:${port()}`, origin: origin.replace('PORT', port()) },
        JSON.stringify(widget('from-page')),
      );
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/web pages/);
      expect((await http(sb, 'GET', `${WIDGETS}/from-page`)).status).toBe(404);
    },
  );

  it.each([['127.0.0.1'], ['localhost'], ['[::1]'], ['127.0.0.1:PORT'], ['localhost:PORT']])(
    'serves programs on this machine (Host %s)',
    async (host) => {
      const name = `ok-${host.toLowerCase().replace(/[^a-z0-9]/g, '')}`;
      const res = await raw(
        'POST',
        WIDGETS,
        { host: host.replace('PORT', port()), 'content-type': 'application/json' },
        JSON.stringify(widget(name)),
      );
      expect(res.status).toBe(201);
    },
  );
});
