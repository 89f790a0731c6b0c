// Bake progress and history durations, one meaning for every UI.
import type { BakeStatus, DeploymentHistoryEntry, Rollout } from '../model/index.js';
import { parseDuration } from '../engine/duration.js';

const SECOND = 1000;

export interface BakeProgress {
  /** Whole seconds baked so far (capped at the bake time). */
  elapsedMs: number;
  /** bakeTime − elapsed, so the two always add up to the bake time on screen. */
  remainingMs?: number;
  totalMs?: number;
  /** 0..1, when a bake time is set. */
  fraction?: number;
}

/** Progress of a bake that started at `start` (RFC 3339), given spec.bakeTime (a Go duration). */
export function bakeProgress(
  start: string | undefined,
  bakeTime: string | undefined,
  now: Date,
): BakeProgress {
  const totalMs = bakeTime === undefined ? undefined : parseDuration(bakeTime);
  const began = start ? Date.parse(start) : NaN;
  const raw = Number.isFinite(began) ? Math.max(0, now.getTime() - began) : 0;
  // Floor to whole seconds first: formatting elapsed and remaining separately must not lose a second.
  const whole = Math.floor(raw / SECOND) * SECOND;
  if (totalMs === undefined || totalMs <= 0) return { elapsedMs: whole, totalMs };
  const elapsedMs = Math.min(whole, totalMs);
  return { elapsedMs, remainingMs: totalMs - elapsedMs, totalMs, fraction: Math.min(1, raw / totalMs) };
}

/**
 * DURATION of a history entry, everywhere (CLI history, TUI, extension): how long its bake ran,
 * bakeStartTime → bakeEndTime, or → now while it is still baking. Undefined when it never baked.
 */
export function bakeDurationMs(h: DeploymentHistoryEntry, now: Date): number | undefined {
  if (!h.bakeStartTime) return undefined;
  const start = Date.parse(h.bakeStartTime);
  const end = h.bakeEndTime ? Date.parse(h.bakeEndTime) : h.bakeStatus === 'InProgress' ? now.getTime() : NaN;
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return undefined;
  return Math.floor((end - start) / SECOND) * SECOND;
}

export type BakeState = 'none' | 'deploying' | 'baking' | 'succeeded' | 'failed' | 'cancelled';

const STATE: Partial<Record<BakeStatus, BakeState>> = {
  Deploying: 'deploying',
  InProgress: 'baking',
  Succeeded: 'succeeded',
  Failed: 'failed',
  Cancelled: 'cancelled',
};

/** Where one deployment's bake stands, as every UI shows it (bar, countdown, DURATION). */
export interface BakeView {
  state: BakeState;
  version?: string;
  /**
   * Deploying: since the deploy. Baking: baked so far (capped at the bake time). Ended: how long the
   * bake ran (bakeDurationMs), 0 when it never started.
   */
  elapsedMs: number;
  /** spec.bakeTime, when the controller can read it. */
  totalMs?: number;
  /** Baking with a readable bake time: totalMs − elapsedMs. */
  remainingMs?: number;
  /** 0..1: baking, how far; succeeded, 1; failed or cancelled, how much of the bake ran (when known). */
  fraction?: number;
  /**
   * spec.bakeTime as written, when the controller cannot read it (`1d` is not a Go duration): the
   * UIs say so and draw no bar, because no bake of that length will ever end.
   */
  invalidBakeTime?: string;
  /** Deploying: spec.deployTimeout and what is left of it (health must turn fresh by then). */
  deployTimeoutMs?: number;
  deployRemainingMs?: number;
  message?: string;
}

export interface BakeSpec {
  bakeTime?: string;
  deployTimeout?: string;
}

/** A Go duration from the spec, or undefined (absent or unreadable), never negative. */
const specMs = (text: string | undefined): number | undefined => {
  const v = text === undefined ? undefined : parseDuration(text);
  return v === undefined || v < 0 ? undefined : v;
};

/** The bake of one history entry, given the rollout's spec. */
export function entryBakeView(h: DeploymentHistoryEntry | undefined, spec: BakeSpec, now: Date): BakeView {
  const totalMs = specMs(spec.bakeTime);
  const setting: Pick<BakeView, 'totalMs' | 'invalidBakeTime'> = {
    ...(totalMs !== undefined ? { totalMs } : {}),
    ...(spec.bakeTime != null && totalMs === undefined ? { invalidBakeTime: String(spec.bakeTime) } : {}),
  };
  if (!h) return { state: 'none', elapsedMs: 0, ...setting };
  const state = STATE[h.bakeStatus as BakeStatus] ?? 'none';
  const base: BakeView = {
    state,
    version: h.version.tag,
    elapsedMs: 0,
    ...setting,
    ...(h.bakeStatusMessage ? { message: h.bakeStatusMessage } : {}),
  };
  switch (state) {
    case 'deploying': {
      const { elapsedMs } = bakeProgress(h.timestamp, undefined, now);
      const timeout = specMs(spec.deployTimeout);
      return timeout === undefined
        ? { ...base, elapsedMs }
        : {
            ...base,
            elapsedMs,
            deployTimeoutMs: timeout,
            deployRemainingMs: Math.max(0, timeout - elapsedMs),
          };
    }
    case 'baking': {
      const p = bakeProgress(h.bakeStartTime, totalMs === undefined ? undefined : spec.bakeTime, now);
      return { ...base, ...p, totalMs };
    }
    case 'succeeded':
    case 'failed':
    case 'cancelled': {
      const ran = bakeDurationMs(h, now);
      const fraction =
        state === 'succeeded' ? 1 : ran !== undefined && totalMs ? Math.min(1, ran / totalMs) : undefined;
      return { ...base, elapsedMs: ran ?? 0, ...(fraction !== undefined ? { fraction } : {}) };
    }
    default:
      return base;
  }
}

/** The bake of the live deployment (history[0]). */
export function bakeView(rollout: Rollout, now: Date): BakeView {
  return entryBakeView(rollout.status?.history?.[0], rollout.spec ?? {}, now);
}

/** Why a bake shows no bar: `bakeTime "1d" is not a duration (Go form, e.g. 24h)`. */
export const invalidBakeTimeText = (bakeTime: string): string =>
  `bakeTime "${bakeTime}" is not a duration (Go form, e.g. 24h)`;
