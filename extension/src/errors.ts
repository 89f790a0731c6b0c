// One line for a notification: KubeError messages are already written for humans (same as the CLI);
// anything else is cut to its first line so a stack trace never lands in a toast.
import type { KubeError, KubeErrorKind } from '@kuberik/core/kube';

/**
 * Structural, not `instanceof`: importing core's kube module here would load client-node when the
 * bundle loads, and activation must stay cheap (core is loaded lazily, see cluster/lazyCore.ts).
 */
export function isKubeError(e: unknown, kind?: KubeErrorKind): e is KubeError {
  return (
    e instanceof Error &&
    e.name === 'KubeError' &&
    typeof (e as { kind?: unknown }).kind === 'string' &&
    (kind === undefined || (e as KubeError).kind === kind)
  );
}

export function errorMessage(e: unknown): string {
  if (isKubeError(e)) return e.message;
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0]?.trim() || 'unknown error';
}
