// The pure rollout engine: decide(observed, now) → plan, and the helpers other packages reuse.
export * from './plan.js';
export { decide, GATE_SAFETY_NET_MS, SYSTEM_ACTOR } from './decide.js';
export { parseDuration, formatGoDuration } from './duration.js';
export { formatRfc3339, parseTime } from './time.js';
export { matchesLabelSelector, validateLabelSelector, type SelectorMatch } from './selectors.js';
export {
  gateDecision,
  decideGates,
  decideSchedules,
  gatesSummaryText,
  type GateVerdict,
  type GateSet,
} from './gates.js';
export { evaluateSchedule, type ScheduleEvaluation, type ScheduleInput } from './schedule.js';
export {
  selectHealthChecks,
  kustomizationHealth,
  kustomizationRef,
  type HealthCheckSelection,
  type KustomizationHealth,
} from './health.js';
export { refreshKustomizationHealthChecks } from './healthcheck-status.js';
export { versionFromImagePolicy, isValidTag, appendRelease } from './discovery.js';
export { candidates, failedVersions } from './candidates.js';
export { substituteTargets, substitutePatches } from './deploy.js';
export { advanceBake, BakeMessages, errorCutoff, HEALTH_SAFETY_NET_MS } from './bake.js';
export { readSettings, DEFAULT_HISTORY_LIMIT } from './spec.js';
export { previewRefusal, type ManualRequest } from './preview.js';
export { FORCE_DEPLOY_ANNOTATIONS } from './requests.js';
export { accessMessage, type AccessProblem } from './access.js';
export { fieldManagerOf, manualTrigger, triggerText } from './attribution.js';
export { scheduleStatus, scheduleMatches, type ScheduleStatusPlan } from './schedule-status.js';
