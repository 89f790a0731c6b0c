// Verify (§3.5, §3.6): refresh the kustomization-class HealthChecks the engine provides, then
// advance history[0]'s bake on what they say. Runs on the observed state, and again after a deploy.
import { RolloutConditions as C } from '../../model/index.js';
import { advanceBake, errorCutoff } from '../bake.js';
import { getCondition } from '../conditions.js';
import { kustomizationHidden } from '../access.js';
import { refreshKustomizationHealthChecks } from '../healthcheck-status.js';
import { ociConsumers } from '../oci.js';
import {
  ACTIVE,
  kustomizationKeys,
  withEvents,
  withHistory0,
  wokenAt,
  type PassContext,
  type PassState,
} from './pass.js';

/**
 * Health and bake as observed. Kustomizations the resume patches touch count as one generation
 * ahead, so their stale Ready starts no bake. `unhealthy` is recorded here, before any deploy.
 */
export function verifyObserved(ctx: PassContext, state: PassState): PassState {
  const verified = ctx.invalid
    ? state
    : verify(ctx, state, state.patches.length > 0 ? kustomizationKeys(state.patches) : undefined);
  return { ...verified, unhealthy: verified.healthChecks.filter((hc) => hc.status?.status === 'Unhealthy') };
}

/** Refresh the HealthChecks (`patched`: Kustomizations this pass patches), then step the bake. */
export function verify(ctx: PassContext, state: PassState, patched?: Set<string>): PassState {
  const h0 = state.history[0];
  const deploying = h0?.bakeStatus === 'Deploying';
  const refreshed = refreshKustomizationHealthChecks(state.healthChecks, ctx.observed.kustomizations, {
    now: ctx.now,
    ...(deploying && ctx.oci.length > 0
      ? {
          revisionOf: {
            kustomizations: ociConsumers(ctx.oci, ctx.observed.kustomizations),
            tag: h0.version.tag,
          },
        }
      : {}),
    hidden: (kns) => kustomizationHidden(ctx.unreadable, kns),
    ...(deploying ? { cutoff: errorCutoff(h0) } : {}),
    ...(patched ? { patched } : {}),
  });
  const writes = new Map(state.healthCheckWrites);
  for (const w of refreshed.writes) writes.set(`${w.target.namespace ?? ''}/${w.target.name}`, w);
  return bake(ctx, { ...state, healthChecks: refreshed.healthChecks, healthCheckWrites: writes });
}

/** Advance an active bake on the HealthChecks as they are now. */
function bake(ctx: PassContext, state: PassState): PassState {
  const h0 = state.history[0];
  if (!h0 || !ACTIVE.has(h0.bakeStatus ?? '')) return state;
  const { settings } = ctx;
  const step = advanceBake(h0, {
    healthChecks: state.healthChecks,
    ...(settings.bakeTimeMs !== undefined ? { bakeTimeMs: settings.bakeTimeMs } : {}),
    ...(settings.deployTimeoutMs !== undefined ? { deployTimeoutMs: settings.deployTimeoutMs } : {}),
    recovery: getCondition(state.conditions, C.BakeFailureDisabled)?.status === 'True',
    now: ctx.now,
  });
  return wokenAt(withEvents(withHistory0(state, step.entry), ...step.events), step.wakeAt);
}
