// The demo app both `demo` and `sandbox --demo` install: an ImagePolicy, a Kustomization wired to
// the rollout (with one version marked to fail), a kustomization HealthCheck, an approval gate, a
// business-hours schedule that is open right now, and a Rollout with a short bake.
import { sampleApp, type SandboxStore, type StoredObject } from '@kuberik/core/sandbox';

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
  const app = sampleApp({
    namespace: DEMO.namespace,
    name: DEMO.rollout,
    imageRepository: true,
    published: DEMO.firstVersion,
    // Flux had applied v1.0.0 before we arrived: Ready for the current generation (adopted, spec §5).
    applied: { version: DEMO.firstVersion, at: now },
    kustomizationAnnotations: {
      'sandbox.kuberik.com/fail-versions': DEMO.failing,
      'sandbox.kuberik.com/reconcile-delay': goDuration(t.reconcileMs),
    },
    healthCheck: { name: DEMO.healthCheck, displayName: 'my-app deployment' },
    gate: {
      name: DEMO.gate,
      prettyName: 'Production approval',
      description: 'A human signs off every production version.',
    },
    bakeTime: goDuration(t.bakeMs),
    deployTimeout: goDuration(t.deployTimeoutMs),
    versionHistoryLimit: 10,
  });
  const schedule: StoredObject = {
    apiVersion: 'kuberik.com/v1alpha1',
    kind: 'RolloutSchedule',
    metadata: {
      name: DEMO.schedule,
      namespace: DEMO.namespace,
      annotations: { 'gate.kuberik.com/pretty-name': 'Business hours' },
    },
    spec: {
      rolloutSelector: { matchLabels: { app: DEMO.rollout } },
      rules: [{ name: 'office', timeRange: businessHoursOpenAt(now) }],
      timezone: 'UTC',
      action: 'Allow',
    },
  };
  // The Rollout last, so everything it refers to exists when a driver first sees it.
  return [...app.slice(0, -1), schedule, ...app.slice(-1)];
}

/** Installs the demo app into a sandbox (in-process store; status of the Flux objects included). */
export function seedDemoApp(store: SandboxStore, now: Date, t: DemoTimings): void {
  for (const obj of demoObjects(now, t)) store.create(obj);
}
