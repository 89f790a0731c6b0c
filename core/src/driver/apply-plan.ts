// Carries out one Plan for one rollout, in the order the contract gives: the rollout status first
// (it is the intent record: a deploy's history entry exists before anything is patched), then
// object patches (deploy), HealthCheck statuses, annotation removal, Events. Every write is guarded
// by the resourceVersion the plan was decided on; a 409 stops the plan so the rollout is re-read
// and re-decided — never overwritten. If a patch does not land after the status was written, the
// engine sees history[0] ahead of the Kustomization and patches again (decide.ts, "Resume").
import type { Plan } from '../engine/plan.js';
import { type EventRecorder, type Kube, KubeError, Kinds, kindFor } from '../kube/index.js';
import type { KubeObject, Rollout, RolloutStatus } from '../model/index.js';

export type ApplyOutcome =
  | { ok: true; rollout: Rollout; events: Plan['events'] }
  /** Someone changed an object we decided on; the fresh copy is in the cache: decide again. */
  | { ok: false; conflict: true; events: Plan['events'] }
  | { ok: false; conflict: false; error: KubeError; events: Plan['events'] }
  /** The lease expired before a write: another process may drive now; nothing was written after it. */
  | { ok: false; conflict: false; leaseLost: true; events: Plan['events'] };

export interface ApplyContext {
  kube: Kube;
  recorder: EventRecorder;
  /** Put an object we re-read (or wrote unguarded) into the caches. */
  remember(obj: KubeObject): void;
  /**
   * Put the answer of a write guarded by the resourceVersion the plan was decided on into the
   * caches. It is exactly the decided state plus our change (anything else in between would have
   * been a 409), and deciding again on it plans nothing (the engine's idempotence property,
   * core/src/engine/idempotence.test.ts), so it need not wake the rollout's own reconcile.
   * Defaults to remember.
   */
  wrote?(obj: KubeObject): void;
  /** Last check before writing the rollout: do we still hold the lease? */
  stillDriving(): boolean;
}

/** Merge patch that turns `old` status into `next`: changed keys set, removed keys nulled. */
export function statusPatch(old: RolloutStatus | undefined, next: RolloutStatus): Record<string, unknown> {
  const patch: Record<string, unknown> = { ...next };
  for (const k of Object.keys(old ?? {})) if (!(k in next)) patch[k] = null;
  return patch;
}

async function refetch(
  ctx: ApplyContext,
  target: { apiVersion: string; kind: string; namespace?: string; name: string },
): Promise<void> {
  const kind = kindFor(target.apiVersion, target.kind);
  if (!kind) return;
  const fresh = await ctx.kube.find(kind, target.namespace, target.name).catch(() => undefined);
  if (fresh) ctx.remember(fresh);
}

export async function applyPlan(ctx: ApplyContext, rollout: Rollout, plan: Plan): Promise<ApplyOutcome> {
  const wrote = (obj: KubeObject, guard: string | undefined): void =>
    guard && ctx.wrote ? ctx.wrote(obj) : ctx.remember(obj);
  const ns = rollout.metadata.namespace ?? 'default';
  const name = rollout.metadata.name;
  const rolloutTarget = { apiVersion: rollout.apiVersion, kind: 'Rollout', namespace: ns, name };
  let current = rollout;
  // Once the status is written, the transitions it records happened: their Events are announced
  // even when a later write fails (the retried plan no longer contains them).
  let events: Plan['events'] = [];
  const fail = async (e: unknown, target?: Parameters<typeof refetch>[1]): Promise<ApplyOutcome> => {
    if (e instanceof KubeError && e.kind === 'Conflict') {
      if (target) await refetch(ctx, target);
      return { ok: false, conflict: true, events };
    }
    return {
      ok: false,
      conflict: false,
      error: e instanceof KubeError ? e : new KubeError('Unreachable', String(e), e),
      events,
    };
  };
  const leaseLost = (): ApplyOutcome => ({ ok: false, conflict: false, leaseLost: true, events });

  if (!ctx.stillDriving()) return leaseLost();

  if (plan.status) {
    try {
      current = await ctx.kube.mergePatch(
        Kinds.Rollout,
        ns,
        name,
        { status: statusPatch(rollout.status, plan.status) },
        { resourceVersion: rollout.metadata.resourceVersion, status: true },
      );
      wrote(current, rollout.metadata.resourceVersion);
    } catch (e) {
      return fail(e, rolloutTarget);
    }
  }
  events = plan.events;

  for (const p of plan.patches) {
    if (!ctx.stillDriving()) return leaseLost();
    const kind = kindFor(p.target.apiVersion, p.target.kind);
    if (!kind) {
      return fail(
        new KubeError('Invalid', `plan names unknown kind ${p.target.apiVersion} ${p.target.kind}`),
      );
    }
    try {
      const written = await ctx.kube.mergePatch(kind, p.target.namespace, p.target.name, p.patch, {
        resourceVersion: p.target.resourceVersion,
      });
      wrote(written, p.target.resourceVersion);
    } catch (e) {
      return fail(e, p.target);
    }
  }

  for (const w of plan.healthCheckStatuses) {
    try {
      const written = await ctx.kube.mergePatch(
        Kinds.HealthCheck,
        w.target.namespace,
        w.target.name,
        // A merge patch keeps what it does not name: fields the plan left out are removed explicitly
        // (a reset drops lastErrorTime).
        { status: { lastErrorTime: null, message: null, ...w.status } },
        { resourceVersion: w.target.resourceVersion, status: true },
      );
      wrote(written, w.target.resourceVersion);
    } catch (e) {
      return fail(e, w.target);
    }
  }

  if (plan.clearAnnotations.length > 0) {
    // Remove only what the plan processed: an annotation set anew meanwhile (a different value) stays.
    const seen = rollout.metadata.annotations ?? {};
    for (let attempt = 0; attempt < 4; attempt++) {
      const have = current.metadata.annotations ?? {};
      const keys = plan.clearAnnotations.filter((k) => k in have && have[k] === seen[k]);
      if (keys.length === 0) break;
      try {
        current = await ctx.kube.mergePatch(
          Kinds.Rollout,
          ns,
          name,
          { metadata: { annotations: Object.fromEntries(keys.map((k) => [k, null])) } },
          { resourceVersion: current.metadata.resourceVersion },
        );
        ctx.remember(current);
        break;
      } catch (e) {
        if (!(e instanceof KubeError && e.kind === 'Conflict')) return fail(e);
        current = await ctx.kube.get(Kinds.Rollout, ns, name);
        ctx.remember(current);
      }
    }
  }

  return { ok: true, rollout: current, events: plan.events };
}
