// The bake state machine for history[0] (spec §3.8, upstream §2.10):
// Deploying → InProgress → Succeeded | Failed, with recovery mode suppressing failures.
import type { DeploymentHistoryEntry, FailedHealthCheck, HealthCheck } from '../model/index.js';
import type { EventRecord } from './plan.js';
import { formatRfc3339, parseTime } from './time.js';

export const BakeMessages = {
  noBake: 'No bake time configured, deployment completed immediately.',
  waiting: 'Waiting for health checks to become healthy before starting bake.',
  started: 'Bake started, monitoring for errors.',
  passed: 'Bake time completed successfully (no errors within bake time).',
  passedNoBakeTime: 'Bake completed (no bake time configured).',
  timeout: 'Deploy timeout reached before bake could start (health checks did not become healthy in time).',
  errorBeforeBake: 'A HealthCheck reported an error after deployment.',
  errorDuringBake: 'A HealthCheck reported an error after bake started.',
  cancelled: 'Bake cancelled due to new deployment.',
} as const;

/** The safety-net interval for re-reading health during a bake (spec §3.8). */
export const HEALTH_SAFETY_NET_MS = 30_000;

export interface BakeContext {
  healthChecks: HealthCheck[];
  bakeTimeMs?: number;
  deployTimeoutMs?: number;
  /** BakeFailureDisabled=True: failures are shown but never fail the bake. */
  recovery: boolean;
  now: Date;
}

export interface BakeStep {
  entry: DeploymentHistoryEntry;
  events: EventRecord[];
  wakeAt?: number;
}

/** max(deploy time, retry time): health must be newer than this to count (upstream errorCutoff). */
export function errorCutoff(entry: DeploymentHistoryEntry): number {
  return Math.max(parseTime(entry.timestamp) ?? 0, parseTime(entry.lastRetryTimestamp) ?? 0);
}

const ref = (hc: HealthCheck, message: string | undefined): FailedHealthCheck => ({
  name: hc.metadata.name,
  namespace: hc.metadata.namespace ?? '',
  ...(message ? { message } : {}),
});

function errorsSince(checks: HealthCheck[], cutoff: number, includeUnhealthy: boolean): FailedHealthCheck[] {
  return checks
    .filter((hc) => {
      const err = parseTime(hc.status?.lastErrorTime);
      return (err !== undefined && err >= cutoff) || (includeUnhealthy && hc.status?.status === 'Unhealthy');
    })
    .map((hc) => ref(hc, hc.status?.message));
}

function notReady(checks: HealthCheck[], cutoff: number): FailedHealthCheck[] {
  const out: FailedHealthCheck[] = [];
  for (const hc of checks) {
    const status = hc.status?.status;
    const changed = parseTime(hc.status?.lastChangeTime);
    if (status !== 'Healthy') out.push(ref(hc, hc.status?.message || `Status: ${status ?? 'unknown'}`));
    else if (changed === undefined) out.push(ref(hc, 'LastChangeTime is not set'));
    else if (changed < cutoff) {
      out.push(
        ref(hc, `LastChangeTime (${formatRfc3339(new Date(changed))}) is not newer than deployment time`),
      );
    }
  }
  return out;
}

/** Advance history[0] as far as the observed health and `now` allow, in one pass. */
export function advanceBake(start: DeploymentHistoryEntry, ctx: BakeContext): BakeStep {
  const now = ctx.now.getTime();
  const nowText = formatRfc3339(ctx.now);
  const cutoff = errorCutoff(start);
  const events: EventRecord[] = [];
  const tag = start.version.tag;
  const checks = ctx.healthChecks;
  let entry = start;
  let wakeAt: number | undefined;
  const wake = (t: number): void => {
    if (wakeAt === undefined || t < wakeAt) wakeAt = t;
  };
  const fail = (message: string, failed: FailedHealthCheck[]): BakeStep => {
    const out: DeploymentHistoryEntry = {
      ...entry,
      bakeStatus: 'Failed',
      bakeStatusMessage: message,
      bakeEndTime: nowText,
    };
    if (failed.length > 0) out.failedHealthChecks = failed;
    else delete out.failedHealthChecks;
    events.push({ type: 'Warning', reason: 'Failed', message: `Bake of ${tag} failed: ${message}` });
    return { entry: out, events };
  };
  // In recovery mode failures are listed on the entry (so users see them) but change nothing else.
  const show = (failed: FailedHealthCheck[]): void => {
    if (!ctx.recovery) return;
    entry = { ...entry };
    if (failed.length > 0) entry.failedHealthChecks = failed;
    else delete entry.failedHealthChecks;
  };

  if (entry.bakeStatus === 'Deploying') {
    const errors = errorsSince(checks, cutoff, false);
    if (errors.length > 0 && !ctx.recovery) return fail(BakeMessages.errorBeforeBake, errors);
    show(errors);
    const pending = notReady(checks, cutoff);
    const deadline = ctx.deployTimeoutMs !== undefined ? cutoff + ctx.deployTimeoutMs : undefined;
    // Health that turned good before the deadline counts even if we only notice it afterwards.
    const healthyAt = Math.max(cutoff, ...checks.map((hc) => parseTime(hc.status?.lastChangeTime) ?? cutoff));
    const canStart =
      pending.length === 0 && (deadline === undefined || ctx.recovery || healthyAt <= deadline);
    if (!canStart) {
      if (deadline !== undefined && !ctx.recovery && now >= deadline)
        return fail(BakeMessages.timeout, pending);
      if (deadline !== undefined && !ctx.recovery) wake(deadline);
      if (checks.length > 0) wake(now + HEALTH_SAFETY_NET_MS);
      return { entry, events, ...(wakeAt !== undefined ? { wakeAt } : {}) };
    }
    entry = {
      ...entry,
      bakeStatus: 'InProgress',
      bakeStatusMessage: BakeMessages.started,
      bakeStartTime: nowText,
    };
    delete entry.bakeEndTime;
    events.push({ type: 'Normal', reason: 'BakeStarted', message: `Bake of ${tag} started` });
  }

  if (entry.bakeStatus === 'InProgress') {
    const errors = errorsSince(checks, cutoff, true);
    if (errors.length > 0 && !ctx.recovery) return fail(BakeMessages.errorDuringBake, errors);
    show(errors);
    const started = parseTime(entry.bakeStartTime);
    if (started === undefined) entry = { ...entry, bakeStartTime: nowText };
    const end = (started ?? now) + (ctx.bakeTimeMs ?? 0);
    if (ctx.bakeTimeMs === undefined || now >= end) {
      const message = ctx.bakeTimeMs === undefined ? BakeMessages.passedNoBakeTime : BakeMessages.passed;
      entry = { ...entry, bakeStatus: 'Succeeded', bakeStatusMessage: message, bakeEndTime: nowText };
      events.push({ type: 'Normal', reason: 'Succeeded', message: `Bake of ${tag} succeeded: ${message}` });
      return { entry, events };
    }
    wake(end);
    if (checks.length > 0) wake(now + HEALTH_SAFETY_NET_MS);
  }
  return { entry, events, ...(wakeAt !== undefined ? { wakeAt } : {}) };
}
