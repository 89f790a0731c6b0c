// The part of core's RolloutSnapshot the formatters read; tests build it by hand.
import type { HealthCheck, Rollout, RolloutGate } from '@kuberik/core/model';

export interface SnapshotLike {
  key: { namespace: string; name: string };
  rollout: Rollout;
  gates: RolloutGate[];
  healthChecks: HealthCheck[];
  lease: { holder?: string; driving: boolean };
}
