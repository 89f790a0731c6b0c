// The cluster the editor tests look at: @kuberik/core/testing's driven cluster with four demo
// rollouts in two namespaces, each waiting for a human on a RolloutGate.
import { startDrivenCluster, type DrivenCluster } from '@kuberik/core/testing';

export { FIRST, NEXT } from '@kuberik/core/testing';
export const DEMO_ROLLOUTS = [
  { namespace: 'team-a', name: 'checkout' },
  { namespace: 'team-a', name: 'inventory' },
  { namespace: 'team-b', name: 'payments' },
  { namespace: 'team-b', name: 'search' },
] as const;

export type DemoCluster = DrivenCluster;

/** Writes its kubeconfig files into `dir` (which the caller removes). */
export const startDemoCluster = (dir: string): Promise<DemoCluster> =>
  startDrivenCluster({
    rollouts: DEMO_ROLLOUTS,
    holderIdentity: 'editor-test-controller',
    gatePrettyName: 'Production approval',
    dir,
  });
