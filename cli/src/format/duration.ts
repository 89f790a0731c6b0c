// Durations for humans: formatting comes from core's presentation model (kubectl-style "9m26s",
// two units so a countdown never looks frozen), shared with the extension.
import { parseDuration as parseGoDuration } from '@kuberik/core/engine';
import { formatAge } from '@kuberik/core/present';

export { formatAge, formatDuration } from '@kuberik/core/present';

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
