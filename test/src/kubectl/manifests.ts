// Manifests the fidelity tests apply with kubectl.

export const rolloutYaml = (
  name: string,
  extra: {
    wantedVersion?: string;
    limit?: number | string;
    labels?: Record<string, string>;
    finalizers?: string[];
    namespace?: string;
  } = {},
): string => {
  const labels = Object.entries(extra.labels ?? { app: name })
    .map(([k, v]) => `    ${k}: ${v}`)
    .join('\n');
  return [
    'apiVersion: kuberik.com/v1alpha1',
    'kind: Rollout',
    'metadata:',
    `  name: ${name}`,
    `  namespace: ${extra.namespace ?? 'default'}`,
    '  labels:',
    labels,
    ...(extra.finalizers ? ['  finalizers:', ...extra.finalizers.map((f) => `    - ${f}`)] : []),
    'spec:',
    '  releasesImagePolicy:',
    `    name: ${name}`,
    `  versionHistoryLimit: ${typeof extra.limit === 'string' ? JSON.stringify(extra.limit) : (extra.limit ?? 5)}`,
    ...(extra.wantedVersion ? [`  wantedVersion: ${extra.wantedVersion}`] : []),
    '',
  ].join('\n');
};

export const rolloutStatus = (phase: string, ready: 'True' | 'False') => ({
  currentVersion: 'v1.2.0',
  pendingVersion: 'v1.3.0',
  phase,
  gatesSummary: '1/2',
  history: [
    { id: 1, version: { tag: 'v1.2.0' }, timestamp: '2026-01-01T00:00:00Z', bakeStatus: 'InProgress' },
  ],
  conditions: [
    {
      type: 'Ready',
      status: ready,
      reason: phase,
      message: `phase ${phase}`,
      lastTransitionTime: '2026-01-01T00:00:00Z',
    },
  ],
});
