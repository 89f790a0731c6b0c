// Human text for times and versions in the tree, status bar and notifications. Pure; `now` is passed in.
import type { DeploymentHistoryEntry } from '@kuberik/core/model';
import { parseDuration, triggerText } from '@kuberik/core/engine';

/** `45s`, `2m 10s`, `1h 5m`, `3d 2h`: two units at most, for descriptions that must stay short. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m}m ${s % 60}s` : `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h}h ${m % 60}m` : `${h}h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d}d ${h % 24}h` : `${d}d`;
}

/** `4:05` or `1:02:03`: a countdown that does not jump in width every second. */
export function formatCountdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** Milliseconds of a Go duration (`90s`, `1h30m`, `0.5h`), or undefined when absent or malformed. */
export const parseGoDuration = (text: string | undefined): number | undefined =>
  text ? parseDuration(text) : undefined;

const time = (iso: string | undefined): number | undefined => {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
};

/** From deploy to the end of the bake (or to now while it runs). */
export function entryDuration(entry: DeploymentHistoryEntry, now: Date): number | undefined {
  const start = time(entry.timestamp);
  if (start === undefined) return undefined;
  const end = time(entry.bakeEndTime) ?? (isRunning(entry) ? now.getTime() : undefined);
  return end === undefined ? undefined : Math.max(0, end - start);
}

export const isRunning = (entry: DeploymentHistoryEntry | undefined): boolean =>
  entry?.bakeStatus === 'Deploying' || entry?.bakeStatus === 'InProgress';

export interface BakeProgress {
  /** One line: `Baking 2m 10s / 5m (43%)`. */
  text: string;
  /** 0..1 while a bake with a known bakeTime runs. */
  fraction?: number;
  /** Milliseconds left in the current stage (bake or deploy timeout), when known. */
  remainingMs?: number;
}

/** Where history[0] stands: deploying (waiting for fresh health), baking, or done. */
export function bakeProgress(
  entry: DeploymentHistoryEntry,
  bakeTime: string | undefined,
  deployTimeout: string | undefined,
  now: Date,
): BakeProgress {
  const status = entry.bakeStatus;
  if (status === 'InProgress') {
    const total = parseGoDuration(bakeTime);
    const started = time(entry.bakeStartTime);
    if (total === undefined || total <= 0 || started === undefined) return { text: 'Baking' };
    const elapsed = Math.min(total, Math.max(0, now.getTime() - started));
    const fraction = elapsed / total;
    return {
      text: `Baking ${formatDuration(elapsed)} / ${formatDuration(total)} (${Math.floor(fraction * 100)}%)`,
      fraction,
      remainingMs: total - elapsed,
    };
  }
  if (status === 'Deploying') {
    const timeout = parseGoDuration(deployTimeout);
    const deployed = time(entry.timestamp);
    if (timeout === undefined || deployed === undefined) return { text: 'Deploying, waiting for health' };
    const elapsed = Math.min(timeout, Math.max(0, now.getTime() - deployed));
    return {
      text: `Deploying, waiting for health ${formatDuration(elapsed)} / ${formatDuration(timeout)}`,
      remainingMs: timeout - elapsed,
    };
  }
  const took = entryDuration(entry, now);
  const word = status ?? 'Unknown';
  return { text: took === undefined ? word : `${word} in ${formatDuration(took)}` };
}

/** `alice`, `kubectl-edit (field manager)` or `system`, for the History description. */
export const who = (entry: DeploymentHistoryEntry): string | undefined => triggerText(entry.triggeredBy);

/** The `current → pending` description of a rollout row. */
export function versionsLine(current: string | undefined, pending: string | undefined): string {
  if (current && pending) return `${current} → ${pending}`;
  if (pending) return `→ ${pending}`;
  return current ?? 'no version deployed';
}
