// Gate summaries as they may be stored: ours, or the upstream controller's (reference §1.2.5), which
// carry no kind or decision. UIs read them through here, so a rollout the Go controller still
// drives (observe mode) shows sensible gates instead of blanks.
import type { RolloutGateSummary, StoredGateSummary } from './rollout.js';

const UPSTREAM_BLOCKING = new Set(['Gate is not passing', 'Gate does not allow any release candidate']);

/** Our shape for any stored summary; ours pass through unchanged. */
export function readGateSummary(stored: StoredGateSummary): RolloutGateSummary {
  if (stored.kind && stored.decision) return stored as RolloutGateSummary;
  const message = stored.message ?? '';
  const blocking = stored.passing === false || UPSTREAM_BLOCKING.has(message);
  const out: RolloutGateSummary & { passing?: boolean; allowedVersions?: string[] | null } = {
    ...stored,
    kind: stored.kind ?? 'RolloutGate',
    decision: stored.decision ?? (stored.bypassGates ? 'Approved' : blocking ? 'Pending' : 'Approved'),
    message,
  };
  delete out.passing;
  delete out.allowedVersions;
  return out;
}

/** Every summary of a status, in our shape. */
export const readGateSummaries = (gates: readonly unknown[] | undefined): RolloutGateSummary[] =>
  (gates ?? []).map((g) => readGateSummary(g as StoredGateSummary));
