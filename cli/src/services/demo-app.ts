// The demo app both `demo` and `sandbox --demo` install: an ImagePolicy, a Kustomization wired to
// the rollout (with one version marked to fail), a kustomization HealthCheck, an approval gate, a
// business-hours schedule that is open right now, and a Rollout with a short bake.
import type { SandboxStore, StoredObject } from '@kuberik/core/sandbox';

export const DEMO = {
  namespace: 'default',
  rollout: 'my-app',
  gate: 'production-approval',
  schedule: 'business-hours',
  healthCheck: 'my-app-kustomization',
  firstVersion: 'v1.0.0',
  /** Published in order by the story; the failing one is marked on the Kustomization. */
  versions: ['v1.1.0', 'v1.2.0', 'v1.2.1'],
  failing: 'v1.2.0',
} as const;

export interface DemoTimings {
  /** Kustomization reconcile delay (ms). */
  reconcileMs: number;
  bakeMs: number;
  deployTimeoutMs: number;
}

/** Story timings at pace 1 (a newcomer's minute); `pace` scales them all (0.1 = ten times faster). */
export function demoTimings(pace: number): DemoTimings {
  return {
    reconcileMs: Math.max(200, Math.round(3000 * pace)),
    bakeMs: Math.max(1000, Math.round(12_000 * pace)),
    deployTimeoutMs: Math.max(3000, Math.round(30_000 * pace)),
  };
}

const goDuration = (ms: number): string => (ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`);
const hhmm = (d: Date): string =>
  `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;

/** An Allow window from the top of the current UTC hour for 9 hours: open whenever the demo runs. */
export function businessHoursOpenAt(now: Date): { start: string; end: string } {
  const start = new Date(now);
  start.setUTCMinutes(0, 0, 0);
  return { start: hhmm(start), end: hhmm(new Date(start.getTime() + 9 * 3600_000)) };
}

export function demoObjects(now: Date, t: DemoTimings): StoredObject[] {
  const ns = DEMO.namespace;
  const labels = { app: DEMO.rollout };
  return [
    {
      apiVersion: 'image.toolkit.fluxcd.io/v1',
      kind: 'ImageRepository',
      metadata: { name: DEMO.rollout, namespace: ns },
      spec: { image: 'ghcr.io/example/my-app', interval: '1m' },
    },
    {
      apiVersion: 'image.toolkit.fluxcd.io/v1',
      kind: 'ImagePolicy',
      metadata: { name: DEMO.rollout, namespace: ns },
      spec: { imageRepositoryRef: { name: DEMO.rollout }, policy: { semver: { range: '>=1.0.0' } } },
      status: { latestRef: { name: 'ghcr.io/example/my-app', tag: DEMO.firstVersion } },
    },
    {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: {
        name: DEMO.rollout,
        namespace: ns,
        annotations: {
          [`rollout.kuberik.com/substitute.APP_VERSION.from`]: DEMO.rollout,
          'sandbox.kuberik.com/fail-versions': DEMO.failing,
          'sandbox.kuberik.com/reconcile-delay': goDuration(t.reconcileMs),
        },
      },
      spec: {
        interval: '1m',
        path: './deploy',
        prune: true,
        sourceRef: { kind: 'GitRepository', name: DEMO.rollout },
        postBuild: { substitute: { APP_VERSION: DEMO.firstVersion } },
      },
    },
    {
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'HealthCheck',
      metadata: {
        name: DEMO.healthCheck,
        namespace: ns,
        labels,
        annotations: {
          'healthcheck.kuberik.com/kustomization': DEMO.rollout,
          'kuberik.com/display-name': 'my-app deployment',
        },
      },
      spec: { class: 'kustomization' },
    },
    {
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'RolloutGate',
      metadata: {
        name: DEMO.gate,
        namespace: ns,
        annotations: {
          'gate.kuberik.com/pretty-name': 'Production approval',
          'gate.kuberik.com/description': 'A human signs off every production version.',
        },
      },
      spec: { rolloutRef: { name: DEMO.rollout } },
    },
    {
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'RolloutSchedule',
      metadata: {
        name: DEMO.schedule,
        namespace: ns,
        annotations: { 'gate.kuberik.com/pretty-name': 'Business hours' },
      },
      spec: {
        rolloutSelector: { matchLabels: labels },
        rules: [{ name: 'office', timeRange: businessHoursOpenAt(now) }],
        timezone: 'UTC',
        action: 'Allow',
      },
    },
    {
      apiVersion: 'kuberik.com/v1alpha1',
      kind: 'Rollout',
      metadata: { name: DEMO.rollout, namespace: ns, labels },
      spec: {
        releasesImagePolicy: { name: DEMO.rollout },
        bakeTime: goDuration(t.bakeMs),
        deployTimeout: goDuration(t.deployTimeoutMs),
        healthCheckSelector: { selector: { matchLabels: labels } },
        versionHistoryLimit: 10,
      },
    },
  ];
}

/** Installs the demo app into a sandbox (in-process store; status of the Flux objects included). */
export function seedDemoApp(store: SandboxStore, now: Date, t: DemoTimings): void {
  for (const obj of demoObjects(now, t)) {
    const created = store.create(obj);
    if (obj.kind === 'Kustomization') {
      // Flux had applied v1.0.0 before we arrived: Ready for the current generation (adopted, spec §5).
      const generation = (created.metadata?.generation as number | undefined) ?? 1;
      store.patch(
        'kustomize.toolkit.fluxcd.io/v1',
        'Kustomization',
        DEMO.rollout,
        DEMO.namespace,
        {
          status: {
            observedGeneration: generation,
            lastAppliedRevision: DEMO.firstVersion,
            conditions: [
              {
                type: 'Ready',
                status: 'True',
                reason: 'ReconciliationSucceeded',
                message: `Applied revision: ${DEMO.firstVersion}`,
                lastTransitionTime: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
              },
            ],
          },
        },
        { subresource: 'status' },
      );
    }
  }
}
