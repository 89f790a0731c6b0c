// How a pass answers a manual request (an annotation): §10.10 says a request that cannot take
// effect now is removed and reported, never kept for later; one that takes effect clears an
// earlier refusal from the ManualRequest condition.
import { RolloutConditions as C } from '../../model/index.js';
import { getCondition } from '../conditions.js';
import { ACCEPTED, refusalOutcome, type Refusal } from '../requests.js';
import { withCleared, withCondition, withEvents, type PassContext, type PassState } from './pass.js';

export function refused(ctx: PassContext, state: PassState, refusal: Refusal): PassState {
  const { event, condition } = refusalOutcome(refusal);
  const cleared = withCleared(
    state,
    refusal.clear.filter((key) => ctx.annotations[key] !== undefined),
  );
  return withCondition(ctx, withEvents(cleared, event), C.ManualRequest, condition);
}

export function accepted(ctx: PassContext, state: PassState): PassState {
  return getCondition(state.conditions, C.ManualRequest)
    ? withCondition(ctx, state, C.ManualRequest, ACCEPTED)
    : state;
}
