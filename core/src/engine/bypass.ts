// rollout.kuberik.com/bypass-gates: <tag> (spec §10.4, §10.10): read once per pass, before gates.
import {
  Annotations,
  type DeploymentHistoryEntry,
  type RolloutGateSummary,
  type VersionInfo,
} from '../model/index.js';
import { BYPASS_SUFFIX } from './history.js';

export type BypassRequest =
  | { state: 'none' }
  /** The tag is a candidate: gates are set aside for it. */
  | { state: 'active'; tag: string }
  /** history[0] already records the bypassed deploy; only the annotation removal was lost. */
  | { state: 'consumed' }
  /** It cannot take effect: refused with a condition and an Event, and removed. */
  | { state: 'refused'; tag: string; message: string };

export interface BypassContext {
  annotations: Record<string, string>;
  /** Spec problems (InvalidSpec): nothing is decided, so the request cannot take effect. */
  specProblems: string[];
  pin?: string;
  /** The tag of a force-deploy that stands (it wins; the bypass cannot take effect). */
  forcing?: string;
  history0?: DeploymentHistoryEntry;
  candidates: VersionInfo[];
}

export function readBypass(ctx: BypassContext): BypassRequest {
  const tag = ctx.annotations[Annotations.bypassGates];
  if (tag === undefined) return { state: 'none' };
  const h0 = ctx.history0;
  if (tag !== '' && h0?.version.tag === tag && (h0.message ?? '').includes(BYPASS_SUFFIX)) {
    return { state: 'consumed' };
  }
  const shown = tag || '""';
  if (ctx.specProblems.length > 0) {
    return {
      state: 'refused',
      tag,
      message: `Gate bypass for ${shown} refused: the spec is invalid (${ctx.specProblems.join('; ')}); fix it, then request the bypass again`,
    };
  }
  if (ctx.pin !== undefined) {
    return {
      state: 'refused',
      tag,
      message: `Gate bypass for ${shown} refused: the rollout is pinned to ${ctx.pin} by spec.wantedVersion; unpin it first`,
    };
  }
  if (ctx.forcing !== undefined) {
    return {
      state: 'refused',
      tag,
      message: `Gate bypass for ${shown} refused: a force-deploy of ${ctx.forcing} stands and goes first; request the bypass again after it`,
    };
  }
  if (tag !== '' && ctx.candidates.some((v) => v.tag === tag)) return { state: 'active', tag };
  const known = ctx.candidates
    .slice(0, 5)
    .map((v) => v.tag)
    .join(', ');
  const why =
    tag === ''
      ? 'it names no version'
      : h0?.version.tag === tag
        ? `${tag} is already deployed`
        : `${tag} is not a release candidate`;
  return {
    state: 'refused',
    tag,
    message: `Gate bypass for ${tag || '""'} refused: ${why} (${known ? `candidates: ${known}` : 'there are no candidates'}); set ${Annotations.bypassGates} to a candidate, or use a manual deploy`,
  };
}

/** Every summary shows the bypass (upstream `bypassGates: true`); a bypassed gate counts as approved. */
export function bypassSummaries(summaries: RolloutGateSummary[], tag: string): RolloutGateSummary[] {
  return summaries.map((s) => ({
    ...s,
    decision: 'Approved',
    message: `Gate bypassed for version ${tag}`,
    bypassGates: true,
  }));
}
