// RolloutView: everything the TUI, the line log, `get`, `why` and the extension show, derived once
// from a driver snapshot and `now`. Pure, so every screen state is a unit test away.
import type {
  BakeStatus,
  DeploymentHistoryEntry,
  GateDecision,
  GateKind,
  HealthStatus,
  RolloutPhase,
} from '../model/index.js';
import { readGateSummaries } from '../model/index.js';
import type { SnapshotLike } from './snapshot.js';
import { approvalReason, verdictReason, verdictsOf, type Verdicts } from './verdicts.js';
import { bakeDurationMs, bakeView, type BakeView } from './bake.js';
import { driverView, type DriverView } from './driver.js';
import { clockTime, formatDuration } from './duration.js';
import { recoveryView, type RecoveryView } from './recovery.js';

export interface GateView {
  name: string;
  label: string;
  kind: GateKind;
  decision: GateDecision;
  message: string;
  /** Human countdown for schedules ("open until 17:00", "opens in 3h12m"). */
  schedule?: string;
  /** When a schedule opens or closes next (RFC 3339), so screens know when the countdown changes. */
  nextChangeAt?: string;
  /** An approval can open it: a RolloutGate not closed by `passing: false` and not schedule-owned. */
  approvable: boolean;
  /** A RolloutGate closed by `spec.passing: false` (spec §2.2 rule 2): no approval opens it. */
  closed: boolean;
  /** No version is pending, so the decision means nothing right now. */
  idle: boolean;
  /** Who approved or denied the pending version here, when an Event says so. */
  by?: string;
}

/** What gateDecisionWord needs of a gate: the TUI's GateView or the extension's gate summary. */
export interface GateWordInput {
  kind: GateKind;
  decision: GateDecision;
  /** A RolloutGate with spec.passing: false: no approval opens it. */
  closed?: boolean;
  by?: string;
}

/**
 * A gate's decision in words, for every UI: "approved by alice", "denied", "awaiting approval",
 * and "closed" for a schedule outside its window or a RolloutGate set to passing: false (no
 * approval opens that one, so it never reads "awaiting approval").
 */
export const gateDecisionWord = (g: GateWordInput): string => {
  if (g.kind !== 'RolloutGate') return g.decision === 'Approved' ? 'open' : 'closed';
  const by = g.by ? ` by ${g.by}` : '';
  if (g.decision === 'Approved') return `approved${by}`;
  if (g.decision === 'Denied') return `denied${by}`;
  return g.closed ? 'closed' : 'awaiting approval';
};

export interface HealthView {
  name: string;
  namespace?: string;
  label: string;
  status: HealthStatus | 'Unknown';
  message?: string;
}

export interface HistoryView {
  /** Absent on entries the upstream controller wrote. */
  id?: number;
  version: string;
  result: BakeStatus | 'Unknown';
  at?: string;
  bakeMs?: number;
  by?: string;
  message?: string;
  /** Why a person did it: the -m of a deploy/rollback, or of the approval or denial of this version. */
  reason?: string;
}

export interface RolloutView {
  name: string;
  namespace: string;
  phase: RolloutPhase | 'Unknown';
  current?: string;
  currentResult?: BakeStatus;
  currentAt?: string;
  pending?: string;
  /** What blocks the pending version, in a few words ("awaiting approval"): explainWhy's `short`. */
  pendingReason?: string;
  pinned?: string;
  gates: GateView[];
  gatesApproved: number;
  health: HealthView[];
  bakeTimeMs?: number;
  bake: BakeView;
  history: HistoryView[];
  rejected: string[];
  driving: boolean;
  holder?: string;
  /** Who drives it (core's presentation model); kind 'none' means nothing reconciles it. */
  driver: DriverView;
  /** Set while a manual deploy runs in recovery mode (health failures won't fail it). */
  recovery?: RecoveryView;
  /** A condition message worth showing (DeploymentBlocked, Ready=False). */
  problem?: string;
  /** Something that does not block but makes the bake less than it seems (WorkloadHealthCovered=False). */
  warning?: string;
  /** Who approved or denied what (from Events), by `${version}/${gate}`. */
  verdicts: Verdicts;
}

const DISPLAY_NAME = 'kuberik.com/display-name';

export function gateLabel(g: { name: string; prettyName?: string }): string {
  return g.prettyName || g.name;
}

function scheduleText(decision: GateDecision, nextChange: string | undefined, now: Date): string | undefined {
  if (!nextChange) return decision === 'Approved' ? 'open' : 'closed';
  const at = new Date(nextChange);
  if (Number.isNaN(at.getTime())) return undefined;
  const inMs = at.getTime() - now.getTime();
  const when =
    inMs < 24 * 3600_000 ? clockTime(at).slice(0, 5) : at.toISOString().slice(0, 16).replace('T', ' ');
  return decision === 'Approved' ? `open until ${when}` : `opens in ${formatDuration(inMs)}`;
}

