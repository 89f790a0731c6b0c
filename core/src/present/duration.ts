// Durations for every UI, one dialect: spec fields parse as Go durations (as the controller reads
// them), and amounts print kubectl-style ("45s", "9m26s", "2h24m", "3d4h"), whole seconds.
export { parseDuration as parseSpecDuration } from '../engine/duration.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

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
