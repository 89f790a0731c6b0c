// Field selectors: `a=b`, `a==b`, `a!=b` joined by commas; the labels each kind supports.
import { badRequest } from '../http/status.js';
import type { StoredObject } from '../types.js';

export interface FieldRequirement {
  field: string;
  value: string;
  negate: boolean;
}

export type FieldGetter = (obj: StoredObject) => string | undefined;

const BASE: Record<string, FieldGetter> = {
  'metadata.name': (o) => o.metadata?.name,
  'metadata.namespace': (o) => o.metadata?.namespace ?? '',
};

/** Splits on unescaped commas and un-escapes `\,` `\=` `\\`. */
function splitTerms(input: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i] as string;
    if (c === '\\' && i + 1 < input.length) {
      cur += c + (input[i + 1] as string);
      i++;
    } else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Finds the first unescaped `!=`, `==` or `=`. */
function splitOperator(term: string): { field: string; op: string; value: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    const c = term[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '!' && term[i + 1] === '=')
      return { field: term.slice(0, i), op: '!=', value: term.slice(i + 2) };
    if (c === '=') {
      const op = term[i + 1] === '=' ? '==' : '=';
      return { field: term.slice(0, i), op, value: term.slice(i + op.length) };
    }
  }
  return undefined;
}

function unescape(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

export function parseFieldSelector(
  input: string | undefined,
  extra: Record<string, FieldGetter> | undefined,
): Array<FieldRequirement & { get: FieldGetter }> {
  if (!input || !input.trim()) return [];
  const reqs: Array<FieldRequirement & { get: FieldGetter }> = [];
  for (const term of splitTerms(input)) {
    if (!term.trim()) continue;
    const split = splitOperator(term);
    if (!split) throw badRequest(`invalid selector: '${input}'; can't understand '${term}'`);
    const field = unescape(split.field).trim();
    const value = unescape(split.value);
    const negate = split.op === '!=';
    const get = BASE[field] ?? extra?.[field];
    if (!get) throw badRequest(`field label not supported: ${field}`);
    reqs.push({ field, value, negate, get });
  }
  return reqs;
}

export function matchesFields(
  reqs: Array<FieldRequirement & { get: FieldGetter }>,
  obj: StoredObject,
): boolean {
  for (const r of reqs) {
    const v = r.get(obj) ?? '';
    if (r.negate ? v === r.value : v !== r.value) return false;
  }
  return true;
}
