// Strategic merge patch for the few built-ins, approximated as a merge patch without SMP directives.
import { isPlainObject, mergePatch } from './merge.js';

function stripDirectives(patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue; // $patch, $retainKeys, $setElementOrder/…, $deleteFromPrimitiveList/…
    out[k] = stripDirectives(v);
  }
  return out;
}

export function strategicMergePatch(target: unknown, patch: unknown): unknown {
  return mergePatch(target, stripDirectives(patch));
}
