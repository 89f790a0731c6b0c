// A real (in-process) cluster for the extension's connection tests: @kuberik/core/testing's driven
// cluster with rollouts in three namespaces, each waiting for approval of NEXT on a RolloutGate.
// Tests reach it through a kubeconfig file, exactly as the extension does.
import { startDrivenCluster, type DrivenCluster } from '@kuberik/core/testing';

export { FIRST, NEXT } from '@kuberik/core/testing';
export const ROLLOUTS = [
  { namespace: 'team-a', name: 'checkout' },
  { namespace: 'team-b', name: 'payments' },
  { namespace: 'team-c', name: 'search' },
] as const;

export type SandboxCluster = DrivenCluster;

export const startSandboxCluster = (): Promise<SandboxCluster> =>
  startDrivenCluster({ rollouts: ROLLOUTS, holderIdentity: 'ext-test-controller' });
