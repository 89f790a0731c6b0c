// Properties of the phased pass over many random worlds: no phase changes its input (context and
// state are deep-frozen), the same input gives the same plan, and no world fails internally.
import { describe, expect, it } from 'vitest';
import { decide, PHASES } from '../decide.js';
import { randomWorld, seededRandom, WORLD_T0 } from '../test-support/random-worlds.js';
import { frozen } from '../test-support/phases.js';
import { initialState, readContext } from './context.js';
import { mark } from './mark.js';

describe('the phases over random worlds', () => {
  it('are pure: frozen inputs, the same plan twice, no internal error', { timeout: 300_000 }, () => {
    const rand = seededRandom(2026);
    const reasons = new Set<string>();
    for (let i = 0; i < 600; i++) {
      const world = frozen(randomWorld(rand));
      const now = new Date(WORLD_T0 + Math.floor(rand() * 60) * 60_000);
      const ctx = frozen(readContext(world, now));
      let state = frozen(initialState(ctx));
      for (const phase of PHASES) state = frozen(phase(ctx, state));
      const plan = mark(ctx, state);
      expect(decide(world, now)).toStrictEqual(plan);
      for (const e of plan.events) reasons.add(e.reason);
      expect(plan.events.filter((e) => e.reason === 'InternalError')).toEqual([]);
    }
    // The worlds reach the interesting paths, so the properties above are not checked on idle passes.
    for (const reason of [
      'Deployed',
      'Cancelled',
      'Rejected',
      'Adopted',
      'RetryRequested',
      'ForceDeployRefused',
    ]) {
      expect(reasons, reason).toContain(reason);
    }
  });
});
