// History entries written at deploy time (spec §3.7, §4; upstream §2.9).
import {
  Annotations,
  type DeploymentHistoryEntry,
  type HealthCheck,
  type TriggeredBy,
  type VersionInfo,
} from '../model/index.js';
import { BakeMessages } from './bake.js';
import type { ConditionValue } from './conditions.js';

/** In the message of an automatic deploy that used the unblock-failed annotation. */
export const UNBLOCKED_SUFFIX = 'with failed bake unblock';

/** In the message of a deploy whose gates were bypassed (upstream literal). */
export const BYPASS_SUFFIX = 'with gate bypass';

/** Who automatic actions are attributed to. */
export const SYSTEM_ACTOR = 'kuberik';

export interface Deployment {
  tag: string;
  manual: boolean;
  force: boolean;
  pin: boolean;
  /** Gates were bypassed for it (rollout.kuberik.com/bypass-gates). */
  bypass?: boolean;
  /** Candidates passed over for a newer one (reported in the message). */
  skipped: string[];
}

/** How many skipped versions a history message and its Event name before "… and N more". */
export const SKIPPED_LIST_LIMIT = 10;

/** "v3, v2, v1" — or the first SKIPPED_LIST_LIMIT and "… and 37 more", so messages stay small. */
export function capList(items: string[], limit = SKIPPED_LIST_LIMIT): string {
  if (items.length <= limit) return items.join(', ');
  return `${items.slice(0, limit).join(', ')} … and ${items.length - limit} more`;
}

/** The entry a new deployment preempts. */
export function cancelled(entry: DeploymentHistoryEntry, tag: string, now: string): DeploymentHistoryEntry {
  return {
    ...entry,
    bakeStatus: 'Cancelled',
    bakeStatusMessage: BakeMessages.cancelled,
    bakeEndTime: now,
    message: `Deployment cancelled due to new deployment of version ${tag}`,
  };
}

/**
 * BakeFailureDisabled for a new deployment, set once from the state before it: recovery mode for
 * manual deploys after a failed or cancelled bake, or onto an active incident.
 */
export function recoveryMode(
  d: Deployment,
  before: DeploymentHistoryEntry | undefined,
  unhealthy: HealthCheck[],
): ConditionValue {
  if (d.manual && (before?.bakeStatus === 'Failed' || before?.bakeStatus === 'Cancelled')) {
    return {
      status: 'True',
      reason: 'PreviousBakeFailed',
      message: 'Previous deployment failed. Health check failures will not fail this deployment.',
    };
  }
  if (d.manual && unhealthy.length > 0) {
    return {
      status: 'True',
      reason: 'DeployedWithUnhealthyHealthChecks',
      message: 'Deployed during an active incident. Health check failures will not fail this deployment.',
    };
  }
  return { status: 'False', reason: 'Normal', message: '' };
}

export interface EntryInput {
  deployment: Deployment;
  version: VersionInfo;
  previous?: DeploymentHistoryEntry;
  annotations: Record<string, string>;
  /** Who a manual deploy is credited to (attribution.ts); automatic ones are the System's. */
  trigger?: TriggeredBy;
  bakeConfigured: boolean;
  now: string;
}

/** The new history[0]: id, message with upstream suffixes, who, and the initial bake state. */
export function newEntry(input: EntryInput): DeploymentHistoryEntry {
  const d = input.deployment;
  const ann = input.annotations;
  const unblocked = !d.manual && input.previous?.bakeStatus === 'Failed';
  const suffixes = [
    ...(d.force ? ['with force deploy'] : []),
    ...(d.bypass ? [BYPASS_SUFFIX] : []),
    ...(unblocked ? [UNBLOCKED_SUFFIX] : []),
    ...(d.skipped.length > 0 ? [`skipped ${capList(d.skipped)}`] : []),
  ];
  const custom = d.manual ? ann[Annotations.deployMessage] : undefined;
  const message = custom || [d.manual ? 'Manual deployment' : 'Automatic deployment', ...suffixes].join(', ');
  // A bypass only changes which version automation deploys, and when is the engine's decision:
  // System, as upstream. `User` therefore always means a manual deploy (pin or force-deploy).
  const triggeredBy: TriggeredBy = d.manual
    ? (input.trigger ?? { kind: 'User', name: ann[Annotations.deployUser] || 'unknown' })
    : { kind: 'System', name: SYSTEM_ACTOR };
  return {
    id: typeof input.previous?.id === 'number' ? input.previous.id + 1 : 1,
    version: input.version,
    timestamp: input.now,
    message,
    triggeredBy,
    bakeStatus: input.bakeConfigured ? 'Deploying' : 'Succeeded',
    bakeStatusMessage: input.bakeConfigured ? BakeMessages.waiting : BakeMessages.noBake,
  };
}
