// How long a version waits for its gates: from the moment it becomes pendingVersion until every
// gate that applies has approved it (or it was deployed anyway, e.g. force-deploy). Derived from
// consecutive statuses, so it needs no engine hook. Versions without gates never wait.
import type { RolloutStatus } from '../model/index.js';

interface Waiting {
  version: string;
  since: Date;
}

export class ApprovalWaitTracker {
  private readonly waiting = new Map<string, Waiting>();

  /** Feeds the latest status of one rollout; returns the wait in seconds when it just ended. */
  update(key: string, status: RolloutStatus | undefined, at: Date): number | undefined {
    const pending = status?.pendingVersion;
    const gates = status?.gates ?? [];
    const allApproved = gates.length > 0 && gates.every((g) => g.decision === 'Approved');
    const tracked = this.waiting.get(key);
    if (tracked) {
      const deployed = status?.currentVersion === tracked.version;
      if (deployed || (pending === tracked.version && allApproved)) {
        this.waiting.delete(key);
        return Math.max(0, (at.getTime() - tracked.since.getTime()) / 1000);
      }
      if (pending === tracked.version) return undefined;
      // Superseded by a newer version, rejected, or gone: that wait ends without an approval.
      this.waiting.delete(key);
    }
    if (pending && gates.length > 0 && !allApproved) this.waiting.set(key, { version: pending, since: at });
    return undefined;
  }

  forget(key: string): void {
    this.waiting.delete(key);
  }

  get size(): number {
    return this.waiting.size;
  }
}
