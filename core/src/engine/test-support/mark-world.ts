// A rollout with a history and releases v1…vN, for the tests of what a pass leaves behind (mark).
import type {
  DeploymentHistoryEntry,
  HealthCheck,
  HealthCheckStatus,
  RolloutSpec,
  RolloutStatus,
} from '../../model/index.js';
import type { Observed } from '../plan.js';
import { healthCheck, imagePolicy, observed, rollout } from './fixtures.js';

export const T0 = Date.parse('2026-11-27T10:00:00Z');
export const NOW = new Date(T0);
export const iso = (minutes: number): string =>
  new Date(T0 + minutes * 60_000).toISOString().replace('.000Z', 'Z');

export const selectChecks = { healthCheckSelector: { selector: { matchLabels: { app: 'app' } } } };

export function entry(tag: string, over: Partial<DeploymentHistoryEntry> = {}): DeploymentHistoryEntry {
  return {
    id: 1,
    version: { tag },
    timestamp: iso(-60),
    message: 'Automatic deployment',
    triggeredBy: { kind: 'System', name: 'kuberik' },
    bakeStatus: 'Succeeded',
    ...over,
  };
}

/** A HealthCheck its provider reported Unhealthy 30 minutes ago (after any deploy of these tests). */
export const sick = (name = 'api'): HealthCheck =>
  healthCheck(name, {
    status: {
      status: 'Unhealthy',
      message: 'error rate 12%',
      lastChangeTime: iso(-30),
      lastErrorTime: iso(-30),
    } satisfies HealthCheckStatus,
  });

export interface MarkWorld {
  history?: DeploymentHistoryEntry[];
  releases?: string[];
  spec?: Partial<RolloutSpec>;
  annotations?: Record<string, string>;
  parts?: Partial<Observed>;
}

/** Releases default to v1, v2; history to v1 deployed automatically and baked. */
export function markWorld(w: MarkWorld = {}): Observed {
  const history = w.history ?? [entry('v1')];
  const releases = w.releases ?? ['v1', 'v2'];
  const status: RolloutStatus = {
    availableReleases: releases.map((tag) => ({ tag })),
    history,
    ...(history[0] ? { currentVersion: history[0].version.tag } : {}),
  };
  return observed({
    rollout: rollout(w.spec ?? {}, { status, ...(w.annotations ? { annotations: w.annotations } : {}) }),
    imagePolicy: imagePolicy(releases[releases.length - 1]),
    ...w.parts,
  });
}

export const conditionOf = (status: RolloutStatus | undefined, type: string) =>
  status?.conditions?.find((c) => c.type === type);
