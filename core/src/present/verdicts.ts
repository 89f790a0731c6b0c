// Who approved or denied what, read from the RolloutGates' status.decisions, which core's actions
// write (spec §10.5). Data, not Event sentences: nothing to parse, nothing to keep watching. A gate
// approved by hand (kubectl) or by an older tool has no record, and the screens name nobody.
import type { GateApproval, RolloutGate } from '../model/index.js';

export interface Verdict {
  verb: 'approved' | 'denied';
  by: string;
  /** RFC 3339. */
  at?: string;
  /** The -m given with it. */
  reason?: string;
}

/** Keyed by `${version}/${gate}`. */
export type Verdicts = Record<string, Verdict>;

/** The newest recorded decision per version and gate. */
export function verdictsOf(gates: readonly RolloutGate[]): Verdicts {
  const out: Verdicts = {};
  for (const g of gates) {
    for (const d of g.status?.decisions ?? []) {
      const key = `${d.version}/${g.metadata.name}`;
      if (out[key]) continue; // newest first: the first one found stands
      out[key] = {
        verb: d.verdict === 'Approved' ? 'approved' : 'denied',
        by: d.user,
        at: d.time,
        ...(d.message ? { reason: d.message } : {}),
      };
    }
  }
  return out;
}

/** The reason given when `version` was approved or denied on any gate ("approved by alice: QA ok"). */
export function verdictReason(verdicts: Verdicts, version: string): string | undefined {
  const found = Object.entries(verdicts).find(([k, v]) => k.startsWith(`${version}/`) && v.reason);
  return found ? `${found[1].verb} by ${found[1].by}: ${found[1].reason}` : undefined;
}

/** Who approved a history entry's version, as the driver copied it from the gates ("approved by alice: QA ok"). */
export function approvalReason(approvedBy: readonly GateApproval[] | undefined): string | undefined {
  if (!approvedBy?.length) return undefined;
  const withWhy = approvedBy.find((a) => a.message);
  const names = [...new Set(approvedBy.map((a) => a.user))].join(', ');
  return `approved by ${names}${withWhy ? `: ${withWhy.message}` : ''}`;
}
