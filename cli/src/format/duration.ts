// Durations for humans come from core's presentation model (one parser, one formatter, shared with
// the extension); this module only keeps the CLI's import paths short.
export {
  ageOf,
  clockTime,
  formatAge,
  formatDuration,
  parseFlagDuration as parseDuration,
} from '@kuberik/core/present';
