// Opens the connection to the cluster the way kubectl would (--kubeconfig, KUBECONFIG, --context,
// -n). Commands import this module lazily, so cheap commands never load the Kubernetes layer; its own
// imports are static, so a bundle keeps only what they name (docs/cli-startup.md).
import { createKube, type Kube } from '@kuberik/core/kube';
import { parseDuration } from '../format/duration.js';
import { CliError } from '../lib/cli-error.js';

export interface KubeTarget {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  /** Kubeconfig content (the in-process sandbox of `demo`); wins over the paths. */
  kubeconfigText?: string;
  /** --request-timeout, a Go duration; "0" means none. */
  'request-timeout'?: string;
}

export interface Session {
  kube: Kube;
  /** The effective namespace: -n, else the context's, else default. */
  namespace: string;
  context: string;
  close(): void;
}

export async function openSession(t: KubeTarget): Promise<Session> {
  const text = t['request-timeout'];
  const requestTimeoutMs = text === undefined ? undefined : parseDuration(text);
  if (text !== undefined && requestTimeoutMs === undefined) {
    throw new CliError(`--request-timeout "${text}" is not a duration — use e.g. 5s, 1m, or 0 for none`);
  }
  const kube = createKube({
    kubeconfig: t.kubeconfig,
    kubeconfigText: t.kubeconfigText,
    context: t.context,
    namespace: t.namespace,
    ...(requestTimeoutMs !== undefined ? { requestTimeoutMs } : {}),
  });
  return {
    kube,
    namespace: kube.namespace,
    context: kube.config.context,
    close: () => kube.close(),
  };
}
