// /healthz, /readyz and /metrics on node:http. The kubelet restarts the Pod when /healthz fails
// and takes it out of Service endpoints while /readyz fails; Prometheus scrapes /metrics.
import type http from 'node:http';
import type { Registry } from 'prom-client';

export interface ProbeState {
  /** Process alive and its informers not stopped for good. */
  healthy(): { ok: boolean; reason?: string };
  /** The first list of every informer arrived. */
  ready(): { ok: boolean; reason?: string };
}

export function probeHandler(state: ProbeState): http.RequestListener {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const check =
      path === '/healthz' || path === '/livez'
        ? state.healthy()
        : path === '/readyz'
          ? state.ready()
          : undefined;
    if (!check) return text(res, 404, 'not found: try /healthz or /readyz\n');
    return text(res, check.ok ? 200 : 503, check.ok ? 'ok\n' : `${check.reason ?? 'not ready'}\n`);
  };
}

export function metricsHandler(registry: Registry): http.RequestListener {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path !== '/metrics') return text(res, 404, 'not found: metrics are at /metrics\n');
    registry.metrics().then(
      (body) => {
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(body);
      },
      (e: unknown) =>
        text(res, 500, `cannot collect metrics: ${e instanceof Error ? e.message : String(e)}\n`),
    );
  };
}

function text(res: http.ServerResponse, code: number, body: string): void {
  res.writeHead(code, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
}
