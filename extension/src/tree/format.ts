// Human text for times and versions in the tree, status bar and notifications. Pure; `now` is passed in.
import type { DeploymentHistoryEntry } from '@kuberik/core/model';
import { triggerText } from '@kuberik/core/engine';
import { bakeDurationMs, entryBakeView, formatDuration, invalidBakeTimeText } from '@kuberik/core/present';

export const isRunning = (entry: DeploymentHistoryEntry | undefined): boolean =>
  entry?.bakeStatus === 'Deploying' || entry?.bakeStatus === 'InProgress';

export interface BakeProgress {
  /** One line: `Baking 2m10s / 5m (43%)`. */
  text: string;
  /** 0..1 while a bake with a known bakeTime runs. */
  fraction?: number;
  /** Milliseconds left in the current stage (bake or deploy timeout), when known. */
  remainingMs?: number;
}

/** One entry's bake in a line, from core's bake model: `Baking 2m10s / 5m (43%)`. */
export function bakeProgress(
  entry: DeploymentHistoryEntry,
  bakeTime: string | undefined,
  deployTimeout: string | undefined,
  now: Date,
): BakeProgress {
  const b = entryBakeView(entry, { bakeTime, deployTimeout }, now);
  const elapsed = formatDuration(b.elapsedMs);
  switch (b.state) {
    case 'baking':
      if (b.invalidBakeTime !== undefined)
        return { text: `Baking ${elapsed} · ${invalidBakeTimeText(b.invalidBakeTime)}` };
      if (b.totalMs === undefined || b.fraction === undefined) return { text: `Baking ${elapsed}` };
      return {
        text: `Baking ${elapsed} / ${formatDuration(b.totalMs)} (${Math.floor(b.fraction * 100)}%)`,
        fraction: b.fraction,
        remainingMs: b.remainingMs,
      };
    case 'deploying':
      return b.deployTimeoutMs === undefined
        ? { text: `Deploying, waiting for health ${elapsed}` }
        : {
            text: `Deploying, waiting for health ${elapsed} / ${formatDuration(b.deployTimeoutMs)}`,
            remainingMs: b.deployRemainingMs,
          };
    default: {
      const word = entry.bakeStatus ?? 'Unknown';
      const took = bakeDurationMs(entry, now);
      return { text: took === undefined ? word : `${word} in ${formatDuration(took)}` };
    }
  }
}

/** `alice`, `kubectl-edit (field manager)` or `system`, for the History description. */
export const who = (entry: DeploymentHistoryEntry): string | undefined => triggerText(entry.triggeredBy);

/** The `current → pending` description of a rollout row. */
export function versionsLine(current: string | undefined, pending: string | undefined): string {
  if (current && pending) return `${current} → ${pending}`;
  if (pending) return `→ ${pending}`;
  return current ?? 'no version deployed';
}
