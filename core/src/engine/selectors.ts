// Kubernetes LabelSelector semantics (apimachinery LabelSelectorAsSelector).
import type { LabelSelector } from '../model/index.js';

export interface SelectorMatch {
  matches: boolean;
  /** Set when the selector is invalid; it then matches nothing. */
  error?: string;
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

// apimachinery validation.IsQualifiedName / IsValidLabelValue.
const NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why `key` is not a valid label key, or undefined. */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)))
    return `label key "${key}" has an invalid prefix (a lowercase DNS subdomain, at most 253 characters)`;
  if (name.length === 0 || name.length > 63 || !NAME.test(name))
    return `label key "${key}" is invalid (at most 63 characters: letters, digits, '-', '_', '.', starting and ending with a letter or digit, optionally prefixed "domain/")`;
  return undefined;
}

const valueProblem = (key: string, value: string): string | undefined =>
  value === '' || (value.length <= 63 && NAME.test(value))
    ? undefined
    : `label value "${value}" of ${key} is invalid (at most 63 characters: letters, digits, '-', '_', '.')`;

/** Why a selector is invalid, or undefined when it is valid. An absent selector is valid. */
export function validateLabelSelector(selector: LabelSelector | undefined): string | undefined {
  if (selector === undefined || selector === null) return undefined;
  if (typeof selector !== 'object') return 'a label selector must be an object';
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (typeof value !== 'string') return `matchLabels.${key} must be a string`;
    const problem = labelKeyProblem(key) ?? valueProblem(key, value);
    if (problem) return `matchLabels: ${problem}`;
  }
  for (const [i, req] of (selector.matchExpressions ?? []).entries()) {
    if (!req || typeof req.key !== 'string' || req.key === '') return `matchExpressions[${i}] has no key`;
    const keyProblem = labelKeyProblem(req.key);
    if (keyProblem) return `matchExpressions[${i}]: ${keyProblem}`;
    const bad = (req.values ?? [])
      .map((v) => (typeof v === 'string' ? valueProblem(req.key, v) : 'values must be strings'))
      .find(Boolean);
    if (bad) return `matchExpressions[${i}]: ${bad}`;
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
