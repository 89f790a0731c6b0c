// The server `npm run bench -- sandbox` measures its list/watch figures against: the sandbox
// (plain HTTP on loopback) or the real kube-apiserver + etcd of docs/real-cluster.md (HTTPS with
// the test CA and the admin token), started the same way bench/controller-backend.ts starts it.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { startSandbox } from '@kuberik/core/sandbox';
import { ADMIN_TOKEN, startRealCluster } from '../test/src/support/real-cluster.js';

export type TargetName = 'sandbox' | 'real';

export interface BenchTarget {
  name: TargetName;
  send(
    method: string,
    path: string,
    body?: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; text: string }>;
  /** Opens a streaming GET (a watch); resolves when the response headers arrived. */
  stream(path: string, onData: (chunk: Buffer) => void): Promise<{ destroy(): void }>;
  close(): Promise<void>;
}

/** Starts the named server with `crds` installed (and Established), and `watchHistory` for the sandbox. */
export async function startTarget(
  name: TargetName,
  crds: object[],
  watchHistory: number,
): Promise<BenchTarget> {
  if (name === 'sandbox') {
    const sb = await startSandbox({ crds, watchHistory });
    return httpTarget('sandbox', sb.url, {}, () => sb.close());
  }
  const cluster = await startRealCluster({
    installCrds: false,
    log: (l) => process.stderr.write(`real cluster: ${l}\n`),
  });
  const t = httpTarget('real', cluster.url, { ca: cluster.ca, token: ADMIN_TOKEN }, () => cluster.close());
  for (const crd of crds) {
    const res = await t.send(
      'POST',
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
      JSON.stringify(crd),
    );
    if (res.status !== 201) throw new Error(`installing the bench CRD: ${res.status} ${res.text}`);
    const crdName = (crd as { metadata: { name: string } }).metadata.name;
    for (;;) {
      const got = await t.send('GET', `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crdName}`);
      if (/"type":"Established","status":"True"/.test(got.text)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return t;
}

function httpTarget(
  name: TargetName,
  base: string,
  tls: { ca?: string; token?: string },
  close: () => Promise<void>,
): BenchTarget {
  const url = new URL(base);
  const secure = url.protocol === 'https:';
  const request = secure ? httpsRequest : httpRequest;
  const pooled = secure
    ? new HttpsAgent({ keepAlive: true, maxSockets: 32, ...(tls.ca ? { ca: tls.ca } : {}) })
    : new HttpAgent({ keepAlive: true, maxSockets: 32 });
  const watchAgent = secure
    ? new HttpsAgent({ keepAlive: false, maxSockets: Infinity, ...(tls.ca ? { ca: tls.ca } : {}) })
    : new HttpAgent({ keepAlive: false, maxSockets: Infinity });
  const auth: Record<string, string> = tls.token ? { authorization: `Bearer ${tls.token}` } : {};
  const options = (method: string, path: string, agent: HttpAgent, headers: Record<string, string>) => ({
    host: url.hostname,
    port: url.port,
    method,
    path,
    agent,
    headers: { ...auth, ...headers },
  });
  return {
    name,
    send: (method, path, body, headers = {}) =>
      new Promise((resolve, reject) => {
        const h = {
          ...(body
            ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }
            : {}),
          ...headers,
        };
        const req = request(options(method, path, pooled, h), (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
          );
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      }),
    stream: (path, onData) =>
      new Promise((resolve, reject) => {
        const req = request(options('GET', path, watchAgent, {}), (res: IncomingMessage) => {
          res.on('data', onData);
          res.on('error', () => undefined);
          resolve({ destroy: () => req.destroy() });
        });
        req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
        req.end();
      }),
    close: async () => {
      pooled.destroy();
      watchAgent.destroy();
      await close();
    },
  };
}
