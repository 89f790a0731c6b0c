// Schedule rules evaluated in wall-clock time of an IANA zone with the platform's Intl (spec §2.3).
// A rule is a predicate over local (date, weekday, HH:MM); the schedule is active when any rule holds.
import type { ScheduleRule, Weekday } from '../model/index.js';

export interface ScheduleEvaluation {
  active: boolean;
  /** Names of the rules that hold now, in rule order (unnamed rules as `rule-<index>`). */
  activeRules: string[];
  /** The next instant `active` flips, if it flips within the search horizon. */
  nextChange?: Date;
  /** Set when the schedule cannot be evaluated (bad timezone, malformed rule); then inactive. */
  error?: string;
}

export interface ScheduleInput {
  rules: ScheduleRule[];
  timezone?: string;
}

const WEEKDAYS: Weekday[] = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HOUR = 3_600_000;
/** How far ahead nextChange is searched: a week plus margins for daylight-saving shifts. */
const HORIZON_DAYS = 8;

interface Wall {
  /** The wall-clock reading as if it were UTC, in ms (minute and second included). */
  wall: number;
  date: string;
  weekday: Weekday;
  minutes: number;
}

interface CompiledRule {
  name: string;
  start?: number;
  end?: number;
  days?: Set<Weekday>;
  from?: string;
  to?: string;
}

