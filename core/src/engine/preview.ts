// What the engine would do with a manual request, decided on the state a tool observes now — so a
// CLI refuses up front exactly what the driver would refuse (§10.10), with the driver's own words.
import { Annotations } from '../model/index.js';
import { decide } from './decide.js';
import type { Observed } from './plan.js';

const REFUSALS = new Set(['ForceDeployRefused', 'RetryRefused']);

export type ManualRequest = { kind: 'force-deploy'; version: string } | { kind: 'retry' };

/** The refusal message the engine would give for `request` at `now`, or undefined when it would act. */
export function previewRefusal(observed: Observed, request: ManualRequest, now: Date): string | undefined {
  const r = observed.rollout;
  const add: Record<string, string> =
    request.kind === 'force-deploy'
      ? { [Annotations.forceDeploy]: request.version }
      : { [Annotations.retry]: now.toISOString() };
  const asked = { ...r, metadata: { ...r.metadata, annotations: { ...r.metadata.annotations, ...add } } };
  const plan = decide({ ...observed, rollout: asked }, now);
  return plan.events.find((e) => REFUSALS.has(e.reason))?.message;
}
