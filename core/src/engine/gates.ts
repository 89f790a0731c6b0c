// Gates and schedules decided for one version (spec §2.2, §2.3, §3.4).
import {
  Annotations,
  type ClusterRolloutSchedule,
  type DecidedBy,
  type GateApproval,
  type GateDecision,
  type RolloutGate,
  type RolloutGateSummary,
  type RolloutSchedule,
} from '../model/index.js';
import type { Observed } from './plan.js';
import { evaluateSchedule } from './schedule.js';
import { matchesLabelSelector } from './selectors.js';
import { formatRfc3339 } from './time.js';

export interface GateVerdict {
  decision: GateDecision;
  message: string;
}

/**
 * One RolloutGate's decision for `version`, first match wins. Without a version (nothing pending)
 * it answers for "the next version", one that no list mentions yet.
 */
export function gateDecision(gate: RolloutGate, version: string | undefined): GateVerdict {
  const spec = gate.spec ?? { rolloutRef: { name: '' } };
  const subject = version ?? 'the next version';
  if (version !== undefined && (spec.deniedVersions ?? []).includes(version)) {
    return { decision: 'Denied', message: `${version} was denied` };
  }
  if (spec.passing === false) return { decision: 'Pending', message: 'Gate is not passing' };
  if (Array.isArray(spec.allowedVersions)) {
    return version !== undefined && spec.allowedVersions.includes(version)
      ? { decision: 'Approved', message: `${version} is approved` }
      : { decision: 'Pending', message: `Waiting for approval of ${subject}` };
  }
  if (spec.passing === true) return { decision: 'Approved', message: 'Gate is passing' };
  return { decision: 'Pending', message: `Waiting for approval of ${subject}` };
}

/**
 * The recorded approve/deny (status.decisions, newest first) behind `verdict` for `version`, if a
 * tool of ours recorded one. A list edited by hand has none, and the summary names nobody.
 */
export function decidedBy(
  gate: RolloutGate,
  version: string | undefined,
  verdict: GateDecision,
): DecidedBy | undefined {
  if (version === undefined || verdict === 'Pending') return undefined;
  const r = (gate.status?.decisions ?? []).find((d) => d.version === version && d.verdict === verdict);
  return r ? { user: r.user, time: r.time, ...(r.message ? { message: r.message } : {}) } : undefined;
}

/** Who approved `version` on each of these gates that approves it now, for the history entry. */
export function approvalsOf(gates: RolloutGate[], version: string): GateApproval[] {
  return [...gates].sort(byName).flatMap((gate) => {
    if (gateDecision(gate, version).decision !== 'Approved') return [];
    const by = decidedBy(gate, version, 'Approved');
    return by ? [{ gate: gate.metadata.name, ...by }] : [];
  });
}

export interface GateSet {
  summaries: RolloutGateSummary[];
  /** Earliest schedule flip among the applying schedules. */
  nextChange?: Date;
  /** Problems with a schedule that applies (or might): invalid selector, timezone, rule. */
  problems: string[];
}

function display(
  annotations: Record<string, string> | undefined,
): Pick<RolloutGateSummary, 'prettyName' | 'description'> {
  const out: Pick<RolloutGateSummary, 'prettyName' | 'description'> = {};
  const pretty = annotations?.[Annotations.gatePrettyName];
  const description = annotations?.[Annotations.gateDescription];
  if (pretty) out.prettyName = pretty;
  if (description) out.description = description;
  return out;
}

function describeWindow(action: 'Allow' | 'Deny', active: boolean, rules: string[]): string {
  if (action === 'Allow') {
    return active ? `Inside the allowed window (${rules.join(', ')})` : 'Outside the allowed window';
  }
  return active ? `Deployments are frozen (${rules.join(', ')})` : 'No freeze window is active';
}

function scheduleSummary(
  schedule: RolloutSchedule | ClusterRolloutSchedule,
  kind: 'RolloutSchedule' | 'ClusterRolloutSchedule',
  now: Date,
  selectorError: string | undefined,
): { summary: RolloutGateSummary; nextChange?: Date; problem?: string } {
  const base = {
    name: schedule.metadata.name,
    ...(kind === 'RolloutSchedule' && schedule.metadata.namespace
      ? { namespace: schedule.metadata.namespace }
      : {}),
    kind,
    ...display(schedule.metadata.annotations),
  };
  const where = `${kind} ${schedule.metadata.namespace ? `${schedule.metadata.namespace}/` : ''}${schedule.metadata.name}`;
  // A broken schedule holds deployments back (fails closed): a freeze with a typo must still freeze.
  if (selectorError) {
    const message = `Invalid selector: ${selectorError}; fix the schedule`;
    return { summary: { ...base, decision: 'Pending', message }, problem: `${where}: ${message}` };
  }
  const evaluation = evaluateSchedule(schedule.spec, now);
  if (evaluation.error) {
    const message = `Cannot evaluate: ${evaluation.error}`;
    return { summary: { ...base, decision: 'Pending', message }, problem: `${where}: ${evaluation.error}` };
  }
  const action = schedule.spec.action === 'Allow' ? 'Allow' : 'Deny';
  const approved = action === 'Allow' ? evaluation.active : !evaluation.active;
  const summary: RolloutGateSummary = {
    ...base,
    decision: approved ? 'Approved' : 'Pending',
    message: describeWindow(action, evaluation.active, evaluation.activeRules),
  };
  if (evaluation.nextChange) summary.nextChange = formatRfc3339(evaluation.nextChange);
  return { summary, ...(evaluation.nextChange ? { nextChange: evaluation.nextChange } : {}) };
}

