// The presentation model every UI reads (CLI tables, TUI, extension): durations, who drives,
// bake progress and recovery mode, worded once. Pure functions of objects and `now`.
export { formatAge, formatDuration, parseSpecDuration } from './duration.js';
export { driverView, noDriverHint, watchCommand, type DriverView, type LeaseLike } from './driver.js';
export { bakeDurationMs, bakeProgress, type BakeProgress } from './bake.js';
export { recoveryView, type RecoveryView } from './recovery.js';
