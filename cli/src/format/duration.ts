// Durations for humans. `ms` gives the unit words; we add the second unit ("7m 12s") because a
// bake countdown that jumps from "8m" to "7m" looks frozen.
import ms from 'ms';
import { parseDuration as parseGoDuration } from '@kuberik/core/engine';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "0s", "45s", "7m 12s", "15m", "2h 5m", "3d 4h". Whole seconds; negative values count as 0. */
export function formatDuration(value: number): string {
  const v = Math.max(0, Math.floor(value / SECOND) * SECOND);
  if (v < MINUTE) return `${v / SECOND}s`;
  const [big, small] = v >= DAY ? [DAY, HOUR] : v >= HOUR ? [HOUR, MINUTE] : [MINUTE, SECOND];
  const head = Math.floor(v / big) * big;
  const rest = Math.floor((v - head) / small) * small;
  return rest === 0 ? ms(head) : `${ms(head)} ${ms(rest)}`;
}

/** A compact age like kubectl's: "45s", "12m", "5h", "3d". */
export function formatAge(value: number): string {
  const v = Math.max(0, value);
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

/**
 * Durations on the command line (--timeout, --wait, --request-timeout) are Go durations, parsed by
 * the engine's one parser ("90s", "1h30m", "0"), bounded; negative ones are refused.
 */
export function parseDuration(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const v = parseGoDuration(text.trim());
  return v === undefined || v < 0 ? undefined : v;
}

/** "12:03:41" in the local time zone. */
export function clockTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
