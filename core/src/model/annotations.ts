// Annotation and label keys shared with the upstream controller and the dashboard (spec §4, upstream §1.7).

export const Annotations = {
  forceDeploy: 'rollout.kuberik.com/force-deploy',
  deployMessage: 'rollout.kuberik.com/deploy-message',
  deployUser: 'rollout.kuberik.com/deploy-user',
  retry: 'rollout.kuberik.com/retry',
  unblockFailed: 'rollout.kuberik.com/unblock-failed',
  gatePrettyName: 'gate.kuberik.com/pretty-name',
  gateDescription: 'gate.kuberik.com/description',
  healthCheckKustomization: 'healthcheck.kuberik.com/kustomization',
} as const;

/** `rollout.kuberik.com/substitute.<VAR>.from: <rollout>` or `<namespace>/<rollout>` on a Kustomization. */
export const SUBSTITUTE_ANNOTATION = /^rollout\.kuberik\.com\/substitute\.([^.]+)\.from$/;

/** Lease name for a rollout (spec §2.6). */
export const leaseName = (rollout: string): string => `kuberik-rollout-${rollout}`;
