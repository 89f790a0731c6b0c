// The part of the driver's RolloutSnapshot the presentation model reads; tests build it by hand.
import type { HealthCheck, Rollout, RolloutGate } from '../model/index.js';

export interface SnapshotLike {
  key: { namespace: string; name: string };
  rollout: Rollout;
  gates: RolloutGate[];
  healthChecks: HealthCheck[];
  lease: { holder?: string; driving: boolean };
}
