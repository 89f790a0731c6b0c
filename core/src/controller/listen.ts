// `--metrics-addr :8080` / `--health-addr 127.0.0.1:8081`, the controller-runtime convention.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ListenAddress {
  /** Undefined means every interface (what a Pod needs for kubelet probes and Prometheus). */
  host?: string;
  port: number;
}

/** Parses `:8080`, `0.0.0.0:8080`, `[::1]:8080` or `8080`. `0` (or `:0`) picks a free port. */
export function parseListenAddress(text: string, flag = 'address'): ListenAddress {
  const m = /^(?:(\[[0-9a-fA-F:.]+\]|[^:[\]]*):)?(\d{1,5})$/.exec(text.trim());
  const port = m ? Number(m[2]) : NaN;
  if (!m || !(port >= 0 && port <= 65535)) {
    throw new Error(`invalid ${flag} "${text}": expected [host]:port, e.g. :8080 or 127.0.0.1:8080`);
  }
  const host = m[1]?.replace(/^\[|\]$/g, '');
  return host ? { host, port } : { port };
}

/**
 * The address used when no flag names one: every interface in a Pod (the kubelet probes it and
 * Prometheus scrapes it from outside), loopback anywhere else (a laptop must not expose them).
 */
export function defaultListenAddress(port: number, env: NodeJS.ProcessEnv = process.env): string {
  return env.KUBERNETES_SERVICE_HOST ? `:${port}` : `127.0.0.1:${port}`;
}

export interface HttpEndpoint {
  /** The bound address as `host:port`, useful when port 0 was asked for. */
  address: string;
  port: number;
  close(): Promise<void>;
}

export async function serveHttp(addr: ListenAddress, handler: http.RequestListener): Promise<HttpEndpoint> {
  const server = http.createServer(handler);
  // Probes and scrapes are short; do not let an idle keep-alive connection delay shutdown.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(addr.port, addr.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  return {
    address: `${host}:${bound.port}`,
    port: bound.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
