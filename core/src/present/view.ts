// describeRollout: the facts (rollout.ts) plus what blocks the pending version, worded by the same
// explainWhy that `why` prints, so the TUI header, `get`, the line log and the extension never
// disagree with `why`.
import type { SnapshotLike } from './snapshot.js';
import { rolloutFacts, type RolloutView } from './rollout.js';
import { verdictsOf, type Verdicts } from './verdicts.js';
import { whatBlocks } from './why.js';

export function describeRollout(
  snap: SnapshotLike,
  now: Date,
  verdicts: Verdicts = verdictsOf(snap.gates),
): RolloutView {
  const v = rolloutFacts(snap, now, verdicts);
  return v.pending ? { ...v, pendingReason: whatBlocks(snap, now, undefined, v).short } : v;
}
