// meta.SetStatusCondition semantics: lastTransitionTime moves only when status changes.
import type { Condition, ConditionStatus } from '../model/index.js';
import { RolloutConditions } from '../model/index.js';

export interface ConditionValue {
  status: ConditionStatus;
  reason: string;
  message: string;
}

const ORDER: string[] = Object.values(RolloutConditions);

/** Conditions with `type` set to `value`, keeping lastTransitionTime when the status is unchanged. */
export function setCondition(
  conditions: Condition[],
  type: string,
  value: ConditionValue,
  now: string,
  observedGeneration?: number,
): Condition[] {
  const old = conditions.find((c) => c.type === type);
  const next: Condition = {
    type,
    status: value.status,
    reason: value.reason,
    message: value.message,
    lastTransitionTime:
      old && old.status === value.status && old.lastTransitionTime ? old.lastTransitionTime : now,
    ...(observedGeneration !== undefined ? { observedGeneration } : {}),
  };
  const others = conditions.filter((c) => c.type !== type);
  return [...others, next].sort((a, b) => rank(a.type) - rank(b.type));
}

function rank(type: string): number {
  const i = ORDER.indexOf(type);
  return i < 0 ? ORDER.length : i;
}

export function getCondition(conditions: Condition[] | undefined, type: string): Condition | undefined {
  return (conditions ?? []).find((c) => c.type === type);
}

/** Conditions without `type` (for conditions that only exist while something is shown). */
export function removeCondition(conditions: Condition[], type: string): Condition[] {
  return conditions.filter((c) => c.type !== type);
}
