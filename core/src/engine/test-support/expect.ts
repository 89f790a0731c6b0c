// The idempotence property every scenario must keep: deciding again on the applied result, at the
// same instant, changes nothing and announces nothing.
import { expect } from 'vitest';
import type { Observed, Plan } from '../plan.js';
import { applyPlan, decideOrFail } from './world.js';

export function decideStable(world: Observed, now: Date): { plan: Plan; world: Observed } {
  const plan = decideOrFail(world, now);
  const after = applyPlan(world, plan);
  const again = decideOrFail(after, now);
  // Compared as values first so a failure shows the difference, then as "no write at all".
  expect(again.status ?? after.rollout.status, 'a second decide changes the status').toEqual(
    after.rollout.status,
  );
  expect(again.status, 'a second decide writes the status').toBeUndefined();
  expect(again.events, 'a second decide records events').toEqual([]);
  expect(again.patches, 'a second decide patches again').toEqual([]);
  expect(again.healthCheckStatuses, 'a second decide rewrites HealthChecks').toEqual([]);
  expect(again.clearAnnotations).toEqual([]);
  return { plan, world: after };
}
