// Who approved or denied what, read back from the Events core's actions record on the rollout
// ("v1.3.0 approved by alice on production-approval: QA signed off").
export interface Verdict {
  verb: 'approved' | 'denied';
  by: string;
}

/** Keyed by `${version}/${gate}`. */
export type Verdicts = Record<string, Verdict>;

const MESSAGE = /^(\S+) (approved|denied) by (.+?) on (\S+?)(?::\s.*)?$/;

export function parseVerdictEvent(
  reason: string | undefined,
  message: string | undefined,
): [string, Verdict] | undefined {
  if ((reason !== 'Approved' && reason !== 'Denied') || !message) return undefined;
  const m = MESSAGE.exec(message);
  if (!m) return undefined;
  return [`${m[1]}/${m[4]}`, { verb: m[2] as Verdict['verb'], by: m[3]! }];
}
