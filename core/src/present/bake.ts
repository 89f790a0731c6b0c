// Bake progress and history durations, one meaning for every UI.
import type { DeploymentHistoryEntry } from '../model/index.js';
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