const DEFAULT_MESSAGE = /^(Manual|Automatic) deployment\b/;

export function historyView(
  h: DeploymentHistoryEntry,
  now: Date = new Date(),
  verdicts: Verdicts = {},
): HistoryView {
  const bakeMs = bakeDurationMs(h, now);
  const failed = h.failedHealthChecks
    ?.map((f) => (f.message ? `${f.name}: ${f.message}` : f.name))
    .join('; ');
  return {
    id: h.id,
    version: h.version.tag,
    result: h.bakeStatus ?? 'Unknown',
    at: h.timestamp,
    bakeMs,
    by: byText(h.triggeredBy),
    message: h.bakeStatus === 'Failed' && failed ? failed : h.bakeStatusMessage || h.message,
    reason:
      (h.triggeredBy?.kind === 'User' && h.message && !DEFAULT_MESSAGE.test(h.message)
        ? h.message
        : undefined) ??
      approvalReason(h.approvedBy) ??
      verdictReason(verdicts, h.version.tag),
  };
}

/**
 * Everything but `pendingReason` (which view.ts adds from explainWhy, so the header and `why` agree).
 * `verdicts` defaults to the records on the snapshot's gates (spec §10.5).
 */
export function rolloutFacts(
  snap: SnapshotLike,
  now: Date,
  verdicts: Verdicts = verdictsOf(snap.gates),
): RolloutView {
  const r = snap.rollout;
  const st = r.status ?? {};
  const phase = st.phase ?? 'Unknown';
  const object = (name: string) => snap.gates.find((o) => o.metadata.name === name);
  const closed = (name: string) => object(name)?.spec?.passing === false;
  const scheduled = (name: string) => !!object(name)?.metadata.labels?.['gate.kuberik.com/schedule-name'];
  const gates: GateView[] = readGateSummaries(st.gates).map((g) => ({
    name: g.name,
    label: gateLabel(g),
    kind: g.kind,
    decision: g.decision,
    message: g.message,
    schedule: g.kind === 'RolloutGate' ? undefined : scheduleText(g.decision, g.nextChange, now),
    nextChangeAt: g.kind === 'RolloutGate' ? undefined : g.nextChange,
    approvable: g.kind === 'RolloutGate' && !closed(g.name) && !scheduled(g.name),
    closed: g.kind === 'RolloutGate' && closed(g.name),
    idle: !st.pendingVersion,
    by:
      st.pendingVersion && g.decision !== 'Pending'
        ? (g.decidedBy?.user ?? verdicts[`${st.pendingVersion}/${g.name}`]?.by)
        : undefined,
  }));
  const health: HealthView[] = snap.healthChecks.map((hc) => ({
    name: hc.metadata.name,
    namespace: hc.metadata.namespace,
    label: hc.metadata.annotations?.[DISPLAY_NAME] || hc.metadata.name,
    status: hc.status?.status || 'Unknown',
    message: hc.status?.message,
  }));
  const h0 = st.history?.[0];
  const bake = bakeView(r, now);
  const blocked = st.conditions?.find((c) => c.type === 'DeploymentBlocked' && c.status === 'True');
  const notReady = st.conditions?.find((c) => c.type === 'Ready' && c.status === 'False');
  return {
    name: r.metadata.name,
    namespace: r.metadata.namespace ?? snap.key.namespace,
    phase,
    current: st.currentVersion ?? h0?.version.tag,
    currentResult: h0?.bakeStatus,
    currentAt: h0?.timestamp,
    pending: st.pendingVersion,
    pinned: r.spec.wantedVersion,
    gates,
    gatesApproved: gates.filter((g) => g.decision === 'Approved').length,
    health,
    bakeTimeMs: bake.totalMs,
    bake,
    history: (st.history ?? []).map((h) => historyView(h, now, verdicts)),
    rejected: st.rejectedVersions ?? [],
    driving: snap.lease.driving,
    holder: snap.lease.holder,
    driver: driverView(snap.lease),
    recovery: recoveryView(r),
    problem: blocked?.message || notReady?.message || undefined,
    warning:
      st.conditions?.find((c) => c.type === 'WorkloadHealthCovered' && c.status === 'False')?.message ||
      undefined,
    verdicts,
  };
}

/** "3/4 healthy", "2 unhealthy", "-" */
export function healthSummary(v: RolloutView): string {
  if (v.health.length === 0) return '-';
  const bad = v.health.filter((h) => h.status === 'Unhealthy').length;
  if (bad) return `${bad} unhealthy`;
  const ok = v.health.filter((h) => h.status === 'Healthy').length;
  return `${ok}/${v.health.length} healthy`;
}

/** `alice`, `kubectl-edit (field manager)` (another client, spec §10.5) or `system`. */
function byText(t: DeploymentHistoryEntry['triggeredBy']): string | undefined {
  if (!t) return undefined;
  if (t.kind === 'System') return 'system';
  return t.kind === 'FieldManager' ? `${t.name} (field manager)` : t.name;
}
