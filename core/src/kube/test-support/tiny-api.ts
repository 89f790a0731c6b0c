// A deliberately tiny API server for unit tests of the kube layer: one collection of ConfigMap-like
// objects under a kind we know (rolloutgates), with scripted failures. The real fixture for
// integration tests is core/src/sandbox.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TinyApi {
  url: string;
  kubeconfig(): string;
  objects: Map<string, Record<string, unknown>>;
  /** Next n requests matching `match` answer `code`. */
  failNext(n: number, code: number, match?: (req: http.IncomingMessage) => boolean): void;
  /** Ends every open watch abruptly (socket destroy). */
  dropWatches(): void;
  /** Answers the next watch with an in-stream 410 ERROR. */
  expireNextWatch(): void;
  put(name: string, spec: Record<string, unknown>): void;
  requests: string[];
  close(): Promise<void>;
}

/** `seed`: objects present from the start (a restarted server with a lower resourceVersion). */
export async function startTinyApi(
  port = 0,
  seed: Record<string, Record<string, unknown>> = {},
): Promise<TinyApi> {
  let rv = 1;
  const objects = new Map<string, Record<string, unknown>>();
  for (const [name, spec] of Object.entries(seed)) {
    objects.set(name, {
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'RolloutGate',
      metadata: { name, namespace: 'prod', resourceVersion: '1' },
      spec,
    });
  }
  const watchers = new Set<http.ServerResponse>();
  const fails: Array<{ n: number; code: number; match?: (r: http.IncomingMessage) => boolean }> = [];
  let expire = false;
  const requests: string[] = [];
  const log: Array<{ rv: number; line: string }> = [];
  const base = '/apis/kuberik.com/v1alpha1/namespaces/prod/rolloutgates';

  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const f = fails.find((x) => x.n > 0 && (!x.match || x.match(req)));
    if (f) {
      f.n--;
      res.writeHead(f.code, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'Status',
          status: 'Failure',
          code: f.code,
          reason: 'InternalError',
          message: 'scripted failure',
        }),
      );
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname === base && url.searchParams.get('watch')) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      const since = Number(url.searchParams.get('resourceVersion') ?? '0');
      if (expire || since > rv) {
        expire = false;
        res.end(
          `${JSON.stringify({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' } })}\n`,
        );
        return;
      }
      for (const e of log) if (e.rv > since) res.write(e.line);
      watchers.add(res);
      res.on('close', () => watchers.delete(res));
      return;
    }
    if (req.method === 'GET' && url.pathname === base) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'RolloutGateList',
          metadata: { resourceVersion: String(rv) },
          items: [...objects.values()],
        }),
      );
      return;
    }
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end(
      JSON.stringify({
        kind: 'Status',
        code: 404,
        reason: 'NotFound',
        message: 'the server could not find the requested resource',
      }),
    );
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    objects,
    requests,
    kubeconfig: () =>
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [{ name: 'tiny', cluster: { server: url, 'insecure-skip-tls-verify': true } }],
        users: [{ name: 'tester', user: { token: 't' } }],
        contexts: [{ name: 'tiny', context: { cluster: 'tiny', user: 'tester', namespace: 'prod' } }],
        'current-context': 'tiny',
      }),
    failNext: (n, code, match) => void fails.push({ n, code, match }),
    dropWatches: () => {
      for (const w of watchers) w.socket?.destroy();
    },
    expireNextWatch: () => {
      expire = true;
      for (const w of watchers) w.end();
    },
    put(name, spec) {
      const obj = {
        apiVersion: 'kuberik.com/v1alpha1',
        kind: 'RolloutGate',
        metadata: { name, namespace: 'prod', resourceVersion: String(++rv) },
        spec,
      };
      const type = objects.has(name) ? 'MODIFIED' : 'ADDED';
      objects.set(name, obj);
      const line = `${JSON.stringify({ type, object: obj })}\n`;
      log.push({ rv, line });
      for (const w of watchers) w.write(line);
    },
    close: () =>
      new Promise<void>((r) => {
        for (const w of watchers) w.socket?.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
