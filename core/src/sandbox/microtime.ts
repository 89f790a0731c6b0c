// metav1.MicroTime as kube-apiserver decodes it. Go parses these fields with the fixed layout
// "2006-01-02T15:04:05.000000Z07:00" (exactly six fractional digits) and writes them back in UTC, so
// `toISOString()` (milliseconds) is refused. The error texts are Go's, built by the same steps
// Go's time.Parse takes, because clients and the differential suite see them verbatim.
import { isPlainObject } from './patch/merge.js';

/** One MicroTime field of a built-in: its path and how Go's JSON decoder names it in errors. */
export interface MicroTimeField {
  path: string[];
  /** `LeaseSpec.spec.renewTime`: Go struct name, then the JSON path. */
  goField: string;
}

/** How the request reached the decoder: typed JSON (create, update, merge and JSON patch) or the
 * unstructured converter (strategic merge patch, server-side apply), whose type errors name no field. */
export type DecodePath = 'json' | 'unstructured';

export const MICRO_TIME_LAYOUT = '2006-01-02T15:04:05.000000Z07:00';

class GoParseError extends Error {}

const quote = (s: string): string => JSON.stringify(s);
const isDigit = (s: string, i: number): boolean => i < s.length && s[i]! >= '0' && s[i]! <= '9';

function cannotParse(value: string, valueElem: string, layoutElem: string): GoParseError {
  return new GoParseError(
    `parsing time ${quote(value)} as ${quote(MICRO_TIME_LAYOUT)}: cannot parse ${quote(valueElem)} as ${quote(layoutElem)}`,
  );
}

const outOfRange = (value: string, what: string): GoParseError =>
  new GoParseError(`parsing time ${quote(value)}: ${what} out of range`);

/** Two digits, or one when `fixed` is false (Go's getnum). */
function getnum(s: string, fixed: boolean): [number, string] | undefined {
  if (!isDigit(s, 0)) return undefined;
  if (!isDigit(s, 1)) return fixed ? undefined : [Number(s[0]), s.slice(1)];
  return [Number(s.slice(0, 2)), s.slice(2)];
}

const daysIn = (month: number, year: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Parses a MicroTime as Go does and returns it in the form the server stores and answers
 * (UTC, six digits); throws Go's error text.
 */
export function parseMicroTime(input: string): string {
  let v = input;
  const literal = (c: string): void => {
    if (v[0] !== c) throw cannotParse(input, v, c);
    v = v.slice(1);
  };
  const num = (elem: string, fixed: boolean, max: number, name: string): number => {
    const got = getnum(v, fixed);
    if (!got) throw cannotParse(input, v, elem);
    [, v] = got;
    if (got[0] > max || (name === 'month' && got[0] === 0)) throw outOfRange(input, name);
    return got[0];
  };
  if (v.length < 4 || !isDigit(v, 0) || !/^\d{4}$/.test(v.slice(0, 4))) throw cannotParse(input, v, '2006');
  const year = Number(v.slice(0, 4));
  v = v.slice(4);
  literal('-');
  const month = num('01', true, 12, 'month');
  literal('-');
  const day = num('02', true, 31, 'day');
  literal('T');
  const hour = num('15', false, 23, 'hour');
  literal(':');
  const minute = num('04', true, 59, 'minute');
  literal(':');
  const second = num('05', true, 59, 'second');
  if (v.length < 7 || (v[0] !== '.' && v[0] !== ',') || !/^\d{6}$/.test(v.slice(1, 7)))
    throw cannotParse(input, v, '.000000');
  const micros = v.slice(1, 7);
  v = v.slice(7);
  let offsetMinutes = 0;
  if (v[0] === 'Z') v = v.slice(1);
  else {
    const zone = v;
    if (v.length < 6 || v[3] !== ':') throw cannotParse(input, zone, 'Z07:00');
    const hh = getnum(v.slice(1, 3), true);
    const mm = getnum(v.slice(4, 6), true);
    if (!hh || !mm || (v[0] !== '+' && v[0] !== '-')) throw cannotParse(input, zone, 'Z07:00');
    if (hh[0] > 24) throw outOfRange(input, 'time zone offset hour');
    if (mm[0] > 60) throw outOfRange(input, 'time zone offset minute');
    offsetMinutes = (v[0] === '-' ? -1 : 1) * (hh[0] * 60 + mm[0]);
    v = v.slice(6);
  }
  if (v.length) throw new GoParseError(`parsing time ${quote(input)}: extra text: ${quote(v)}`);
  if (day < 1 || day > daysIn(month, year)) throw outOfRange(input, 'day');
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute - offsetMinutes, second, 0);
  return `${d.toISOString().slice(0, 19)}.${micros}Z`;
}

const jsonType = (v: unknown): string =>
  Array.isArray(v) ? 'array' : isPlainObject(v) ? 'object' : typeof v === 'boolean' ? 'bool' : 'number';

/**
 * Checks and normalizes the MicroTime fields of `obj` in place, in field order, as Go's decoder
 * would (it stops at the first bad one). Returns Go's error text, or undefined.
 */
export function decodeMicroTimes(
  fields: readonly MicroTimeField[] | undefined,
  obj: unknown,
  via: DecodePath,
): string | undefined {
  for (const f of fields ?? []) {
    let parent: unknown = obj;
    for (const k of f.path.slice(0, -1)) parent = isPlainObject(parent) ? parent[k] : undefined;
    if (!isPlainObject(parent)) continue;
    const key = f.path[f.path.length - 1]!;
    const value = parent[key];
    if (value === undefined) continue;
    if (value === null) {
      delete parent[key];
      continue;
    }
    if (typeof value !== 'string') {
      const where = via === 'json' ? `Go struct field ${f.goField}` : 'Go value';
      return `json: cannot unmarshal ${jsonType(value)} into ${where} of type string`;
    }
    try {
      parent[key] = parseMicroTime(value);
    } catch (e) {
      if (e instanceof GoParseError) return e.message;
      throw e;
    }
  }
  return undefined;
}

export const LEASE_MICRO_TIMES: MicroTimeField[] = [
  { path: ['spec', 'acquireTime'], goField: 'LeaseSpec.spec.acquireTime' },
  { path: ['spec', 'renewTime'], goField: 'LeaseSpec.spec.renewTime' },
];

/** core/v1 and events.k8s.io/v1 Events name the same fields the same way. */
export const EVENT_MICRO_TIMES: MicroTimeField[] = [
  { path: ['eventTime'], goField: 'Event.eventTime' },
  { path: ['series', 'lastObservedTime'], goField: 'EventSeries.series.lastObservedTime' },
];
