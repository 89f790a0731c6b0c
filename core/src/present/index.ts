// The presentation model every UI reads (CLI tables, TUI, extension): durations, who drives,
// bake progress and recovery mode, worded once. Pure functions of objects and `now`.
export {
  ageOf,
  formatAge,
  formatCountdown,
  formatDuration,
  parseFlagDuration,
  parseSpecDuration,
  relativeTime,
} from './duration.js';
export { driverView, noDriverHint, watchCommand, type DriverView, type LeaseLike } from './driver.js';
export {
  bakeDurationMs,
  bakeProgress,
  bakeView,
  entryBakeView,
  invalidBakeTimeText,
  type BakeProgress,
  type BakeSpec,
  type BakeState,
  type BakeView,
} from './bake.js';
export { recoveryView, type RecoveryView } from './recovery.js';
