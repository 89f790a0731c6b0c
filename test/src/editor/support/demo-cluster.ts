// The cluster the editor tests look at: @kuberik/core/testing's driven cluster with four demo
// rollouts in two namespaces, each waiting for a human on a RolloutGate, on this run's backend
// (testCluster(): a sandbox, or the run's real kube-apiserver with unique namespaces and the viewer
// as a service account). The extension reaches it through kubeconfig files, as users do.
import { startDrivenCluster, VIEWER, type DrivenCluster } from '@kuberik/core/testing';
import { testCluster } from '../../support/backend.js';

export { FIRST, NEXT } from '@kuberik/core/testing';
export const DEMO_ROLLOUTS = [
  { namespace: 'team-a', name: 'checkout' },
  { namespace: 'team-a', name: 'inventory' },
  { namespace: 'team-b', name: 'payments' },
  { namespace: 'team-b', name: 'search' },
] as const;

export interface DemoCluster extends DrivenCluster {
  /** The namespace on this backend of a demo namespace (`team-a` → `team-a-<6 hex>` on the real server). */
  ns(name: 'team-a' | 'team-b'): string;
  /** The same, for the extension host (KUBERIK_TEST_NAMESPACES). */
  namespaces: Record<string, string>;
}

const VIEWER_TOKEN = 'viewer-token';

/** Writes its kubeconfig files into `dir` (which the caller removes). */
export async function startDemoCluster(dir: string): Promise<DemoCluster> {
  const server = await testCluster({
    namespace: 'team-a',
    namespaces: ['team-b'],
    users: { [VIEWER_TOKEN]: VIEWER },
  });
  try {
    const driven = await startDrivenCluster({
      rollouts: DEMO_ROLLOUTS.map((r) => ({ ...r, namespace: server.namespace(r.namespace) })),
      holderIdentity: 'editor-test-controller',
      gatePrettyName: 'Production approval',
      dir,
      server: {
        url: server.url,
        kubeconfig: server.kubeconfig(),
        viewerKubeconfig: server.kubeconfig({ token: VIEWER_TOKEN, user: 'viewer' }),
      },
    });
    const stopDriven = driven.close.bind(driven);
    return Object.assign(driven, {
      ns: server.namespace,
      namespaces: { 'team-a': server.namespace('team-a'), 'team-b': server.namespace('team-b') },
      async close() {
        await stopDriven();
        await server.close();
      },
    });
  } catch (e) {
    await server.close();
    throw e;
  }
}