const byName = <T extends { metadata: { name: string; namespace?: string } }>(a: T, b: T): number =>
  `${a.metadata.namespace ?? ''}/${a.metadata.name}`.localeCompare(
    `${b.metadata.namespace ?? ''}/${b.metadata.name}`,
  );

/** The schedules that apply to the rollout, decided at `now` (they do not depend on the version). */
export function decideSchedules(observed: Observed, now: Date): GateSet {
  const rollout = observed.rollout;
  const ns = rollout.metadata.namespace ?? 'default';
  const labels = rollout.metadata.labels ?? {};
  const summaries: RolloutGateSummary[] = [];
  const problems: string[] = [];
  let nextChange: Date | undefined;
  const note = (r: { summary: RolloutGateSummary; nextChange?: Date; problem?: string }): void => {
    summaries.push(r.summary);
    if (r.problem) problems.push(r.problem);
    if (r.nextChange && (!nextChange || r.nextChange < nextChange)) nextChange = r.nextChange;
  };
  for (const schedule of [...observed.schedules].sort(byName)) {
    if ((schedule.metadata.namespace ?? ns) !== ns) continue;
    const m = matchesLabelSelector(schedule.spec?.rolloutSelector, labels);
    if (m.matches || m.error) note(scheduleSummary(schedule, 'RolloutSchedule', now, m.error));
  }
  const nsLabels = observed.namespaces.find((n) => n.name === ns)?.labels ?? {};
  for (const schedule of [...observed.clusterSchedules].sort(byName)) {
    // Absent namespaceSelector matches every namespace (spec §9.7).
    const nsMatch = schedule.spec?.namespaceSelector
      ? matchesLabelSelector(schedule.spec.namespaceSelector, nsLabels)
      : { matches: true };
    const rMatch = matchesLabelSelector(schedule.spec?.rolloutSelector, labels);
    const error = nsMatch.error ?? rMatch.error;
    if (error || (nsMatch.matches && rMatch.matches)) {
      note(scheduleSummary(schedule, 'ClusterRolloutSchedule', now, error));
    }
  }
  return { summaries, problems, ...(nextChange ? { nextChange } : {}) };
}

/** The observed RolloutGates that name this rollout, in its namespace (the informer's list has others). */
export function rolloutGatesOf(observed: Observed): RolloutGate[] {
  const { metadata } = observed.rollout;
  const ns = metadata.namespace ?? 'default';
  return observed.gates.filter(
    (g) => (g.metadata.namespace ?? ns) === ns && g.spec?.rolloutRef?.name === metadata.name,
  );
}

/**
 * Every gate and schedule that applies to the rollout, decided for `version`: RolloutGates first,
 * then schedules, each sorted by namespace/name. Pass `schedules` to reuse an earlier evaluation.
 */
export function decideGates(
  observed: Observed,
  version: string | undefined,
  now: Date,
  schedules: GateSet = decideSchedules(observed, now),
): GateSet {
  const ns = observed.rollout.metadata.namespace ?? 'default';
  const gates = rolloutGatesOf(observed).sort(byName);
  const summaries: RolloutGateSummary[] = gates.map((gate) => {
    const verdict = gateDecision(gate, version);
    const by = decidedBy(gate, version, verdict.decision);
    return {
      name: gate.metadata.name,
      namespace: gate.metadata.namespace ?? ns,
      kind: 'RolloutGate',
      ...display(gate.metadata.annotations),
      ...verdict,
      ...(by ? { decidedBy: by } : {}),
    };
  });
  return { ...schedules, summaries: [...summaries, ...schedules.summaries] };
}

/** "approved/total", for the printer column and `kubectl kuberik get`. */
export function gatesSummaryText(summaries: RolloutGateSummary[]): string {
  return `${summaries.filter((s) => s.decision === 'Approved').length}/${summaries.length}`;
}
