// The engine is the provider of kustomization-class HealthChecks (spec §2.4): it computes their
// status from the observed Kustomization and writes it, and uses the fresh values in the same decision.
// It also resets every other selected check at deploy and retry (spec §10.2), so that only what
// its provider writes afterwards counts.
import type { HealthCheck, HealthCheckStatus, Kustomization } from '../model/index.js';
import { isKustomizationClass, kustomizationHealth, kustomizationRef } from './health.js';
import type { HealthCheckStatusWrite } from './plan.js';
import { formatRfc3339, parseTime } from './time.js';

export interface HealthRefresh {
  /** The same HealthChecks, kustomization-class ones carrying their new status. */
  healthChecks: HealthCheck[];
  writes: HealthCheckStatusWrite[];
}

export interface RefreshOptions {
  now: Date;
  /**
   * Deploy (or retry) time of a Deploying history[0]. A check last changed before it is
   * re-observed now, like upstream's reset on deploy, so the bake waits for health seen afterwards.
   */
  cutoff?: number;
  /** `namespace/name` of Kustomizations this decision patches: Flux has yet to see their new generation. */
  patched?: ReadonlySet<string>;
  /** Namespace → could a Kustomization there exist unseen (RBAC)? Then the check is left as it is. */
  hidden?: (namespace: string) => boolean;
  /**
   * `namespace/name` of Kustomizations fed by an OCIRepository this deploy set to `tag`: Healthy
   * only once Flux applied a revision of that tag.
   */
  revisionOf?: { kustomizations: ReadonlySet<string>; tag: string };
}

function sameStatus(a: HealthCheckStatus | undefined, b: HealthCheckStatus): boolean {
  return (
    (a?.status ?? undefined) === b.status &&
    (a?.message ?? undefined) === b.message &&
    (a?.lastChangeTime ?? undefined) === b.lastChangeTime &&
    (a?.lastErrorTime ?? undefined) === b.lastErrorTime
  );
}

export const RESET_MESSAGE = 'Health check reset due to new deployment';

const keyOf = (hc: HealthCheck): HealthCheckStatusWrite['target'] => ({
  apiVersion: hc.apiVersion,
  kind: hc.kind,
  ...(hc.metadata.namespace ? { namespace: hc.metadata.namespace } : {}),
  name: hc.metadata.name,
  ...(hc.metadata.resourceVersion ? { resourceVersion: hc.metadata.resourceVersion } : {}),
});

/** Pending with a fresh lastChangeTime and no lastErrorTime, when it last changed before the cutoff. */
function resetIfStale(
  hc: HealthCheck,
  cutoff: number | undefined,
  nowText: string,
): HealthCheckStatus | undefined {
  if (cutoff === undefined) return undefined;
  const changedAt = parseTime(hc.status?.lastChangeTime);
  if (changedAt !== undefined && changedAt >= cutoff) return undefined;
  return { status: 'Pending', message: RESET_MESSAGE, lastChangeTime: nowText };
}

const later = (a: string | undefined, b: string | undefined): string | undefined =>
  (parseTime(a) ?? -Infinity) >= (parseTime(b) ?? -Infinity) ? a : b;

export function refreshKustomizationHealthChecks(
  healthChecks: HealthCheck[],
  kustomizations: Kustomization[],
  options: RefreshOptions,
): HealthRefresh {
  const nowText = formatRfc3339(options.now);
  const writes: HealthCheckStatusWrite[] = [];
  const out = healthChecks.map((hc) => {
    if (!isKustomizationClass(hc)) {
      const reset = resetIfStale(hc, options.cutoff, nowText);
      if (!reset) return hc;
      writes.push({ target: keyOf(hc), status: reset });
      return { ...hc, status: reset };
    }
    const ref = kustomizationRef(hc);
    let health;
    if ('error' in ref) {
      health = { status: 'Unhealthy' as const, message: ref.error };
    } else {
      const key = `${ref.namespace}/${ref.name}`;
      let k = kustomizations.find(
        (x) => x.metadata.name === ref.name && (x.metadata.namespace ?? '') === ref.namespace,
      );
      // Unreadable is not missing: never write "not found" for what RBAC hides (spec §10.6).
      if (!k && options.hidden?.(ref.namespace)) return hc;
      if (k && options.patched?.has(key)) {
        // Our patch bumps the generation; until Flux observes it, its old Ready says nothing.
        k = { ...k, metadata: { ...k.metadata, generation: (k.metadata.generation ?? 0) + 1 } };
      }
      health = kustomizationHealth(k, key);
      const want = options.revisionOf;
      if (k && health.status === 'Healthy' && want?.kustomizations.has(key)) {
        const applied = k.status?.lastAppliedRevision ?? '';
        if (applied !== want.tag && !applied.startsWith(`${want.tag}@`)) {
          health = {
            status: 'Pending' as const,
            message: `Kustomization ${key} has not applied ${want.tag} from its OCIRepository yet (applied: ${applied || 'nothing'})`,
          };
        }
      }
    }
    const old = hc.status ?? {};
    const changedAt = parseTime(old.lastChangeTime);
    const stale = options.cutoff !== undefined && (changedAt === undefined || changedAt < options.cutoff);
    const next: HealthCheckStatus = { status: health.status, message: health.message };
    next.lastChangeTime =
      old.status !== health.status || stale || !old.lastChangeTime ? nowText : old.lastChangeTime;
    const keptError = stale ? undefined : old.lastErrorTime;
    if (health.status === 'Unhealthy') {
      // Every failure observation leaves a witness; reuse the old one while the same failure persists.
      const witness = 'errorTime' in health && health.errorTime ? health.errorTime : undefined;
      const sameFailure = old.status === 'Unhealthy' && old.message === health.message && keptError;
      next.lastErrorTime = witness
        ? (later(witness, keptError) as string)
        : sameFailure
          ? keptError
          : nowText;
    } else if (keptError) {
      next.lastErrorTime = keptError;
    }
    if (sameStatus(hc.status, next)) return hc;
    writes.push({ target: keyOf(hc), status: next });
    return { ...hc, status: next };
  });
  return { healthChecks: out, writes };
}
