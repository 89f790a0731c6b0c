// Who approved or denied what, read back from the Events core's actions record on the rollout
// ("v1.3.0 approved by alice on production-approval: QA signed off").
export interface Verdict {
  verb: 'approved' | 'denied';
  by: string;
  /** The -m given with it. */
  reason?: string;
}

/** Keyed by `${version}/${gate}`. */
export type Verdicts = Record<string, Verdict>;

const MESSAGE = /^(\S+) (approved|denied) by (.+?) on (\S+?)(?::\s([\s\S]*))?$/;

export function parseVerdictEvent(
  reason: string | undefined,
  message: string | undefined,
): [string, Verdict] | undefined {
  if ((reason !== 'Approved' && reason !== 'Denied') || !message) return undefined;
  const m = MESSAGE.exec(message);
  if (!m) return undefined;
  const verdict: Verdict = { verb: m[2] as Verdict['verb'], by: m[3]! };
  if (m[5]) verdict.reason = m[5];
  return [`${m[1]}/${m[4]}`, verdict];
}

/** The reason given when `version` was approved or denied on any gate ("approved by alice: QA ok"). */
export function verdictReason(verdicts: Verdicts, version: string): string | undefined {
  const found = Object.entries(verdicts).find(([k, v]) => k.startsWith(`${version}/`) && v.reason);
  return found ? `${found[1].verb} by ${found[1].by}: ${found[1].reason}` : undefined;
}
