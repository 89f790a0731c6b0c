// Reading the rollout's spec: parsed durations and the problems to report as InvalidSpec (spec §6).
import type { Rollout } from '../model/index.js';
import { isValidTag } from './discovery.js';
import { parseDuration } from './duration.js';
import { validateLabelSelector } from './selectors.js';

export interface RolloutSettings {
  bakeTimeMs?: number;
  deployTimeoutMs?: number;
  historyLimit: number;
  /** bakeTime, deployTimeout or healthCheckSelector present: entries start in Deploying. */
  bakeConfigured: boolean;
  /** The pin, when spec.wantedVersion is a non-empty string. */
  wantedVersion?: string;
  /** One line per problem, each naming the field and its value. */
  problems: string[];
}

export const DEFAULT_HISTORY_LIMIT = 10;

function duration(field: string, value: unknown, problems: string[]): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = typeof value === 'string' ? parseDuration(value) : undefined;
  if (ms === undefined || ms < 0) {
    problems.push(`${field} "${String(value)}" is not a duration; use the Go form, e.g. 90s, 5m, 1h30m`);
    return undefined;
  }
  return ms;
}

export function readSettings(rollout: Rollout): RolloutSettings {
  const spec = rollout.spec ?? ({} as Rollout['spec']);
  const problems: string[] = [];
  if (!spec.releasesImagePolicy?.name) {
    problems.push('spec.releasesImagePolicy.name is empty; name the Flux ImagePolicy to follow');
  }
  const bakeTimeMs = duration('spec.bakeTime', spec.bakeTime, problems);
  const deployTimeoutMs = duration('spec.deployTimeout', spec.deployTimeout, problems);
  let historyLimit = DEFAULT_HISTORY_LIMIT;
  if (spec.versionHistoryLimit !== undefined && spec.versionHistoryLimit !== null) {
    if (Number.isInteger(spec.versionHistoryLimit) && spec.versionHistoryLimit >= 1)
      historyLimit = spec.versionHistoryLimit;
    else
      problems.push(
        `spec.versionHistoryLimit "${String(spec.versionHistoryLimit)}" must be a whole number ≥ 1`,
      );
  }
  const hcs = spec.healthCheckSelector;
  if (hcs) {
    const e1 = validateLabelSelector(hcs.selector);
    if (e1) problems.push(`spec.healthCheckSelector.selector is invalid: ${e1}`);
    const e2 = validateLabelSelector(hcs.namespaceSelector);
    if (e2) problems.push(`spec.healthCheckSelector.namespaceSelector is invalid: ${e2}`);
  }
  let wantedVersion: string | undefined;
  if (typeof spec.wantedVersion === 'string' && spec.wantedVersion !== '') {
    if (isValidTag(spec.wantedVersion)) wantedVersion = spec.wantedVersion;
    else problems.push(`spec.wantedVersion "${spec.wantedVersion}" is not a valid image tag`);
  }
  return {
    ...(bakeTimeMs !== undefined ? { bakeTimeMs } : {}),
    ...(deployTimeoutMs !== undefined ? { deployTimeoutMs } : {}),
    historyLimit,
    bakeConfigured: spec.bakeTime != null || spec.deployTimeout != null || hcs != null,
    ...(wantedVersion !== undefined ? { wantedVersion } : {}),
    problems,
  };
}