// Formatters are costly to build; one per zone, created on first use (no work at import).
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'long',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallAt(ms: number, timeZone: string): Wall {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  const y = Number(parts.year);
  const mo = Number(parts.month);
  const d = Number(parts.day);
  const h = Number(parts.hour);
  const mi = Number(parts.minute);
  const s = Number(parts.second);
  return {
    wall: Date.UTC(y, mo - 1, d, h, mi, s),
    date: `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    weekday: parts.weekday as Weekday,
    minutes: h * 60 + mi,
  };
}

/** Offset of the zone from UTC at an instant, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const t = Math.floor(ms / 1000) * 1000;
  return wallAt(t, timeZone).wall - t;
}

/** Every instant whose wall-clock reading is `wall` (two in a fall-back hour, none in a gap). */
function instantsOf(wall: number, timeZone: string): number[] {
  const found: number[] = [];
  for (const offset of [offsetAt(wall - 14 * HOUR, timeZone), offsetAt(wall + 14 * HOUR, timeZone)]) {
    const t = wall - offset;
    if (wallAt(t, timeZone).wall === wall && !found.includes(t)) found.push(t);
  }
  return found;
}

/** The instant in (lo, hi] where the offset stops being `before` (one transition inside). */
function transitionBetween(lo: number, hi: number, before: number, timeZone: string): number {
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2000) * 1000;
    if (offsetAt(mid, timeZone) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

function minutesOf(text: string): number | undefined {
  const m = HHMM.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

function validDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

function compile(rules: ScheduleRule[]): CompiledRule[] | string {
  const out: CompiledRule[] = [];
  for (const [i, rule] of rules.entries()) {
    const c: CompiledRule = { name: rule.name || `rule-${i}` };
    if (rule.timeRange) {
      const start = minutesOf(rule.timeRange.start);
      const end = minutesOf(rule.timeRange.end);
      if (start === undefined) return `rules[${i}].timeRange.start "${rule.timeRange.start}" is not HH:MM`;
      if (end === undefined) return `rules[${i}].timeRange.end "${rule.timeRange.end}" is not HH:MM`;
      c.start = start;
      c.end = end;
    }
    if (rule.daysOfWeek && rule.daysOfWeek.length > 0) {
      for (const day of rule.daysOfWeek) {
        if (!WEEKDAYS.includes(day)) return `rules[${i}].daysOfWeek has unknown day "${day}"`;
      }
      c.days = new Set(rule.daysOfWeek);
    }
    if (rule.dateRange) {
      if (!validDate(rule.dateRange.start))
        return `rules[${i}].dateRange.start "${rule.dateRange.start}" is not YYYY-MM-DD`;
      if (!validDate(rule.dateRange.end))
        return `rules[${i}].dateRange.end "${rule.dateRange.end}" is not YYYY-MM-DD`;
      c.from = rule.dateRange.start;
      c.to = rule.dateRange.end;
    }
    out.push(c);
  }
  return out;
}

// Upstream semantics: every given part must hold; an overnight window checks today's weekday;
// start == end means the whole day.
function ruleHolds(rule: CompiledRule, w: Wall): boolean {
  if (rule.from !== undefined && rule.to !== undefined && (w.date < rule.from || w.date > rule.to))
    return false;
  if (rule.days && !rule.days.has(w.weekday)) return false;
  if (rule.start !== undefined && rule.end !== undefined) {
    if (rule.start < rule.end) return w.minutes >= rule.start && w.minutes < rule.end;
    return w.minutes >= rule.start || w.minutes < rule.end;
  }
  return true;
}

function activeRulesAt(rules: CompiledRule[], ms: number, timeZone: string): string[] {
  const w = wallAt(ms, timeZone);
  return rules.filter((r) => ruleHolds(r, w)).map((r) => r.name);
}

/** Local midnight (as a wall reading) `days` calendar days after the wall reading `wall`. */
function dayStart(wall: number, days: number): number {
  const d = new Date(wall);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + days);
}

function wallOfDate(text: string): number {
  return Date.parse(`${text}T00:00:00Z`);
}

/**
 * Candidate flip instants: rule boundaries (and midnight) on each local day of the scanned windows,
 * plus the instants where the zone's offset jumps. Every flip happens at one of them.
 */
function candidates(rules: CompiledRule[], nowMs: number, timeZone: string): number[] {
  const today = dayStart(wallAt(nowMs, timeZone).wall, 0);
  const windows: Array<[number, number]> = [[dayStart(today, -1), dayStart(today, HORIZON_DAYS)]];
  for (const r of rules) {
    if (r.from === undefined || r.to === undefined) continue;
    const from = wallOfDate(r.from);
    const after = dayStart(wallOfDate(r.to), 1);
    if (from > today) windows.push([dayStart(from, -1), dayStart(from, HORIZON_DAYS)]);
    if (after > today) windows.push([after, dayStart(after, 1)]);
  }
  const boundaries = new Set<number>([0]);
  for (const r of rules) {
    if (r.start !== undefined) boundaries.add(r.start);
    if (r.end !== undefined) boundaries.add(r.end);
  }
  const out = new Set<number>();
  for (const [from, to] of windows) {
    for (let day = from; day < to; day = dayStart(day, 1)) {
      // Offsets well before and after this local day: equal means no clock jump near it, so wall
      // times convert directly; otherwise convert carefully and add the jump itself.
      const lo = day - 14 * HOUR;
      const hi = day + 38 * HOUR;
      const before = offsetAt(lo, timeZone);
      const after = offsetAt(hi, timeZone);
      for (const minute of boundaries) {
        const wall = day + minute * 60_000;
        if (before === after) out.add(wall - before);
        else for (const t of instantsOf(wall, timeZone)) out.add(t);
      }
      if (before !== after) out.add(transitionBetween(lo, hi, before, timeZone));
    }
  }
  return [...out].filter((t) => t > nowMs).sort((a, b) => a - b);
}

interface Memo {
  from: number;
  until: number;
  result: ScheduleEvaluation;
}

// Between two candidate instants nothing can change, so an evaluation is reused for any `now` in
// [from, until). Purely a speed-up (reconciles repeat often); bounded, cleared when full.
const memo = new Map<string, Memo>();
const MEMO_LIMIT = 1000;

/** Is the schedule active at `now`, which rules hold, and when does that next change? */
export function evaluateSchedule(spec: ScheduleInput, now: Date): ScheduleEvaluation {
  const timeZone = spec.timezone || 'UTC';
  const nowMs = now.getTime();
  const key = `${timeZone}\u0000${JSON.stringify(spec.rules ?? null)}`;
  const hit = memo.get(key);
  if (hit && hit.from <= nowMs && nowMs < hit.until) return copy(hit.result);
  try {
    formatter(timeZone);
  } catch {
    return {
      active: false,
      activeRules: [],
      error: `unknown timezone "${timeZone}" (use an IANA name such as Europe/Berlin)`,
    };
  }
  const rules = compile(Array.isArray(spec.rules) ? spec.rules : []);
  if (typeof rules === 'string') return { active: false, activeRules: [], error: rules };
  const activeRules = activeRulesAt(rules, nowMs, timeZone);
  const active = activeRules.length > 0;
  const result: ScheduleEvaluation = { active, activeRules };
  const instants = candidates(rules, nowMs, timeZone);
  for (const t of instants) {
    if (activeRulesAt(rules, t, timeZone).length > 0 !== active) {
      result.nextChange = new Date(t);
      break;
    }
  }
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, { from: nowMs, until: instants[0] ?? nowMs + HOUR, result: copy(result) });
  return result;
}

function copy(r: ScheduleEvaluation): ScheduleEvaluation {
  return {
    ...r,
    activeRules: [...r.activeRules],
    ...(r.nextChange ? { nextChange: new Date(r.nextChange) } : {}),
  };
}
