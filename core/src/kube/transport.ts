// HTTP to the API server. client-node supplies the kubeconfig-derived TLS material and auth headers
// (certs, tokens, exec plugins); the requests themselves go through node:http(s) with one keep-alive
// agent, so every content type, subresource and watch parameter is under our control.
import http from 'node:http';
import https from 'node:https';
import type { LoadedKubeConfig } from './config.js';

/** A non-2xx answer; `status` is the parsed Kubernetes Status when the body was one. */
export class HttpError extends Error {
  constructor(
    readonly code: number,
    readonly status: { reason?: string; message?: string; details?: unknown } | undefined,
    readonly method: string,
    readonly path: string,
  ) {
    super(status?.message ?? `HTTP ${code}`);
  }
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  /** Retries on 5xx/429/network errors (default 2). */
  retries?: number;
}

export interface WatchHandle {
  abort(): void;
}

export interface TransportStats {
  requests: number;
  byVerb: Record<string, number>;
  /** Non-2xx answers by HTTP status (409s, 5xx …). */
  failures: Record<string, number>;
}

interface Prepared {
  headers: Record<string, string>;
  agent: http.Agent;
  at: number;
}

const HEADER_TTL_MS = 30_000;
/** Per request, kubectl-style (--request-timeout); 0 means none. A timed-out request is not retried. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** The error of a request the server did not answer in time; mapError names server, verb and limit. */
export const timedOut = (timeoutMs: number): Error =>
  Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT', timeoutMs });

export class Transport {
  readonly stats: TransportStats = { requests: 0, byVerb: {}, failures: {} };
  private prepared?: Prepared;
  private readonly agents = new Set<http.Agent>();
  private readonly base: URL;
  private readonly timeoutMs: number;

  constructor(private readonly config: LoadedKubeConfig) {
    this.base = new URL(config.server);
    this.timeoutMs = config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  get server(): string {
    return this.config.server;
  }

  private async prepare(): Promise<Prepared> {
    const now = Date.now();
    if (this.prepared && now - this.prepared.at < HEADER_TTL_MS) return this.prepared;
    const opts: https.RequestOptions = { headers: {} };
    await this.config.kc.applyToHTTPSOptions(opts);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(opts.headers ?? {})) {
      if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : String(v);
    }
    if (opts.auth) headers.Authorization = `Basic ${Buffer.from(opts.auth).toString('base64')}`;
    let agent = this.prepared?.agent;
    if (!agent) {
      const tls = {
        ca: opts.ca,
        cert: opts.cert,
        key: opts.key,
        rejectUnauthorized: opts.rejectUnauthorized,
      };
      agent =
        this.base.protocol === 'http:'
          ? new http.Agent({ keepAlive: true })
          : new https.Agent({ keepAlive: true, servername: opts.servername, ...tls });
      this.agents.add(agent);
    }
    // client-node made an agent we do not use; drop its sockets (it has none yet).
    (opts.agent as http.Agent | undefined)?.destroy?.();
    this.prepared = { headers, agent, at: now };
    return this.prepared;
  }

  private url(path: string, query?: RequestOptions['query']): URL {
    const u = new URL(this.base.pathname.replace(/\/$/, '') + path, this.base);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    return u;
  }

  private count(verb: string): void {
    this.stats.requests++;
    this.stats.byVerb[verb] = (this.stats.byVerb[verb] ?? 0) + 1;
  }

