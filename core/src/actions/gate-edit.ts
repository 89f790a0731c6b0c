// Approve/deny on one RolloutGate (spec §2.2): pure list edits, so they are easy to test and idempotent.
import { GATE_DECISIONS_LIMIT, type GateDecisionRecord, type RolloutGate } from '../model/index.js';

export const SCHEDULE_OWNER_LABEL = 'gate.kuberik.com/schedule-name';

export interface GateLists {
  allowedVersions?: string[];
  deniedVersions?: string[];
}

/** The new lists after approving (or denying) `version`, or undefined when nothing changes. */
export function editGate(
  gate: RolloutGate,
  version: string,
  verdict: 'approve' | 'deny',
): GateLists | undefined {
  const allowed = gate.spec?.allowedVersions;
  const denied = gate.spec?.deniedVersions;
  const add = (list: string[] | undefined): string[] =>
    list?.includes(version) ? list : [...(list ?? []), version];
  const remove = (list: string[] | undefined): string[] | undefined => list?.filter((v) => v !== version);
  const next: GateLists =
    verdict === 'approve'
      ? { allowedVersions: add(allowed), deniedVersions: remove(denied) }
      : { allowedVersions: remove(allowed), deniedVersions: add(denied) };
  const same = (a?: string[], b?: string[]): boolean =>
    (a ?? []).join('\u0000') === (b ?? []).join('\u0000') && (a === undefined) === (b === undefined);
  if (same(next.allowedVersions, allowed) && same(next.deniedVersions, denied)) return undefined;
  return next;
}

/** Does this gate already give `verdict` for `version`? (Default gate selection skips those.) */
export function gateAlready(gate: RolloutGate, version: string, verdict: 'approve' | 'deny'): boolean {
  const s = gate.spec ?? { rolloutRef: { name: '' } };
  if (verdict === 'deny') return s.deniedVersions?.includes(version) === true;
  if (s.deniedVersions?.includes(version)) return false;
  if (s.passing === false) return false;
  if (s.allowedVersions) return s.allowedVersions.includes(version);
  return s.passing === true;
}

/** An approval gate: one that allowedVersions can open (not a closed `passing: false` switch). */
export function isApprovalGate(gate: RolloutGate, version: string): boolean {
  const s = gate.spec;
  if (!s) return false;
  if (s.deniedVersions?.includes(version)) return true;
  return s.passing !== false;
}

export const scheduleOwner = (gate: RolloutGate): string | undefined =>
  gate.metadata.labels?.[SCHEDULE_OWNER_LABEL];

/** The gate's decision record with `record` in front, capped (newest first, oldest dropped). */
export function withDecision(gate: RolloutGate, record: GateDecisionRecord): GateDecisionRecord[] {
  return [record, ...(gate.status?.decisions ?? [])].slice(0, GATE_DECISIONS_LIMIT);
}
