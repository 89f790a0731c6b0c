// Go's time.Parse for the two layouts kube-apiserver decodes times with, and the forms it writes
// them back in. The error texts are Go's, built by the same steps time.Parse takes, because clients
// and the differential suite see them verbatim.
//  - metav1.Time: time.RFC3339 "2006-01-02T15:04:05Z07:00". Go accepts a fraction of any length
//    after the seconds although the layout has none; it answers in UTC without a fraction.
//  - metav1.MicroTime: "2006-01-02T15:04:05.000000Z07:00", exactly six digits; answered in UTC with six.

export type GoTimeLayout = 'time' | 'micro';

const TIME_LAYOUT = '2006-01-02T15:04:05Z07:00';
const MICRO_TIME_LAYOUT = '2006-01-02T15:04:05.000000Z07:00';

/** A value Go's time.Parse refuses; the message is Go's. */
export class GoParseError extends Error {}

const quote = (s: string): string => JSON.stringify(s);
const isDigit = (s: string, i: number): boolean => i < s.length && s[i]! >= '0' && s[i]! <= '9';

/** Two digits, or one when `fixed` is false (Go's getnum). */
function getnum(s: string, fixed: boolean): [number, string] | undefined {
  if (!isDigit(s, 0)) return undefined;
  if (!isDigit(s, 1)) return fixed ? undefined : [Number(s[0]), s.slice(1)];
  return [Number(s.slice(0, 2)), s.slice(2)];
}

const daysIn = (month: number, year: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Parses `input` as Go does with the layout, and returns it as Go writes it back (UTC; six
 * fractional digits for MicroTime, none for Time). Throws GoParseError with Go's text.
 */
export function parseGoTime(input: string, layout: GoTimeLayout): string {
  const layoutText = layout === 'micro' ? MICRO_TIME_LAYOUT : TIME_LAYOUT;
  const cannotParse = (valueElem: string, layoutElem: string): GoParseError =>
    new GoParseError(
      `parsing time ${quote(input)} as ${quote(layoutText)}: cannot parse ${quote(valueElem)} as ${quote(layoutElem)}`,
    );
  const outOfRange = (what: string): GoParseError =>
    new GoParseError(`parsing time ${quote(input)}: ${what} out of range`);
  let v = input;
  const literal = (c: string): void => {
    if (v[0] !== c) throw cannotParse(v, c);
    v = v.slice(1);
  };
  const num = (elem: string, fixed: boolean, max: number, name: string): number => {
    const got = getnum(v, fixed);
    if (!got) throw cannotParse(v, elem);
    [, v] = got;
    if (got[0] > max || (name === 'month' && got[0] === 0)) throw outOfRange(name);
    return got[0];
  };
  if (!/^\d{4}/.test(v)) throw cannotParse(v, '2006');
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
  let fraction = '';
  if (layout === 'micro') {
    if (!/^[.,]\d{6}/.test(v)) throw cannotParse(v, '.000000');
    fraction = v.slice(1, 7);
    v = v.slice(7);
  } else {
    // A fraction the layout does not ask for is still read (and dropped on output).
    const extra = /^[.,]\d+/.exec(v);
    if (extra) v = v.slice(extra[0].length);
  }
  let offsetMinutes = 0;
  if (v[0] === 'Z') v = v.slice(1);
  else {
    const zone = v;
    if (v.length < 6 || v[3] !== ':') throw cannotParse(zone, 'Z07:00');
    const hh = getnum(v.slice(1, 3), true);
    const mm = getnum(v.slice(4, 6), true);
    if (!hh || !mm || (v[0] !== '+' && v[0] !== '-')) throw cannotParse(zone, 'Z07:00');
    if (hh[0] > 24) throw outOfRange('time zone offset hour');
    if (mm[0] > 60) throw outOfRange('time zone offset minute');
    offsetMinutes = (v[0] === '-' ? -1 : 1) * (hh[0] * 60 + mm[0]);
    v = v.slice(6);
  }
  if (v.length) throw new GoParseError(`parsing time ${quote(input)}: extra text: ${quote(v)}`);
  if (day < 1 || day > daysIn(month, year)) throw outOfRange('day');
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute - offsetMinutes, second, 0);
  const seconds = d.toISOString().slice(0, 19);
  return layout === 'micro' ? `${seconds}.${fraction}Z` : `${seconds}Z`;
}