  async request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const retries = opts.retries ?? 2;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once<T>(method, path, opts);
      } catch (e) {
        const retriable =
          e instanceof HttpError
            ? e.code >= 500 || e.code === 429
            : isNetworkError(e) && (e as { code: string }).code !== 'ETIMEDOUT';
        if (!retriable || attempt >= retries) throw e;
        await sleep(50 * 4 ** attempt);
      }
    }
  }

  private async once<T>(method: string, path: string, opts: RequestOptions): Promise<T> {
    const { headers, agent } = await this.prepare();
    this.count(method);
    const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const u = this.url(path, opts.query);
    return new Promise<T>((resolve, reject) => {
      const req = (u.protocol === 'http:' ? http : https).request(
        u,
        {
          method,
          agent,
          headers: {
            ...headers,
            Accept: 'application/json',
            ...(body !== undefined
              ? {
                  'Content-Type': opts.contentType ?? 'application/json',
                  'Content-Length': Buffer.byteLength(body),
                }
              : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const code = res.statusCode ?? 0;
            let json: unknown;
            try {
              json = text ? JSON.parse(text) : undefined;
            } catch {
              json = undefined;
            }
            if (code >= 200 && code < 300) resolve(json as T);
            else {
              this.stats.failures[code] = (this.stats.failures[code] ?? 0) + 1;
              const status =
                json && typeof json === 'object' && (json as { kind?: string }).kind === 'Status'
                  ? (json as HttpError['status'])
                  : { message: text.trim().split('\n')[0] || `HTTP ${code}` };
              reject(new HttpError(code, status, method, path));
            }
          });
        },
      );
      // The whole exchange, not socket idleness: a server that trickles bytes must not hang us either.
      const timer =
        this.timeoutMs > 0
          ? setTimeout(() => req.destroy(timedOut(this.timeoutMs)), this.timeoutMs)
          : undefined;
      req.on('close', () => clearTimeout(timer));
      req.on('error', reject);
      req.end(body);
    });
  }

  /**
   * Streams a watch: `onEvent` per JSON line, `onEnd(err?)` exactly once — undefined on a clean
   * server close, an HttpError for a non-200 answer, a network error otherwise.
   */
  async watch(
    path: string,
    query: RequestOptions['query'],
    onEvent: (ev: { type: string; object: unknown }) => void,
    onEnd: (err?: unknown) => void,
  ): Promise<WatchHandle> {
    const { headers, agent } = await this.prepare();
    this.count('WATCH');
    const u = this.url(path, { ...query, watch: 1 });
    let ended = false;
    const end = (err?: unknown): void => {
      if (ended) return;
      ended = true;
      onEnd(err);
    };
    // Until the response starts; after that a watch may stay quiet for as long as nothing changes.
    let answered: NodeJS.Timeout | undefined;
    const req = (u.protocol === 'http:' ? http : https).request(
      u,
      { method: 'GET', agent, headers: { ...headers, Accept: 'application/json' } },
      (res) => {
        clearTimeout(answered);
        const code = res.statusCode ?? 0;
        if (code !== 200) {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            let status: HttpError['status'];
            try {
              status = JSON.parse(Buffer.concat(chunks).toString('utf8')) as HttpError['status'];
            } catch {
              status = undefined;
            }
            end(new HttpError(code, status, 'WATCH', path));
          });
          res.on('error', end);
          return;
        }
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buf += chunk;
          let nl: number;
          while ((nl = buf.indexOf('\n')) >= 0) {
            const line = buf.slice(0, nl).trim();
            buf = buf.slice(nl + 1);
            if (!line) continue;
            try {
              onEvent(JSON.parse(line) as { type: string; object: unknown });
            } catch (e) {
              req.destroy(e as Error);
              return;
            }
          }
        });
        res.on('end', () => end());
        res.on('aborted', () => end(Object.assign(new Error('watch aborted'), { code: 'ECONNRESET' })));
        res.on('error', (e) => end(e));
        res.on('close', () =>
          end(res.complete ? undefined : Object.assign(new Error('watch dropped'), { code: 'ECONNRESET' })),
        );
      },
    );
    if (this.timeoutMs > 0)
      answered = setTimeout(() => req.destroy(timedOut(this.timeoutMs)), this.timeoutMs);
    req.on('error', (e) => end(e));
    req.on('close', () => clearTimeout(answered));
    req.end();
    return {
      abort: () => {
        ended = true;
        clearTimeout(answered);
        req.destroy();
      },
    };
  }

  close(): void {
    for (const a of this.agents) a.destroy();
    this.agents.clear();
    this.prepared = undefined;
  }
}

export const isNetworkError = (e: unknown): boolean =>
  !(e instanceof HttpError) &&
  typeof e === 'object' &&
  e !== null &&
  typeof (e as { code?: unknown }).code === 'string';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
