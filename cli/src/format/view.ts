// The CLI's screens read core's presentation model (shared with the extension); this module only
// keeps the CLI's import paths short.
export {
  describeRollout,
  gateDecisionWord,
  gateLabel,
  healthSummary,
  historyView,
  type BakeState,
  type BakeView,
  type GateView,
  type HealthView,
  type HistoryView,
  type RolloutView,
} from '@kuberik/core/present';
