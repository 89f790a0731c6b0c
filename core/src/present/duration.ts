// Durations for every UI, one dialect: spec fields parse as Go durations (as the controller reads
// them), and amounts print kubectl-style ("45s", "9m26s", "2h24m", "3d4h"), whole seconds.
import { parseDuration } from '../engine/duration.js';

export { parseDuration as parseSpecDuration } from '../engine/duration.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A duration typed on a command line (--timeout, --wait, --request-timeout): the same Go parser as
 * spec fields ("90s", "1h30m", "0"), surrounding blanks ignored, negative ones refused.
 */
export function parseFlagDuration(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const v = parseDuration(text.trim());
  return v === undefined || v < 0 ? undefined : v;
}

/** "0s", "45s", "9m26s", "15m", "2h5m", "3d4h": two units at most; negative counts as 0. */
export function formatDuration(ms: number): string {
  const v = Math.max(0, Math.floor(ms / SECOND)) * SECOND;
  if (v < MINUTE) return `${v / SECOND}s`;
  const [big, small, b, s] =
    v >= DAY ? [DAY, HOUR, 'd', 'h'] : v >= HOUR ? [HOUR, MINUTE, 'h', 'm'] : [MINUTE, SECOND, 'm', 's'];
  const head = Math.floor(v / big);
  const rest = Math.floor((v - head * big) / small);
  return rest === 0 ? `${head}${b}` : `${head}${b}${rest}${s}`;
}

/** A kubectl-like age: "45s", "12m", "5h", "3d". */
export function formatAge(ms: number): string {
  const v = Math.max(0, ms);
  if (v < MINUTE) return `${Math.floor(v / SECOND)}s`;
  if (v < HOUR) return `${Math.floor(v / MINUTE)}m`;
  if (v < DAY) return `${Math.floor(v / HOUR)}h`;
  return `${Math.floor(v / DAY)}d`;
}

/** Age of an RFC 3339 timestamp relative to `now`, or "" when absent/unparseable. */
export function ageOf(timestamp: string | undefined, now: Date): string {
  if (!timestamp) return '';
  const t = Date.parse(timestamp);
  return Number.isNaN(t) ? '' : formatAge(now.getTime() - t);
}

/** "3m ago", "in 2h5m", "just now"; undefined for a missing or malformed stamp. */
export function relativeTime(iso: string | undefined, now: Date): string | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return undefined;
  const d = now.getTime() - t;
  if (Math.abs(d) < SECOND) return 'just now';
  return d > 0 ? `${formatDuration(d)} ago` : `in ${formatDuration(-d)}`;
}

/** "12:03:41" in the local time zone. */
export function clockTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** "4:05" or "1:02:03": a countdown that does not jump in width every second (rounds up). */
export function formatCountdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / SECOND));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
