// The JSONPath subset printer columns use: `.a.b`, `['a.b']`, `[0]`, `[*]`, `[?(@.type=="Ready")]`.

type Step =
  | { kind: 'field'; name: string }
  | { kind: 'index'; index: number }
  | { kind: 'all' }
  | { kind: 'filter'; path: Step[]; op: '==' | '!=' | 'exists'; value?: unknown };

export class JsonPathError extends Error {}

export function parseJsonPath(expr: string): Step[] {
  let s = expr.trim();
  if (s.startsWith('{') && s.endsWith('}')) s = s.slice(1, -1).trim();
  if (s.startsWith('$')) s = s.slice(1);
  const steps: Step[] = [];
  let i = 0;
  const ident = (): string => {
    const m = /^[A-Za-z0-9_\-$]+/.exec(s.slice(i));
    if (!m) throw new JsonPathError(`invalid JSONPath ${expr} at ${i}`);
    i += m[0].length;
    return m[0];
  };
  while (i < s.length) {
    const c = s[i];
    if (c === '.') {
      i++;
      if (s[i] === '[' || i >= s.length) continue;
      steps.push({ kind: 'field', name: ident() });
    } else if (c === '[') {
      const end = findClose(s, i);
      const inner = s.slice(i + 1, end).trim();
      i = end + 1;
      if (inner === '*') steps.push({ kind: 'all' });
      else if (/^-?\d+$/.test(inner)) steps.push({ kind: 'index', index: Number(inner) });
      else if (/^'.*'$|^".*"$/.test(inner)) steps.push({ kind: 'field', name: inner.slice(1, -1) });
      else if (inner.startsWith('?(') && inner.endsWith(')'))
        steps.push(parseFilter(inner.slice(2, -1).trim(), expr));
      else throw new JsonPathError(`unsupported JSONPath segment [${inner}] in ${expr}`);
    } else {
      steps.push({ kind: 'field', name: ident() });
    }
  }
  return steps;
}

function findClose(s: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let j = open; j < s.length; j++) {
    const ch = s[j];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[') depth++;
    else if (ch === ']' && --depth === 0) return j;
  }
  throw new JsonPathError(`unclosed [ in ${s}`);
}

function parseFilter(body: string, expr: string): Step {
  const m = /^@((?:\.[A-Za-z0-9_\-$]+|\['[^']*'\])*)\s*(==|!=)?\s*(.*)$/.exec(body);
  if (!m) throw new JsonPathError(`unsupported filter ${body} in ${expr}`);
  const path = parseJsonPath(m[1] ?? '');
  if (!m[2]) return { kind: 'filter', path, op: 'exists' };
  const raw = (m[3] ?? '').trim();
  let value: unknown;
  if (/^".*"$|^'.*'$/.test(raw)) value = raw.slice(1, -1);
  else if (raw === 'true' || raw === 'false') value = raw === 'true';
  else if (raw !== '' && !Number.isNaN(Number(raw))) value = Number(raw);
  else throw new JsonPathError(`unsupported filter value ${raw} in ${expr}`);
  return { kind: 'filter', path, op: m[2] as '==' | '!=', value };
}

/** All values the path selects. */
export function evaluateJsonPath(steps: Step[], root: unknown): unknown[] {
  let current: unknown[] = [root];
  for (const step of steps) {
    const next: unknown[] = [];
    for (const v of current) {
      if (step.kind === 'field') {
        if (v && typeof v === 'object' && !Array.isArray(v) && step.name in v) {
          next.push((v as Record<string, unknown>)[step.name]);
        }
      } else if (step.kind === 'index') {
        if (Array.isArray(v)) {
          const idx = step.index < 0 ? v.length + step.index : step.index;
          if (idx >= 0 && idx < v.length) next.push(v[idx]);
        }
      } else if (step.kind === 'all') {
        if (Array.isArray(v)) next.push(...v);
        else if (v && typeof v === 'object') next.push(...Object.values(v));
      } else {
        const items = Array.isArray(v) ? v : [];
        for (const item of items) {
          const found = evaluateJsonPath(step.path, item);
          if (step.op === 'exists' ? found.length > 0 : matches(found[0], step.op, step.value))
            next.push(item);
        }
      }
    }
    current = next;
  }
  return current;
}

function matches(found: unknown, op: '==' | '!=', value: unknown): boolean {
  const eq = found === value || (found !== undefined && String(found) === String(value));
  return op === '==' ? eq : !eq;
}
