// Annotations that steer the simulated Flux controllers from kubectl (issue 3, item 5).

export const SimAnnotations = {
  /** On an ImagePolicy: publish this tag now; removed once done. */
  publish: 'sandbox.kuberik.com/publish',
  /** On an ImagePolicy: Go duration between two tags of `tags`. */
  every: 'sandbox.kuberik.com/every',
  /** On an ImagePolicy: comma-separated tags published in order, one per `every`. */
  tags: 'sandbox.kuberik.com/tags',
  /** On a Kustomization: Go duration from a spec change to Ready (default 3s). */
  reconcileDelay: 'sandbox.kuberik.com/reconcile-delay',
  /** On a Kustomization: comma-separated globs (`*`); a matching substitute value fails its health. */
  failVersions: 'sandbox.kuberik.com/fail-versions',
} as const;

export const IMAGE_POLICY_API = 'image.toolkit.fluxcd.io/v1';
export const IMAGE_REPOSITORY_API = 'image.toolkit.fluxcd.io/v1';
export const KUSTOMIZATION_API = 'kustomize.toolkit.fluxcd.io/v1';

/** Splits a comma-separated annotation value, dropping blanks. */
export const splitList = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
