// One Flux-delivered app as Kuberik manages it: an ImagePolicy (with its ImageRepository if asked),
// the Kustomization the Rollout deploys into (substitute annotation), optionally a
// kustomization-class HealthCheck and a RolloutGate, and the Rollout. The CLI's demo installs one;
// tests build theirs from it (@kuberik/core/testing), so every fixture has the same wiring.
import type { StoredObject } from './types.js';

export interface SampleAppOptions {
  namespace: string;
  name: string;
  /** Image without tag (ImagePolicy status); default `ghcr.io/example/<name>`. */
  image?: string;
  /** ImagePolicy semver range; default `>=1.0.0`. */
  semverRange?: string;
  /** Adds the ImageRepository the ImagePolicy refers to (the real Flux wiring; `kubectl get`). */
  imageRepository?: boolean;
  /** A tag the ImagePolicy has already published (status.latestRef). */
  published?: string;
  /**
   * The version Flux applied before Kuberik arrived: postBuild APP_VERSION, and a Kustomization
   * that is Ready for its first generation at `at` (the engine adopts it, spec §5).
   */
  applied?: { version: string; at: Date };
  /** Extra Kustomization annotations (the sandbox's fail-versions and reconcile-delay). */
  kustomizationAnnotations?: Record<string, string>;
  /** Kustomization spec.path; default `./deploy`. */
  path?: string;
  /** Kustomization spec.interval; default `1m`. */
  interval?: string;
  /** A kustomization-class HealthCheck labelled app=<name>, selected by the Rollout. */
  healthCheck?: { name?: string; displayName?: string };
  /** A RolloutGate on the Rollout (default name `<name>-approval`). */
  gate?: { name?: string; prettyName?: string; description?: string };
  /** Rollout labels, besides `app: <name>` (always there when the app has a HealthCheck). */
  labels?: Record<string, string>;
  bakeTime?: string;
  deployTimeout?: string;
  versionHistoryLimit?: number;
}

const FLUX_IMAGE = 'image.toolkit.fluxcd.io/v1';
const KUBERIK = 'kuberik.com/v1alpha1';

/** Kubernetes writes condition times to the second. */
const stamp = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The app's objects, ready for `store.create` (which keeps their status). */
export function sampleApp(o: SampleAppOptions): StoredObject[] {
  const { name, namespace } = o;
  const app = { app: name };
  const labels = o.healthCheck ? { ...app, ...o.labels } : o.labels;
  const objects: StoredObject[] = [];
  if (o.imageRepository)
    objects.push({
      apiVersion: FLUX_IMAGE,
      kind: 'ImageRepository',
      metadata: { name, namespace },
      spec: { image: o.image ?? `ghcr.io/example/${name}`, interval: '1m' },
    });
  objects.push(
    {
      apiVersion: FLUX_IMAGE,
      kind: 'ImagePolicy',
      metadata: { name, namespace },
      spec: { imageRepositoryRef: { name }, policy: { semver: { range: o.semverRange ?? '>=1.0.0' } } },
      ...(o.published
        ? { status: { latestRef: { name: o.image ?? `ghcr.io/example/${name}`, tag: o.published } } }
        : {}),
    },
    kustomization(o),
  );
  if (o.healthCheck)
    objects.push({
      apiVersion: KUBERIK,
      kind: 'HealthCheck',
      metadata: {
        name: o.healthCheck.name ?? `${name}-kustomization`,
        namespace,
        labels: app,
        annotations: {
          'healthcheck.kuberik.com/kustomization': name,
          ...(o.healthCheck.displayName ? { 'kuberik.com/display-name': o.healthCheck.displayName } : {}),
        },
      },
      spec: { class: 'kustomization' },
    });
  if (o.gate) {
    const annotations = {
      ...(o.gate.prettyName ? { 'gate.kuberik.com/pretty-name': o.gate.prettyName } : {}),
      ...(o.gate.description ? { 'gate.kuberik.com/description': o.gate.description } : {}),
    };
    objects.push({
      apiVersion: KUBERIK,
      kind: 'RolloutGate',
      metadata: {
        name: o.gate.name ?? `${name}-approval`,
        namespace,
        ...(Object.keys(annotations).length ? { annotations } : {}),
      },
      spec: { rolloutRef: { name } },
    });
  }
  objects.push({
    apiVersion: KUBERIK,
    kind: 'Rollout',
    metadata: { name, namespace, ...(labels ? { labels } : {}) },
    spec: {
      releasesImagePolicy: { name },
      ...(o.bakeTime ? { bakeTime: o.bakeTime } : {}),
      ...(o.deployTimeout ? { deployTimeout: o.deployTimeout } : {}),
      ...(o.healthCheck ? { healthCheckSelector: { selector: { matchLabels: app } } } : {}),
      ...(o.versionHistoryLimit ? { versionHistoryLimit: o.versionHistoryLimit } : {}),
    },
  });
  return objects;
}

function kustomization(o: SampleAppOptions): StoredObject {
  const { name, namespace, applied } = o;
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: {
      name,
      namespace,
      annotations: { 'rollout.kuberik.com/substitute.APP_VERSION.from': name, ...o.kustomizationAnnotations },
    },
    spec: {
      interval: o.interval ?? '1m',
      path: o.path ?? './deploy',
      prune: true,
      sourceRef: { kind: 'GitRepository', name },
      ...(applied ? { postBuild: { substitute: { APP_VERSION: applied.version } } } : {}),
    },
    ...(applied
      ? {
          status: {
            observedGeneration: 1,
            lastAppliedRevision: applied.version,
            conditions: [
              {
                type: 'Ready',
                status: 'True',
                reason: 'ReconciliationSucceeded',
                message: `Applied revision: ${applied.version}`,
                lastTransitionTime: stamp(applied.at),
              },
            ],
          },
        }
      : {}),
  };
}
