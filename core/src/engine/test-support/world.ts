// An in-memory world for engine tests: apply a Plan the way the driver and the API server would,
// and play Flux's part, so a whole lifecycle can run step by step with a moving clock.
import type { Condition, Kustomization, OCIRepository } from '../../model/index.js';
import { decide } from '../decide.js';
import type { Observed, Plan } from '../plan.js';

const clone = <T>(value: T): T => structuredClone(value);

/**
 * decide() turns any exception into a Ready=False/InternalError plan so a driver never crashes; a
 * test that only looked at the plan would pass on an engine that throws on every input. This fails it.
 */
export function decideOrFail(world: Observed, now: Date): Plan {
  const plan = decide(world, now);
  const internal = plan.events.find((e) => e.reason === 'InternalError');
  if (internal) throw new Error(`the engine failed internally: ${internal.message}`);
  return plan;
}

function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return clone(patch);
  const out: Record<string, unknown> =
    typeof target === 'object' && target !== null && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

const bump = (rv: string | undefined): string => String(Number(rv ?? '0') + 1);

/**
 * The observed objects after the driver carried out `plan`: merge patches (generation bumps on
 * spec change, resourceVersion checked), HealthCheck statuses, the rollout status, cleared annotations.
 * Throws on a resourceVersion conflict, as the API server would answer 409.
 */
export function applyPlan(world: Observed, plan: Plan): Observed {
  const next = clone(world);
  for (const p of plan.patches) {
    const pool: Array<Kustomization | OCIRepository> =
      p.target.kind === 'OCIRepository' ? (next.ociRepositories ?? []) : next.kustomizations;
    const k = pool.find(
      (x) => x.metadata.name === p.target.name && (x.metadata.namespace ?? '') === (p.target.namespace ?? ''),
    );
    if (!k) throw new Error(`patch target ${p.target.namespace}/${p.target.name} not found`);
    if (p.target.resourceVersion && p.target.resourceVersion !== k.metadata.resourceVersion) {
      throw new Error(`409 Conflict on ${p.target.namespace}/${p.target.name}`);
    }
    const before = JSON.stringify(k.spec);
    const patched = mergePatch(k, p.patch) as typeof k;
    Object.assign(k, patched);
    if (JSON.stringify(k.spec) !== before) k.metadata.generation = (k.metadata.generation ?? 1) + 1;
    k.metadata.resourceVersion = bump(k.metadata.resourceVersion);
  }
  for (const w of plan.healthCheckStatuses) {
    const hc = next.healthChecks.find(
      (x) => x.metadata.name === w.target.name && (x.metadata.namespace ?? '') === (w.target.namespace ?? ''),
    );
    if (!hc) throw new Error(`HealthCheck ${w.target.namespace}/${w.target.name} not found`);
    hc.status = clone(w.status);
    hc.metadata.resourceVersion = bump(hc.metadata.resourceVersion);
  }
  if (plan.status) next.rollout.status = clone(plan.status);
  if (plan.clearAnnotations.length > 0 && next.rollout.metadata.annotations) {
    for (const key of plan.clearAnnotations) delete next.rollout.metadata.annotations[key];
  }
  return next;
}

/** decide() at `now`, then apply its plan. */
export function step(world: Observed, now: Date): { world: Observed; plan: Plan } {
  const plan = decideOrFail(world, now);
  return { world: applyPlan(world, plan), plan };
}

function setReady(k: Kustomization, ready: Omit<Condition, 'type'>): void {
  const others = (k.status?.conditions ?? []).filter((c) => c.type !== 'Ready');
  const old = (k.status?.conditions ?? []).find((c) => c.type === 'Ready');
  const lastTransitionTime =
    old && old.status === ready.status ? old.lastTransitionTime : ready.lastTransitionTime;
  k.status = {
    ...(k.status ?? {}),
    conditions: [...others, { type: 'Ready', ...ready, lastTransitionTime }],
  };
}

/**
 * Flux's kustomize-controller: every Kustomization with an unobserved generation either starts
 * (`progressing`: Ready=Unknown, reason Progressing) or finishes reconciling (Ready=True, or
 * Ready=False/HealthCheckFailed when `fails(value)` says the substituted version is bad).
 */
export function flux(
  world: Observed,
  now: Date,
  opts: { progressing?: boolean; fails?: (substituted: string[]) => boolean } = {},
): Observed {
  const next = clone(world);
  const at = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  for (const k of next.kustomizations) {
    const generation = k.metadata.generation ?? 1;
    if ((k.status?.observedGeneration ?? -1) >= generation) continue;
    if (opts.progressing) {
      setReady(k, {
        status: 'Unknown',
        reason: 'Progressing',
        message: 'Reconciliation in progress',
        lastTransitionTime: at,
      });
      continue;
    }
    const values = Object.values(k.spec?.postBuild?.substitute ?? {});
    const failed = opts.fails?.(values) ?? false;
    setReady(
      k,
      failed
        ? {
            status: 'False',
            reason: 'HealthCheckFailed',
            message: 'Health check failed',
            lastTransitionTime: at,
          }
        : {
            status: 'True',
            reason: 'ReconciliationSucceeded',
            message: 'Applied revision',
            lastTransitionTime: at,
          },
    );
    k.status = { ...(k.status ?? {}), observedGeneration: generation };
    k.metadata.resourceVersion = bump(k.metadata.resourceVersion);
  }
  return next;
}

/** The image reflector: the ImagePolicy now reports `tag` as its latest. */
export function publish(world: Observed, tag: string): Observed {
  const next = clone(world);
  if (next.imagePolicy) next.imagePolicy.status = { latestRef: { name: 'ghcr.io/acme/app', tag } };
  return next;
}

/** A copy with the rollout's annotations changed (`undefined` removes a key). */
export function annotate(world: Observed, annotations: Record<string, string | undefined>): Observed {
  const next = clone(world);
  const meta = next.rollout.metadata;
  meta.annotations = { ...(meta.annotations ?? {}) };
  for (const [k, v] of Object.entries(annotations)) {
    if (v === undefined) delete meta.annotations[k];
    else meta.annotations[k] = v;
  }
  return next;
}
