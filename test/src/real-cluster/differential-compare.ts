// Normalizing and comparing two servers' answers: values that legitimately differ between any two
// servers (uids, resourceVersions, times, continue tokens, generated names, ages) become
// placeholders that keep only "present / absent"; everything else is compared path by path.

const TIME_KEYS = new Set([
  'creationTimestamp',
  'deletionTimestamp',
  'time',
  'lastTransitionTime',
  'lastUpdateTime',
  'firstTimestamp',
  'lastTimestamp',
  'eventTime',
  'expirationTimestamp',
]);

export function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => normalize(v));
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      if (k === 'selfLink') continue;
      if (k === 'uid' || k === 'resourceVersion' || k === 'continue' || TIME_KEYS.has(k)) {
        out[k] = v === '' || v === undefined || v === null ? v : `<${k}>`;
      } else if (k === 'name' && typeof obj.generateName === 'string') {
        out[k] = typeof v === 'string' && v.startsWith(obj.generateName) ? '<generated>' : v;
      } else out[k] = normalize(v);
    }
    if (obj.kind === 'Table') ageCells(out);
    if (obj.kind === 'Status') causesInAnyOrder(out);
    return out;
  }
  if (typeof value === 'string') {
    // Messages quote resourceVersions and uids (e.g. "too old resource version: 1 (4711)").
    return (
      value
        .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<uid>')
        .replace(/too old resource version: \d+ \(\d+\)/g, 'too old resource version: <rv> (<rv>)')
        // A 422 on a patch quotes the patched object as JSON.
        .replace(/\\"(resourceVersion|creationTimestamp|time)\\":\\"[^"\\]*\\"/g, '\\"$1\\":\\"<$1>\\"')
    );
  }
  return value;
}

/**
 * A real server lists a 422's causes in Go map order (it differs from run to run), so causes are
 * compared as a set and the message only up to its list of them.
 */
function causesInAnyOrder(status: Record<string, unknown>): void {
  const details = status.details as { causes?: Array<Record<string, string>> } | undefined;
  if (!details?.causes || details.causes.length < 2) return;
  const key = (c: Record<string, string>): string => `${c.field}|${c.reason}|${c.message}`;
  details.causes.sort((a, b) => key(a).localeCompare(key(b)));
  const msg = status.message;
  if (typeof msg === 'string' && msg.includes(' is invalid: [')) {
    status.message = `${msg.slice(0, msg.indexOf(' is invalid: ['))} is invalid: [<causes>]`;
  }
}

/** A Table's Age column depends on the clock. */
function ageCells(table: Record<string, unknown>): void {
  const cols = (table.columnDefinitions as Array<{ name: string }> | undefined) ?? [];
  const age = cols.findIndex((c) => c.name === 'Age');
  if (age < 0) return;
  for (const row of (table.rows as Array<{ cells: unknown[] }> | undefined) ?? []) {
    if (row.cells.length > age) row.cells[age] = '<age>';
  }
}

export interface Difference {
  step: string;
  path: string;
  real: unknown;
  sandbox: unknown;
}

const show = (v: unknown): string =>
  (v === undefined ? '(absent)' : JSON.stringify(v)).slice(0, Number(process.env.DIFF_SHOW ?? 300));

export function describe(d: Difference): string {
  return `${d.step} ${d.path}: real=${show(d.real)} sandbox=${show(d.sandbox)}`;
}

/** Every path where the normalized values differ (absent on one side counts). */
export function compare(step: string, real: unknown, sandbox: unknown, path = ''): Difference[] {
  if (Array.isArray(real) && Array.isArray(sandbox)) {
    const out: Difference[] = [];
    if (real.length !== sandbox.length) {
      out.push({ step, path: `${path}.length`, real: real.length, sandbox: sandbox.length });
    }
    for (let i = 0; i < Math.min(real.length, sandbox.length); i++) {
      out.push(...compare(step, real[i], sandbox[i], `${path}[${i}]`));
    }
    return out;
  }
  const isObj = (v: unknown): v is Record<string, unknown> =>
    !!v && typeof v === 'object' && !Array.isArray(v);
  if (isObj(real) && isObj(sandbox)) {
    const keys = [...new Set([...Object.keys(real), ...Object.keys(sandbox)])].sort();
    return keys.flatMap((k) => compare(step, real[k], sandbox[k], `${path}.${k}`));
  }
  return JSON.stringify(real) === JSON.stringify(sandbox) ? [] : [{ step, path: path || '.', real, sandbox }];
}

export interface Allowed {
  /** Step name, or a pattern over step names. */
  step: string | RegExp;
  /** Pattern over the difference's path. */
  path: RegExp;
  reason: string;
}

export function allowedBy(list: Allowed[], d: Difference): Allowed | undefined {
  return list.find(
    (a) => (typeof a.step === 'string' ? a.step === d.step : a.step.test(d.step)) && a.path.test(d.path),
  );
}
