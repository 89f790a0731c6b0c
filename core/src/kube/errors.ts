// The only error shape that leaves the Kubernetes layer. UIs print `message` as is: one line that
// says what is wrong and what to do. `detail` carries the raw cause for --debug.

export type KubeErrorKind = 'NotFound' | 'Forbidden' | 'Conflict' | 'Invalid' | 'Unreachable' | 'NoConfig';

export class KubeError extends Error {
  override readonly name = 'KubeError';
  constructor(
    readonly kind: KubeErrorKind,
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
  }
}

export const isKubeError = (e: unknown, kind?: KubeErrorKind): e is KubeError =>
  e instanceof KubeError && (kind === undefined || e.kind === kind);
