// Selectors come from users' YAML: every way one can be wrong gets its own InvalidSpec message
// (Kubernetes' rules for label keys and values), and an invalid selector matches nothing.
import { describe, expect, it } from 'vitest';
import type { LabelSelector } from '../model/index.js';
import { labelKeyProblem, matchesLabelSelector, validateLabelSelector } from './selectors.js';

const KEY_RULE =
  "is invalid (at most 63 characters: letters, digits, '-', '_', '.', starting and ending with a letter or digit, optionally prefixed \"domain/\")";
const VALUE_RULE = "is invalid (at most 63 characters: letters, digits, '-', '_', '.')";
const PREFIX_RULE = 'has an invalid prefix (a lowercase DNS subdomain, at most 253 characters)';

describe('labelKeyProblem', () => {
  it('accepts names up to 63 characters and DNS-subdomain prefixes up to 253', () => {
    const prefix = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
    expect(prefix).toHaveLength(253);
    for (const key of ['a', 'A_b.c-9', 'x'.repeat(63), `${prefix}/app`, 'example.com/a'])
      expect(labelKeyProblem(key)).toBeUndefined();
  });

  it('refuses long or malformed names and prefixes, naming the key', () => {
    expect(labelKeyProblem('x'.repeat(64))).toBe(`label key "${'x'.repeat(64)}" ${KEY_RULE}`);
    expect(labelKeyProblem('example.com/')).toBe(`label key "example.com/" ${KEY_RULE}`);
    expect(labelKeyProblem('app-')).toBe(`label key "app-" ${KEY_RULE}`);
    expect(labelKeyProblem(`${'a'.repeat(254)}/app`)).toBe(
      `label key "${'a'.repeat(254)}/app" ${PREFIX_RULE}`,
    );
    expect(labelKeyProblem('/app')).toBe(`label key "/app" ${PREFIX_RULE}`);
    expect(labelKeyProblem('a/b/c')).toBe(`label key "a/b/c" ${PREFIX_RULE}`);
  });
});

describe('validateLabelSelector', () => {
  it.each<[string, unknown, string | undefined]>([
    ['absent', undefined, undefined],
    ['null', null, undefined],
    ['empty', {}, undefined],
    ['a string', 'app=web', 'a label selector must be an object'],
    ['a non-string label value', { matchLabels: { app: 1 } }, 'matchLabels.app must be a string'],
    ['a 63-character value', { matchLabels: { app: 'v'.repeat(63) } }, undefined],
    [
      'a 64-character value',
      { matchLabels: { app: 'v'.repeat(64) } },
      `matchLabels: label value "${'v'.repeat(64)}" of app ${VALUE_RULE}`,
    ],
    ['a bad key in matchLabels', { matchLabels: { 'a b': 'x' } }, `matchLabels: label key "a b" ${KEY_RULE}`],
    [
      'an expression without key',
      { matchExpressions: [{ operator: 'Exists' }] },
      'matchExpressions[0] has no key',
    ],
    [
      'an empty key',
      { matchExpressions: [{ key: '', operator: 'Exists' }] },
      'matchExpressions[0] has no key',
    ],
    ['a null expression', { matchExpressions: [null] }, 'matchExpressions[0] has no key'],
    [
      'a numeric key',
      { matchExpressions: [{ key: 7, operator: 'Exists' }] },
      'matchExpressions[0] has no key',
    ],
    [
      'a bad key in the second expression',
      {
        matchExpressions: [
          { key: 'ok', operator: 'Exists' },
          { key: 'no way', operator: 'Exists' },
        ],
      },
      `matchExpressions[1]: label key "no way" ${KEY_RULE}`,
    ],
    [
      'a bad value',
      { matchExpressions: [{ key: 'app', operator: 'In', values: ['ok', 'not ok'] }] },
      `matchExpressions[0]: label value "not ok" of app ${VALUE_RULE}`,
    ],
    [
      'a non-string value',
      { matchExpressions: [{ key: 'app', operator: 'In', values: [3] }] },
      'matchExpressions[0]: values must be strings',
    ],
    [
      'an unknown operator',
      { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['x'] }] },
      'matchExpressions[0] (app) has unknown operator "Equals" (use In, NotIn, Exists or DoesNotExist)',
    ],
    [
      'NotIn without values',
      { matchExpressions: [{ key: 'app', operator: 'NotIn' }] },
      'matchExpressions[0] (app NotIn) needs at least one value',
    ],
    [
      'DoesNotExist with values',
      { matchExpressions: [{ key: 'app', operator: 'DoesNotExist', values: ['x'] }] },
      'matchExpressions[0] (app DoesNotExist) must not have values',
    ],
    [
      'In with an empty-string value',
      { matchExpressions: [{ key: 'app', operator: 'In', values: [''] }] },
      undefined,
    ],
    [
      'Exists with an empty values list',
      { matchExpressions: [{ key: 'app', operator: 'Exists', values: [] }] },
      undefined,
    ],
  ])('%s', (_what, selector, problem) =>
    expect(validateLabelSelector(selector as LabelSelector)).toBe(problem),
  );
});

describe('matchesLabelSelector edge cases', () => {
  it('In needs the key present; DoesNotExist matches only without it', () => {
    const inEmpty: LabelSelector = { matchExpressions: [{ key: 'zone', operator: 'In', values: [''] }] };
    expect(matchesLabelSelector(inEmpty, {}).matches).toBe(false);
    expect(matchesLabelSelector(inEmpty, { zone: '' }).matches).toBe(true);
    const notIn: LabelSelector = { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] };
    expect(matchesLabelSelector(notIn, { zone: 'a' }).matches).toBe(false);
    const absent: LabelSelector = { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] };
    expect(matchesLabelSelector(absent, undefined).matches).toBe(true);
    expect(matchesLabelSelector(absent, { zone: '' }).matches).toBe(false);
  });

  it('an empty selector matches objects without labels; an invalid one reports why', () => {
    expect(matchesLabelSelector({}, undefined)).toEqual({ matches: true });
    expect(matchesLabelSelector({ matchLabels: { app: 'web' } }, undefined)).toEqual({ matches: false });
    expect(matchesLabelSelector(null as unknown as LabelSelector, { app: 'web' })).toEqual({
      matches: false,
    });
    expect(matchesLabelSelector({ matchLabels: { 'a b': 'x' } }, { 'a b': 'x' })).toEqual({
      matches: false,
      error: `matchLabels: label key "a b" ${KEY_RULE}`,
    });
  });
});
