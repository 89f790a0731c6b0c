// Go's time.ParseDuration, which bakeTime and deployTimeout use (spec §2.1). `ms` speaks another dialect.

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Go's largest Duration (int64 nanoseconds, about 292 years); anything longer is malformed there too. */
export const MAX_DURATION_MS = 9_223_372_036_854;

const TERM = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;

/**
 * Milliseconds for a Go duration (`90s`, `1h30m`, `0.5h`, `250ms`, `-5m`, `0`), or undefined if
 * malformed or longer than Go can represent (so "9999…9h" is an error, never Infinity).
 */
export function parseDuration(text: string): number | undefined {
  if (typeof text !== 'string') return undefined;
  let rest = text.trim();
  if (rest !== text || rest === '') return undefined;
  let sign = 1;
  if (rest[0] === '-' || rest[0] === '+') {
    sign = rest[0] === '-' ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return undefined;
  let total = 0;
  while (rest.length > 0) {
    const m = TERM.exec(rest);
    if (!m) return undefined;
    total += Number(m[1]) * (UNIT_MS[m[2] as string] as number);
    rest = rest.slice(m[0].length);
  }
  return total > MAX_DURATION_MS ? undefined : sign * total;
}

/** Go's Duration.String() rounded to seconds, for messages: `3m0s`, `1h0m0s`, `45s`, `0s`. */
export function formatGoDuration(ms: number): string {
  const negative = ms < 0;
  let s = Math.round(Math.abs(ms) / 1000);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const text = h > 0 ? `${h}h${m}m${s}s` : m > 0 ? `${m}m${s}s` : `${s}s`;
  return negative ? `-${text}` : text;
}
