// Spec §10.5: credit a person only when that person is known. A manual change our tools made
// carries the deploy-user annotation; one made by another client (plain kubectl, a GitOps tool)
// is credited to the field manager that set the field, marked as such, or to `unknown` — never
// to the identity of the driver that happens to read it.
import { Annotations, type Rollout, type TriggeredBy } from '../model/index.js';

/** The field paths (managedFields FieldsV1 keys) of what triggers a manual deploy. */
export const FieldPaths = {
  wantedVersion: ['f:spec', 'f:wantedVersion'],
  forceDeploy: ['f:metadata', 'f:annotations', `f:${Annotations.forceDeploy}`],
} as const;

/** The manager that last set `path` on the object (newest `time` wins), if managedFields say. */
export function fieldManagerOf(r: Rollout, path: readonly string[]): string | undefined {
  let best: { manager: string; time: number } | undefined;
  for (const e of r.metadata.managedFields ?? []) {
    if (!e || typeof e.manager !== 'string' || e.manager === '' || e.subresource) continue;
    let node: unknown = e.fieldsV1;
    for (const key of path)
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    if (node === undefined) continue;
    const time = Date.parse(e.time ?? '') || 0;
    if (!best || time >= best.time) best = { manager: e.manager, time };
  }
  return best?.manager;
}

/** Who a manual deploy of this rollout is credited to. */
export function manualTrigger(r: Rollout, via: keyof typeof FieldPaths): TriggeredBy {
  const user = r.metadata.annotations?.[Annotations.deployUser];
  if (user) return { kind: 'User', name: user };
  const manager = fieldManagerOf(r, FieldPaths[via]);
  return manager ? { kind: 'FieldManager', name: manager } : { kind: 'User', name: 'unknown' };
}

/** How UIs and Events name a trigger: `alice`, `kubectl-patch (field manager)`, `system`. */
export function triggerText(t: TriggeredBy | undefined): string | undefined {
  if (!t) return undefined;
  if (t.kind === 'System') return 'system';
  return t.kind === 'FieldManager' ? `${t.name} (field manager)` : t.name;
}
