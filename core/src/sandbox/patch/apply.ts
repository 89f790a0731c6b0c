// Server-side apply, simplified: per-manager field sets, removal of fields a manager stopped
// applying, conflicts with other managers unless force.
import { parse as parseYaml } from 'yaml';
import { ApiError, badRequest } from '../http/status.js';
import { deepEqual } from '../meta.js';
import { displayPath, getPath, leafPaths, managerSets, deletePath } from '../managed.js';
import type { StoredObject } from '../types.js';
import { isPlainObject, mergePatch } from './merge.js';

export function parseApplyBody(text: string): StoredObject {
  let v: unknown;
  try {
    v = parseYaml(text);
  } catch (e) {
    throw badRequest(`error decoding YAML: ${(e as Error).message}`);
  }
  if (!isPlainObject(v)) throw badRequest('error decoding YAML: the apply body must be an object');
  return v as StoredObject;
}

export interface ApplyResult {
  merged: StoredObject;
  owned: Set<string>;
}

/** Computes the applied object. `current` is the stored object (or an empty shell when creating). */
export function serverSideApply(
  current: StoredObject,
  config: StoredObject,
  manager: string,
  force: boolean,
  apiVersion: string,
  subresource?: 'status',
  excludeStatus = false,
): ApplyResult {
  const owned = leafPaths(config, subresource, excludeStatus);
  const sets = managerSets(current);
  // Upstream names an Update manager by its apiVersion (and subresource), since that is part of its
  // identity; an Apply manager by name only.
  const conflicts: Array<{ manager: string; path: string; using: string }> = [];
  if (!force) {
    for (const [, s] of sets) {
      if (s.entry.manager === manager) continue;
      for (const p of owned) {
        if (!s.paths.has(p)) continue;
        if (!deepEqual(getPath(current, p), getPath(config, p))) {
          const sub = s.entry.subresource ? ` with subresource "${s.entry.subresource}"` : '';
          const using = s.entry.operation === 'Update' ? ` using ${s.entry.apiVersion ?? ''}` : '';
          conflicts.push({ manager: s.entry.manager, path: p, using: `${sub}${using}` });
        }
      }
    }
  }
  if (conflicts.length > 0) {
    const causes = conflicts.map((c) => ({
      reason: 'FieldManagerConflict',
      message: `conflict with "${c.manager}"${c.using}`,
      field: displayPath(c.path),
    }));
    const head =
      conflicts.length === 1
        ? `Apply failed with 1 conflict: ${causes[0]?.message}: ${causes[0]?.field}`
        : `Apply failed with ${conflicts.length} conflicts: ${causes.map((c) => `${c.message}: ${c.field}`).join('\n')}`;
    throw new ApiError(409, 'Conflict', head, { causes });
  }
  const merged = structuredClone(current) as Record<string, unknown>;
  // Fields this manager applied before and now omits go away, unless another manager also owns them.
  const previous = [...sets.values()].find(
    (s) => s.entry.manager === manager && s.entry.operation === 'Apply',
  );
  if (previous) {
    const othersOwn = (p: string): boolean =>
      [...sets.values()].some((s) => s !== previous && s.paths.has(p));
    for (const p of previous.paths) {
      if (owned.has(p) || coveredBy(p, owned) || othersOwn(p)) continue;
      deletePath(merged, p);
    }
  }
  const body = structuredClone(config) as Record<string, unknown>;
  const scoped = subresource === 'status' ? { status: body.status } : body;
  return { merged: mergeApplied(merged, scoped) as StoredObject, owned };
}

function coveredBy(path: string, set: Set<string>): boolean {
  for (const p of set) if (path.startsWith(p + '\u0000') || p.startsWith(path + '\u0000')) return true;
  return false;
}

/** Apply merges maps and replaces lists and scalars; nulls in apply configs mean "unset". */
function mergeApplied(target: unknown, config: unknown): unknown {
  return mergePatch(target, config);
}
