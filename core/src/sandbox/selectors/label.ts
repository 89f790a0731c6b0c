// Label selectors with the apimachinery grammar: =, ==, !=, in, notin, exists, !exists, >, <.
import { badRequest } from '../http/status.js';

export type LabelRequirement =
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!exists' }
  | { key: string; op: 'gt' | 'lt'; value: number };

export type LabelSelector = LabelRequirement[];

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function validKey(key: string): string | undefined {
  const slash = key.indexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (slash >= 0) {
    const prefix = key.slice(0, slash);
    if (!prefix || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))
      return 'prefix part must be a DNS subdomain';
  }
  if (!name || name.length > 63 || !NAME.test(name)) {
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  }
  return undefined;
}

function validValue(v: string): boolean {
  return v === '' || (v.length <= 63 && NAME.test(v));
}

type Token = { t: 'id'; v: string } | { t: 'op'; v: string };

function lex(input: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i] as string;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    const two = input.slice(i, i + 2);
    if (two === '==' || two === '!=') {
      out.push({ t: 'op', v: two });
      i += 2;
    } else if ('=!(),<>'.includes(c)) {
      out.push({ t: 'op', v: c });
      i++;
    } else {
      let j = i;
      while (j < input.length && !' \t=!(),<>'.includes(input[j] as string)) j++;
      out.push({ t: 'id', v: input.slice(i, j) });
      i = j;
    }
  }
  return out;
}

function fail(why: string): never {
  throw badRequest(`unable to parse requirement: ${why}`);
}

/** Parses a selector string; throws a 400 ApiError on bad syntax. */
export function parseLabelSelector(input: string | undefined): LabelSelector {
  if (!input || !input.trim()) return [];
  const toks = lex(input);
  const reqs: LabelSelector = [];
  let p = 0;
  const peek = (): Token | undefined => toks[p];
  const expectKey = (): string => {
    const t = toks[p++];
    if (!t || t.t !== 'id') fail(`found '${t?.v ?? ''}', expected: identifier`);
    const why = validKey(t.v);
    if (why) fail(`Invalid value: "${t.v}": ${why}`);
    return t.v;
  };
  const value = (): string => {
    const t = peek();
    if (!t || t.t !== 'id') return '';
    p++;
    if (!validValue(t.v))
      fail(
        `Invalid value: "${t.v}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.'`,
      );
    return t.v;
  };
  for (;;) {
    const t = peek();
    if (!t) fail(`found '', expected: !, identifier, or 'end of string'`);
    if (t.t === 'op' && t.v === '!') {
      p++;
      reqs.push({ key: expectKey(), op: '!exists' });
    } else {
      const key = expectKey();
      const op = peek();
      if (!op || (op.t === 'op' && op.v === ',')) {
        reqs.push({ key, op: 'exists' });
      } else if (op.t === 'op' && (op.v === '=' || op.v === '==' || op.v === '!=')) {
        p++;
        reqs.push({ key, op: op.v === '!=' ? 'notin' : 'in', values: [value()] });
      } else if (op.t === 'op' && (op.v === '>' || op.v === '<')) {
        p++;
        const raw = value();
        if (!/^-?\d+$/.test(raw)) fail(`for 'Gt', 'Lt' operators, the value must be an integer`);
        reqs.push({ key, op: op.v === '>' ? 'gt' : 'lt', value: Number(raw) });
      } else if (op.t === 'id' && (op.v === 'in' || op.v === 'notin')) {
        p++;
        const open = toks[p++];
        if (!open || open.v !== '(') fail(`found '${open?.v ?? ''}', expected: '('`);
        const values: string[] = [];
        for (;;) {
          values.push(value());
          const sep = toks[p++];
          if (!sep) fail(`found '', expected: ',' or ')'`);
          if (sep.v === ')') break;
          if (sep.v !== ',') fail(`found '${sep.v}', expected: ',' or ')'`);
        }
        reqs.push({ key, op: op.v, values });
      } else {
        fail(`found '${op.v}', expected: in, notin, =, ==, !=, gt, lt`);
      }
    }
    const sep = toks[p];
    if (!sep) break;
    if (sep.v !== ',') fail(`found '${sep.v}', expected: ',' or 'end of string'`);
    p++;
  }
  return reqs;
}

export function matchesLabels(sel: LabelSelector, labels: Record<string, string> | undefined): boolean {
  for (const r of sel) {
    const has = labels !== undefined && Object.prototype.hasOwnProperty.call(labels, r.key);
    const v = has ? (labels as Record<string, string>)[r.key] : undefined;
    switch (r.op) {
      case 'exists':
        if (!has) return false;
        break;
      case '!exists':
        if (has) return false;
        break;
      case 'in':
        if (!has || !r.values.includes(v as string)) return false;
        break;
      case 'notin':
        if (has && r.values.includes(v as string)) return false;
        break;
      case 'gt':
      case 'lt': {
        if (!has || !/^-?\d+$/.test(v as string)) return false;
        const n = Number(v);
        if (r.op === 'gt' ? !(n > r.value) : !(n < r.value)) return false;
      }
    }
  }
  return true;
}
