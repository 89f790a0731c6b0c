// metav1.Condition upsert with apimachinery's rule: lastTransitionTime moves only when status does.
import type { Condition } from '../../model/meta.js';

export function withCondition(
  existing: unknown,
  next: Omit<Condition, 'lastTransitionTime'>,
  now: string,
): Condition[] {
  const list = Array.isArray(existing)
    ? (existing.filter((c) => c && typeof c === 'object') as Condition[])
    : [];
  const old = list.find((c) => c.type === next.type);
  const merged: Condition = {
    ...next,
    lastTransitionTime:
      old && old.status === next.status && old.lastTransitionTime ? old.lastTransitionTime : now,
  };
  return old ? list.map((c) => (c === old ? merged : c)) : [...list, merged];
}

export function findCondition(existing: unknown, type: string): Condition | undefined {
  return Array.isArray(existing) ? (existing as Condition[]).find((c) => c?.type === type) : undefined;
}
