import { describe, expect, it } from 'vitest';
import { defaultListenAddress, parseListenAddress, serveHttp } from './listen.js';

describe('parseListenAddress', () => {
  it.each([
    [':8080', { port: 8080 }],
    ['8081', { port: 8081 }],
    ['0.0.0.0:9090', { host: '0.0.0.0', port: 9090 }],
    ['127.0.0.1:0', { host: '127.0.0.1', port: 0 }],
    ['[::1]:8080', { host: '::1', port: 8080 }],
  ])('reads %s', (text, want) => {
    expect(parseListenAddress(text)).toEqual(want);
  });

  it.each(['', 'localhost', ':http', ':70000', '1.2.3.4:'])(
    'refuses %j with a message naming the flag',
    (text) => {
      expect(() => parseListenAddress(text, '--metrics-addr')).toThrow(
        /invalid --metrics-addr .*e\.g\. :8080/,
      );
    },
  );
});

describe('defaultListenAddress', () => {
  it('listens on loopback only outside a cluster (a laptop must not expose metrics and probes)', () => {
    expect(parseListenAddress(defaultListenAddress(8080, {}))).toEqual({ host: '127.0.0.1', port: 8080 });
  });
  it('listens on every interface in a Pod, where the kubelet and Prometheus reach it', () => {
    expect(parseListenAddress(defaultListenAddress(8081, { KUBERNETES_SERVICE_HOST: '10.0.0.1' }))).toEqual({
      port: 8081,
    });
  });
});

describe('serveHttp', () => {
  it('binds port 0 to a free port and reports it', async () => {
    const ep = await serveHttp({ host: '127.0.0.1', port: 0 }, (_req, res) => res.end('hi'));
    try {
      expect(ep.port).toBeGreaterThan(0);
      expect(await (await fetch(`http://${ep.address}/`)).text()).toBe('hi');
    } finally {
      await ep.close();
    }
  });

  it('fails clearly when the port is taken', async () => {
    const first = await serveHttp({ host: '127.0.0.1', port: 0 }, (_req, res) => res.end());
    try {
      await expect(serveHttp({ host: '127.0.0.1', port: first.port }, () => undefined)).rejects.toThrow(
        /EADDRINUSE/,
      );
    } finally {
      await first.close();
    }
  });
});
