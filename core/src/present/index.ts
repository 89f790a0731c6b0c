// The presentation model every UI reads (CLI tables, TUI, extension): durations, who drives,
// bake progress, recovery mode, gates, what blocks a version and "did you mean", worded once.
// Pure functions of objects and `now`; the UIs only render what these return.
export {
  ageOf,
  clockTime,
  formatAge,
  formatCountdown,
  formatDuration,
  parseFlagDuration,
  parseSpecDuration,
  relativeTime,
} from './duration.js';
export {
  driverView,
  NO_DRIVER_CONSEQUENCE,
  noDriverHint,
  watchCommand,
  type DriverView,
  type LeaseLike,
} from './driver.js';
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
export { rollbackTarget } from './rollback.js';
export { describeRollout } from './view.js';
export {
  gateDecisionWord,
  gateLabel,
  healthSummary,
  historyView,
  rolloutFacts,
  type GateView,
  type GateWordInput,
  type HealthView,
  type HistoryView,
  type RolloutView,
} from './rollout.js';
export type { SnapshotLike } from './snapshot.js';
export { approvalReason, verdictReason, verdictsOf, type Verdict, type Verdicts } from './verdicts.js';
export { explainWhy, gateDecisionFor, whatBlocks, whyOneLine, type WhyAnswer, type WhyState } from './why.js';
export { closeNames, didYouMean, editDistance } from './suggest.js';
