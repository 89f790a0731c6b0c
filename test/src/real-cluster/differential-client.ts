// One target of the differential suite (the sandbox over http, the real API server over https) and
// the raw requests the suite sends to it: a plain request (any Accept / Content-Type, any identity)
// and a watch that collects events until the caller has enough.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface Target {
  name: 'real' | 'sandbox';
  url: string;
  /** CA of the serving certificate (https only). */
  ca?: string;
  /** Bearer token per identity ('admin' or a restricted user); absent means no Authorization header. */
  tokens: Record<string, string | undefined>;
}

export interface Exchange {
  /** Unique, stable name: the key of the allow-list. */
  name: string;
  method: string;
  path: string;
  body?: unknown;
  contentType?: string;
  accept?: string;
  /** Identity key in Target.tokens (default 'admin'). */
  as?: string;
}

export interface Reply {
  status: number;
  contentType: string;
  body: unknown;
}

function open(
  t: Target,
  method: string,
  path: string,
  headers: Record<string, string>,
  body: string | undefined,
  onResponse: (res: IncomingMessage) => void,
  onError: (e: Error) => void,
): () => void {
  const url = new URL(path, t.url);
  const opts = { method, headers, ...(t.ca ? { ca: t.ca } : {}), timeout: 20_000 };
  const req =
    url.protocol === 'https:' ? httpsRequest(url, opts, onResponse) : httpRequest(url, opts, onResponse);
  req.on('error', onError);
  req.on('timeout', () => req.destroy(new Error(`${t.name} ${method} ${path}: timed out`)));
  if (body !== undefined) req.write(body);
  req.end();
  return () => req.destroy();
}

function headersFor(t: Target, ex: Pick<Exchange, 'as' | 'accept' | 'contentType'>, body?: string) {
  const token = t.tokens[ex.as ?? 'admin'];
  return {
    accept: ex.accept ?? 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(body !== undefined
      ? {
          'content-type': ex.contentType ?? 'application/json',
          'content-length': String(Buffer.byteLength(body)),
        }
      : {}),
  };
}

export function send(t: Target, ex: Exchange): Promise<Reply> {
  const body =
    ex.body === undefined ? undefined : typeof ex.body === 'string' ? ex.body : JSON.stringify(ex.body);
  return new Promise((resolve, reject) => {
    open(
      t,
      ex.method,
      ex.path,
      headersFor(t, ex, body),
      body,
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // not JSON: compared as text
          }
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'] ?? '',
            body: parsed,
          });
        });
        res.on('error', reject);
      },
      reject,
    );
  });
}

export interface WatchResult {
  status: number;
  events: Array<{ type: string; object: Record<string, unknown> }>;
}

/**
 * Opens a watch, runs `during` once the response has started, and resolves when `enough(events)` is
 * true (or after `waitMs`, with what arrived: a missing event is then a visible difference).
 */
export function watch(
  t: Target,
  path: string,
  enough: (events: WatchResult['events']) => boolean,
  during: () => Promise<void> = async () => {},
  waitMs = 30_000,
): Promise<WatchResult> {
  return new Promise((resolve, reject) => {
    const events: WatchResult['events'] = [];
    let status = 0;
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      abort();
      resolve({ status, events });
    };
    const abort = open(
      t,
      'GET',
      path,
      headersFor(t, {}),
      undefined,
      (res) => {
        status = res.statusCode ?? 0;
        let buf = '';
        res.setEncoding('utf8');
        if (status !== 200) {
          // An error status instead of a stream: its body is the one "event".
          res.on('data', (d: string) => (buf += d));
          res.on('end', () => {
            events.push({ type: 'HTTP', object: JSON.parse(buf || '{}') as Record<string, unknown> });
            finish();
          });
          return;
        }
        res.on('data', (d: string) => {
          buf += d;
          let nl: number;
          while ((nl = buf.indexOf('\n')) >= 0) {
            const line = buf.slice(0, nl).trim();
            buf = buf.slice(nl + 1);
            if (line) events.push(JSON.parse(line) as WatchResult['events'][number]);
          }
          if (enough(events)) finish();
        });
        res.on('end', finish);
        res.on('error', () => finish());
        timer = setTimeout(finish, waitMs);
        during().catch(reject);
      },
      (e) => (done ? undefined : reject(e)),
    );
  });
}
