// Rollouts for controller tests and the bench: each one an ImagePolicy, a Flux Kustomization that
// the rollout deploys into (substitute annotation), and the Rollout, written through the sandbox's
// in-process store (so they never show in the HTTP request log the RBAC test inspects).
import { leaseName } from '@kuberik/core/model';
import { sampleApp, type SandboxStore, type StoredObject } from '@kuberik/core/sandbox';
import { publishTag } from '@kuberik/core/testing';

export interface AppOptions {
  namespace: string;
  name: string;
  tag: string;
  /** Adds `healthCheckSelector` and a kustomization-class HealthCheck for the app. */
  healthCheck?: boolean;
  bakeTime?: string;
  labels?: Record<string, string>;
}

export const IMAGE_POLICY = { apiVersion: 'image.toolkit.fluxcd.io/v1', kind: 'ImagePolicy' } as const;
export const KUSTOMIZATION = { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization' } as const;
export const ROLLOUT = { apiVersion: 'kuberik.com/v1alpha1', kind: 'Rollout' } as const;
export const LEASE = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease' } as const;

export function ensureNamespace(store: SandboxStore, name: string, labels?: Record<string, string>): void {
  if (!store.get('v1', 'Namespace', name))
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
}

export function seedApp(store: SandboxStore, o: AppOptions): void {
  for (const obj of appObjects(o)) store.create(obj);
}

/** An app's objects: ImagePolicy (status at o.tag), Kustomization, optional HealthCheck, Rollout. */
export function appObjects(o: AppOptions): StoredObject[] {
  return sampleApp({
    namespace: o.namespace,
    name: o.name,
    image: `registry.example/${o.name}`,
    semverRange: '>=0.0.0',
    published: o.tag,
    interval: '5m',
    path: `./deploy/${o.name}`,
    ...(o.healthCheck ? { healthCheck: { name: o.name } } : {}),
    labels: { app: o.name, ...o.labels },
    bakeTime: o.bakeTime,
  });
}

/** Publishes a new tag the way Flux's image reflector does: ImagePolicy status.latestRef. */
export const publish = (store: SandboxStore, namespace: string, name: string, tag: string): void =>
  publishTag(store, namespace, name, tag, `registry.example/${name}`);

export const substituted = (k: object | undefined): string | undefined =>
  (k as { spec?: { postBuild?: { substitute?: Record<string, string> } } } | undefined)?.spec?.postBuild
    ?.substitute?.APP_VERSION;

export const leaseHolder = (store: SandboxStore, namespace: string, name: string): string | undefined =>
  (
    (store.get(LEASE.apiVersion, LEASE.kind, leaseName(name), namespace)?.spec ?? {}) as {
      holderIdentity?: string | null;
    }
  ).holderIdentity ?? undefined;

/** Polls until `check` returns a value (not undefined/false); fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | false,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
