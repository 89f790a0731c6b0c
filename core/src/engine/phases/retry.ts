// Retry (§4): a Failed history[0] goes back to Deploying with its bake reset; the annotation is
// always consumed, refused when there is nothing to retry.
import { Annotations, type DeploymentHistoryEntry } from '../../model/index.js';
import { BakeMessages } from '../bake.js';
import { retryRefusal } from '../requests.js';
import { accepted, refused } from './manual-request.js';
import { withCleared, withEvents, withHistory0, type PassContext, type PassState } from './pass.js';

export function retry(ctx: PassContext, state: PassState): PassState {
  if (ctx.annotations[Annotations.retry] === undefined) return state;
  const refusal = retryRefusal(ctx.settings.problems, state.history[0]);
  if (refusal) return refused(ctx, state, refusal);
  const consumed = withCleared(state, [Annotations.retry]);
  const h0 = state.history[0];
  if (!h0) return consumed;
  const retried: DeploymentHistoryEntry = {
    ...h0,
    bakeStatus: 'Deploying',
    bakeStatusMessage: BakeMessages.waiting,
    lastRetryTimestamp: ctx.nowText,
  };
  delete retried.bakeStartTime;
  delete retried.bakeEndTime;
  delete retried.failedHealthChecks;
  const event = {
    type: 'Normal' as const,
    reason: 'RetryRequested',
    message: `Retry requested; bake status reset at ${ctx.nowText}`,
  };
  return accepted(ctx, withEvents(withHistory0(consumed, retried), event));
}
