// Durations for humans come from core's presentation model (one parser, one formatter, shared with
// the extension); only the wall-clock time of day is the CLI's own.
export { ageOf, formatAge, formatDuration, parseFlagDuration as parseDuration } from '@kuberik/core/present';

/** "12:03:41" in the local time zone. */
export function clockTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
