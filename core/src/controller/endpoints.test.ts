import { afterEach, describe, expect, it } from 'vitest';
import { metricsHandler, probeHandler } from './endpoints.js';
import { type HttpEndpoint, serveHttp } from './listen.js';
import { ControllerMetrics } from './metrics.js';

const open: HttpEndpoint[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
});
const serve = async (h: Parameters<typeof serveHttp>[1]) => {
  const ep = await serveHttp({ host: '127.0.0.1', port: 0 }, h);
  open.push(ep);
  return `http://${ep.address}`;
};

describe('probe endpoints', () => {
  it('answer 200 when the state is ok and 503 with the reason otherwise', async () => {
    let ready = false;
    const url = await serve(
      probeHandler({
        healthy: () => ({ ok: true }),
        ready: () =>
          ready ? { ok: true } : { ok: false, reason: 'waiting for the first list of every informer' },
      }),
    );
    const healthz = await fetch(`${url}/healthz`);
    expect([healthz.status, await healthz.text()]).toEqual([200, 'ok\n']);
    const notReady = await fetch(`${url}/readyz`);
    expect([notReady.status, await notReady.text()]).toEqual([
      503,
      'waiting for the first list of every informer\n',
    ]);
    ready = true;
    expect((await fetch(`${url}/readyz?verbose`)).status).toBe(200);
    expect((await fetch(`${url}/nope`)).status).toBe(404);
  });
});

describe('metrics endpoint', () => {
  it('serves the Prometheus text format at /metrics only', async () => {
    const url = await serve(metricsHandler(new ControllerMetrics({ processMetrics: false }).registry));
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await res.text()).toContain('# TYPE kuberik_leases_held gauge');
    expect((await fetch(`${url}/`)).status).toBe(404);
  });
});
