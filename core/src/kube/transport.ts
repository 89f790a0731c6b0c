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
  /** Watch events recognised as the echo of one of our writes, so not parsed again. */
  echoesReused: number;
}

interface Prepared {
  /** Auth headers plus `Accept`, shared by every request until the next prepare(). */
  headers: Record<string, string>;
  agent: http.Agent;
  at: number;
}

/**
 * Every request of a Transport goes to one server with one TLS setup, so its agent needs one socket
 * pool. Node's default name joins host, port and every TLS option — the CA, certificate and key PEMs
 * included — into a fresh string per request, which then keys the pool maps: CPU for nothing.
 */
class OneServerHttpsAgent extends https.Agent {
  override getName(): string {
    return 'kube';
  }
}
class OneServerHttpAgent extends http.Agent {
  override getName(): string {
    return 'kube';
  }
}

/** How many texts are kept to recognise echoes (see Echoes). */
const ECHO_MEMORY = 512;

/**
 * A write's answer and its watch echo are the same object, encoded the same way by the server: the
 * one that comes second is recognised by its exact text and not parsed again. Texts are kept while
 * writes are in flight (an echo can overtake the answer) and matched once. An equal string is the
 * same object; an external change can never be equal (it has its own resourceVersion), so it is
 * always parsed.
 */
class Echoes {
  private readonly byText = new Map<string, unknown>();
  /** Writes sent and not yet answered: only then can a watch event be an echo still to be matched. */
  inFlight = 0;

  remember(text: string, obj: unknown): void {
    if (this.byText.size >= ECHO_MEMORY) this.byText.delete(this.byText.keys().next().value as string);
    this.byText.set(text, obj);
  }

  /** The object already parsed from the same text, once. */
  take(text: string): unknown {
    const obj = this.byText.get(text);
    if (obj !== undefined) this.byText.delete(text);
    return obj;
  }
}

