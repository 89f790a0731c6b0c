// JSON logs, one event per line: what log collectors (Loki, Cloud Logging, `kubectl logs | jq`) expect
// from a controller. Fields are flat so `jq 'select(.rollout=="my-app")'` just works.
import type { Writable } from 'node:stream';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line. */
  with(fields: LogFields): Logger;
}

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface JsonLoggerOptions {
  /** Defaults to process.stdout. */
  stream?: Writable;
  /** Lines below this level are dropped (default info). */
  level?: LogLevel;
  now?: () => Date;
}

export function createJsonLogger(opts: JsonLoggerOptions = {}, base: LogFields = {}): Logger {
  const stream = opts.stream ?? process.stdout;
  const min = order[opts.level ?? 'info'];
  const now = opts.now ?? (() => new Date());
  const write = (level: LogLevel, msg: string, fields?: LogFields): void => {
    if (order[level] < min) return;
    const line = { timestamp: now().toISOString(), level, msg, ...base, ...normalize(fields) };
    stream.write(JSON.stringify(line) + '\n');
  };
  return {
    debug: (msg, fields) => write('debug', msg, fields),
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
    with: (fields) => createJsonLogger(opts, { ...base, ...fields }),
  };
}

/** Errors do not serialise with JSON.stringify; keep their message (and kind for KubeErrors). */
function normalize(fields: LogFields | undefined): LogFields {
  if (!fields) return {};
  const out: LogFields = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    if (v instanceof Error) {
      out[k] = v.message;
      const kind = (v as { kind?: unknown }).kind;
      if (typeof kind === 'string') out[`${k}Kind`] = kind;
    } else {
      out[k] = v;
    }
  }
  return out;
}

export const parseLogLevel = (text: string | undefined): LogLevel | undefined =>
  text !== undefined && text in order ? (text as LogLevel) : undefined;
