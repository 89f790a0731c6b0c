// Opens the connection to the cluster the way kubectl would (--kubeconfig, KUBECONFIG, --context,
// -n). Core is imported lazily so cheap commands never load the Kubernetes layer.
import type { Kube } from '@kuberik/core/kube';

export interface KubeTarget {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  /** Kubeconfig content (the in-process sandbox of `demo`); wins over the paths. */
  kubeconfigText?: string;
}

export interface Session {
  kube: Kube;
  /** The effective namespace: -n, else the context's, else default. */
  namespace: string;
  context: string;
  close(): void;
}

export async function openSession(t: KubeTarget): Promise<Session> {
  const { createKube } = await import('@kuberik/core/kube');
  const kube = createKube({
    kubeconfig: t.kubeconfig,
    kubeconfigText: t.kubeconfigText,
    context: t.context,
    namespace: t.namespace,
  });
  return {
    kube,
    namespace: kube.namespace,
    context: kube.config.context,
    close: () => kube.close(),
  };
}
