// When the screen must redraw so every relative time on it stays true ("45s ago", "opens in 30s"),
// and no sooner: an idle screen with nothing younger than a minute wakes once a minute.
import type { RolloutView } from '../format/view.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Milliseconds until the next visible relative time changes (at least 250 ms, at most until the next minute). */
export function relativeTickMs(v: RolloutView, now: Date): number {
  const t = now.getTime();
  let next = MINUTE - (t % MINUTE); // the header clock shows HH:MM
  const ages = [v.currentAt, ...v.history.map((h) => h.at)]
    .map((a) => (a ? t - Date.parse(a) : NaN))
    .filter((a) => Number.isFinite(a) && a >= 0);
  for (const a of ages) {
    // "Xs ago" changes every second for a minute, "Xm ago" every minute for an hour.
    if (a < MINUTE) next = Math.min(next, SECOND - (a % SECOND));
    else if (a < HOUR) next = Math.min(next, MINUTE - (a % MINUTE));
  }
  for (const g of v.gates) {
    // Schedule countdowns print seconds in their last minute.
    const at = g.nextChangeAt ? Date.parse(g.nextChangeAt) - t : NaN;
    if (Number.isFinite(at) && at > 0 && at < MINUTE) next = Math.min(next, at % SECOND || SECOND);
  }
  return Math.max(250, next);
}
