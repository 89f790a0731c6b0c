// For the phase tests: the context and the state a phase receives inside a real pass.
import { PHASES } from '../decide.js';
import type { Observed } from '../plan.js';
import { initialState, readContext } from '../phases/context.js';
import type { PassContext, PassState, Phase } from '../phases/pass.js';

/** The context of a pass over `observed` at `now`, and the state the phases before `phase` leave. */
export function before(phase: Phase, observed: Observed, now: Date): { ctx: PassContext; state: PassState } {
  const ctx = readContext(observed, now);
  const index = PHASES.indexOf(phase);
  if (index < 0) throw new Error(`${phase.name} is not a phase of decide()`);
  const state = PHASES.slice(0, index).reduce((s, p) => p(ctx, s), initialState(ctx));
  return { ctx, state };
}

/** Deep-freezes a value, so a phase that changes its input throws (modules run in strict mode). */
export function frozen<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) frozen(v);
  }
  return value;
}
