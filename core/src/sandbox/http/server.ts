// The HTTP front: request log, injected faults, identity, and "never crash" error handling.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Identities } from '../rbac.js';
import type { RequestLogEntry } from '../types.js';
import { refusal } from './guard.js';
import { handle } from './handlers.js';
import type { HandlerDeps } from './handlers.js';
import { sendError, sendJson } from './respond.js';
import { parseRoute } from './router.js';
import { ApiError, reasonForCode } from './status.js';

interface PendingFault {
  remaining: number;
  code: number;
  match?: (method: string, path: string) => boolean;
}

export class HttpFront {
  readonly server: Server;
  readonly requests: RequestLogEntry[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly faults: PendingFault[] = [];
  private latencyMs = 0;

  constructor(
    private readonly deps: HandlerDeps,
    private readonly identities: Identities,
    private readonly logSize: number,
    /** Resolves once every write so far is on disk (`--data`); writes are answered only after it. */
    private readonly durable?: () => Promise<void>,
  ) {
    this.server = createServer({ keepAlive: true }, (req, res) => {
      this.onRequest(req, res).catch((err: unknown) => sendError(res, err));
    });
    this.server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
      // A client that vanishes mid-request must not take the process down.
      s.on('error', () => undefined);
    });
    this.server.on('clientError', (_err, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
  }

  failNext(
    count: number,
    opts: { code?: number; match?: (method: string, path: string) => boolean } = {},
  ): void {
    this.faults.push({
      remaining: count,
      code: opts.code ?? 500,
      ...(opts.match ? { match: opts.match } : {}),
    });
  }

  delay(ms: number): void {
    this.latencyMs = Math.max(0, ms);
  }

  private takeFault(method: string, path: string): PendingFault | undefined {
    for (const f of this.faults) {
      if (f.remaining > 0 && (!f.match || f.match(method, path))) {
        f.remaining--;
        if (f.remaining === 0) this.faults.splice(this.faults.indexOf(f), 1);
        return f;
      }
    }
    return undefined;
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const method = req.method ?? 'GET';
    const entry: RequestLogEntry = {
      method,
      path: url.pathname,
      query: url.search.replace(/^\?/, ''),
      status: 0,
    };
    if (req.headers.accept) entry.accept = req.headers.accept;
    if (req.headers['content-type']) entry.contentType = req.headers['content-type'];
    this.requests.push(entry);
    if (this.requests.length > this.logSize) this.requests.splice(0, this.requests.length - this.logSize);
    const record = (): void => {
      entry.status = res.statusCode;
    };
    res.on('finish', record);
    res.on('close', record);
    const refused = refusal(req.headers, () => this.address());
    if (refused) {
      req.resume();
      return sendJson(res, 403, new ApiError(403, 'Forbidden', refused).toStatus());
    }
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    const fault = this.takeFault(method, url.pathname);
    if (fault) {
      req.resume();
      const e = new ApiError(fault.code, reasonForCode(fault.code), `injected fault (${fault.code})`);
      return sendJson(res, fault.code, e.toStatus());
    }
    if (this.durable && method !== 'GET' && method !== 'HEAD') this.ackWhenDurable(res);
    try {
      let user = this.identities.resolve(req.headers.authorization);
      const as = req.headers['impersonate-user'];
      if (typeof as === 'string' && as) {
        const raw = req.headers['impersonate-group'];
        const groups = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
        user = this.identities.impersonate(user, as, groups);
      }
      await handle(this.deps, parseRoute(url.pathname), req, res, url, user);
    } catch (err) {
      req.resume();
      sendError(res, err);
    }
  }

  /** Holds the answer to a write until the journal synced it: an acknowledged write survives a crash. */
  private ackWhenDurable(res: ServerResponse): void {
    const durable = this.durable as () => Promise<void>;
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      durable().then(
        () => end(...args),
        (e: unknown) => {
          process.stderr.write(`sandbox: ${(e as Error).message}\n`);
          res.destroy(e as Error);
        },
      );
      return res;
    }) as ServerResponse['end'];
  }

  listen(port: number, host: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  address(): { host: string; port: number } {
    const a = this.server.address();
    if (!a || typeof a === 'string') throw new Error('sandbox server is not listening');
    return { host: a.address, port: a.port };
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeIdleConnections();
      // Give in-flight responses a moment, then cut whatever is left (e.g. idle keep-alive sockets).
      setTimeout(() => {
        for (const s of this.sockets) s.destroy();
      }, 100).unref();
    });
  }
}
