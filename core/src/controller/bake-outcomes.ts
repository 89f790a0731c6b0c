// Bake outcomes counted from history transitions seen in snapshots: an entry that moves from
// Deploying/InProgress to a terminal bakeStatus, or a new entry that is terminal at once (no health
// checks configured). What was already terminal when the controller started is not counted again.
import type { DeploymentHistoryEntry } from '../model/index.js';

const terminal = new Set(['Succeeded', 'Failed', 'Cancelled']);

/** Only the newest entries can still change; older ones are settled. */
const WINDOW = 3;

export class BakeOutcomeTracker {
  private readonly last = new Map<string, Map<number, string | undefined>>();

  /** Returns the terminal bakeStatus values reached since the previous call for this rollout. */
  update(key: string, history: DeploymentHistoryEntry[] | undefined): string[] {
    // Entries without an id were written by the upstream controller long ago: settled, not tracked.
    const entries = (history ?? [])
      .slice(0, WINDOW)
      .filter((e): e is DeploymentHistoryEntry & { id: number } => typeof e.id === 'number');
    const before = this.last.get(key);
    this.last.set(key, new Map(entries.map((e) => [e.id, e.bakeStatus])));
    if (!before) return [];
    const newest = Math.max(-1, ...before.keys());
    const outcomes: string[] = [];
    for (const e of entries) {
      const now = e.bakeStatus;
      if (!now || !terminal.has(now)) continue;
      if (before.has(e.id)) {
        const was = before.get(e.id);
        if (was === undefined || !terminal.has(was)) outcomes.push(now);
      } else if (e.id > newest) {
        outcomes.push(now);
      }
    }
    return outcomes;
  }

  forget(key: string): void {
    this.last.delete(key);
  }
}