const WATCH_OBJECT = /^\{"type":"(ADDED|MODIFIED)","object":/;

const HEADER_TTL_MS = 30_000;
/** Per request, kubectl-style (--request-timeout); 0 means none. A timed-out request is not retried. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** The error of a request the server did not answer in time; mapError names server, verb and limit. */
export const timedOut = (timeoutMs: number): Error =>
  Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT', timeoutMs });

export class Transport {
  readonly stats: TransportStats = { requests: 0, byVerb: {}, failures: {}, echoesReused: 0 };
  private prepared?: Prepared;
  private readonly agents = new Set<http.Agent>();
  private readonly base: URL;
  /** What http(s).request needs of the server URL, worked out once instead of per request. */
  private readonly target: { protocol: string; hostname: string; port?: string; pathPrefix: string };
  private readonly timeoutMs: number;
  private readonly echoes = new Echoes();

  constructor(private readonly config: LoadedKubeConfig) {
    this.base = new URL(config.server);
    const host = this.base.hostname;
    this.target = {
      protocol: this.base.protocol,
      // An IPv6 literal comes bracketed in a URL but not in a hostname option.
      hostname: host.startsWith('[') ? host.slice(1, -1) : host,
      port: this.base.port || undefined,
      pathPrefix: this.base.pathname.replace(/\/$/, ''),
    };
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
    const headers: Record<string, string> = { Accept: 'application/json' };
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
          ? new OneServerHttpAgent({ keepAlive: true })
          : new OneServerHttpsAgent({ keepAlive: true, servername: opts.servername, ...tls });
      this.agents.add(agent);
    }
    // client-node made an agent we do not use; drop its sockets (it has none yet).
    (opts.agent as http.Agent | undefined)?.destroy?.();
    this.prepared = { headers, agent, at: now };
    return this.prepared;
  }

  /** Request options for a path on the server (no URL object: parsing one per request costs CPU). */
  private options(
    method: string,
    path: string,
    query: RequestOptions['query'],
    agent: http.Agent,
    headers: Record<string, string>,
  ): http.RequestOptions {
    let search = '';
    if (query) {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) if (v !== undefined) q.set(k, String(v));
      search = q.size > 0 ? `?${q.toString()}` : '';
    }
    const { protocol, hostname, port, pathPrefix } = this.target;
    return { protocol, hostname, port, path: pathPrefix + path + search, method, agent, headers };
  }

  private client(): typeof http | typeof https {
    return this.target.protocol === 'http:' ? http : https;
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
    const sent =
      body === undefined
        ? headers
        : {
            ...headers,
            'Content-Type': opts.contentType ?? 'application/json',
            'Content-Length': String(Buffer.byteLength(body)),
          };
    // A write's answer is the object its watch echo will carry: keep its text to recognise it.
    const write = method !== 'GET' && method !== 'DELETE';
    if (write) this.echoes.inFlight++;
    return new Promise<T>((resolve, reject) => {
      const req = this.client().request(this.options(method, path, opts.query, agent, sent), (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8');
          const code = res.statusCode ?? 0;
          const ok = code >= 200 && code < 300;
          // kube-apiserver ends a JSON answer with a newline; the same object in a watch line has none.
          const key = ok && write && text ? text.trimEnd() : undefined;
          const echo = key ? this.echoes.take(key) : undefined;
          if (echo !== undefined) this.stats.echoesReused++;
          let json: unknown = echo;
          if (echo === undefined) {
            try {
              json = text ? JSON.parse(text) : undefined;
            } catch {
              json = undefined;
            }
            if (key && json !== undefined) this.echoes.remember(key, json);
          }
          if (ok) resolve(json as T);
          else {
            this.stats.failures[code] = (this.stats.failures[code] ?? 0) + 1;
            const status =
              json && typeof json === 'object' && (json as { kind?: string }).kind === 'Status'
                ? (json as HttpError['status'])
                : { message: text.trim().split('\n')[0] || `HTTP ${code}` };
            reject(new HttpError(code, status, method, path));
          }
        });
      });
      // The whole exchange, not socket idleness: a server that trickles bytes must not hang us either.
      const timer =
        this.timeoutMs > 0
          ? setTimeout(() => req.destroy(timedOut(this.timeoutMs)), this.timeoutMs)
          : undefined;
      req.on('close', () => {
        clearTimeout(timer);
        if (write) this.echoes.inFlight--;
      });
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
    let ended = false;
    const end = (err?: unknown): void => {
      if (ended) return;
      ended = true;
      onEnd(err);
    };
    // Until the response starts; after that a watch may stay quiet for as long as nothing changes.
    let answered: NodeJS.Timeout | undefined;
    const req = this.client().request(
      this.options('GET', path, { ...query, watch: 1 }, agent, headers),
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
          // Search only the new text for the end of a line: a long event spans many chunks.
          let from = buf.length;
          buf += chunk;
          let start = 0;
          let nl: number;
          while ((nl = buf.indexOf('\n', from)) >= 0) {
            const line = buf.slice(start, nl).trim();
            start = from = nl + 1;
            if (!line) continue;
            try {
              onEvent(this.watchEvent(line));
            } catch (e) {
              req.destroy(e as Error);
              return;
            }
          }
          buf = start > 0 ? buf.slice(start) : buf;
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

  /** One watch line, parsed, unless it is the echo of a write whose answer was parsed already. */
  private watchEvent(line: string): { type: string; object: unknown } {
    const head = WATCH_OBJECT.exec(line);
    const text = head && line.endsWith('}') ? line.slice(head[0].length, -1) : undefined;
    if (text !== undefined) {
      const object = this.echoes.take(text);
      if (object !== undefined) {
        this.stats.echoesReused++;
        return { type: head![1] as string, object };
      }
    }
    const ev = JSON.parse(line) as { type: string; object: unknown };
    // The echo of a write still waiting for its answer: the answer will be this text.
    if (text !== undefined && this.echoes.inFlight > 0) this.echoes.remember(text, ev.object);
    return ev;
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
