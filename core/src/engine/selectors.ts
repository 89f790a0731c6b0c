// Kubernetes LabelSelector semantics (apimachinery LabelSelectorAsSelector).
import type { LabelSelector } from '../model/index.js';

export interface SelectorMatch {
  matches: boolean;
  /** Set when the selector is invalid; it then matches nothing. */
  error?: string;
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/** Why a selector is invalid, or undefined when it is valid. An absent selector is valid. */
export function validateLabelSelector(selector: LabelSelector | undefined): string | undefined {
  if (selector === undefined || selector === null) return undefined;
  if (typeof selector !== 'object') return 'a label selector must be an object';
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (typeof value !== 'string') return `matchLabels.${key} must be a string`;
  }
  for (const [i, req] of (selector.matchExpressions ?? []).entries()) {
    if (!req || typeof req.key !== 'string' || req.key === '') return `matchExpressions[${i}] has no key`;
    if (!OPERATORS.has(req.operator)) {
      return `matchExpressions[${i}] (${req.key}) has unknown operator "${String(req.operator)}" (use In, NotIn, Exists or DoesNotExist)`;
    }
    const values = req.values ?? [];
    if ((req.operator === 'In' || req.operator === 'NotIn') && values.length === 0) {
      return `matchExpressions[${i}] (${req.key} ${req.operator}) needs at least one value`;
    }
    if ((req.operator === 'Exists' || req.operator === 'DoesNotExist') && values.length > 0) {
      return `matchExpressions[${i}] (${req.key} ${req.operator}) must not have values`;
    }
  }
  return undefined;
}

/**
 * Does `selector` select an object with `labels`? An absent selector matches nothing and an empty
 * one matches everything (callers that mean "absent = all" say so themselves). Never throws.
 */
export function matchesLabelSelector(
  selector: LabelSelector | undefined,
  labels: Record<string, string> | undefined,
): SelectorMatch {
  if (selector === undefined || selector === null) return { matches: false };
  const error = validateLabelSelector(selector);
  if (error) return { matches: false, error };
  const have = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (have[key] !== value) return { matches: false };
  }
  for (const req of selector.matchExpressions ?? []) {
    const present = Object.prototype.hasOwnProperty.call(have, req.key);
    const value = have[req.key];
    const values = req.values ?? [];
    const ok =
      req.operator === 'In'
        ? present && values.includes(value as string)
        : req.operator === 'NotIn'
          ? !present || !values.includes(value as string)
          : req.operator === 'Exists'
            ? present
            : !present;
    if (!ok) return { matches: false };
  }
  return { matches: true };
}
