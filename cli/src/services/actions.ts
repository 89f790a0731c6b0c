// Manual actions for the commands and the TUI keys: resolve the version, check it exists, ask on a
// TTY, then call core's actions (which write exactly what spec §4 says).
import type { ActionResult, RolloutActions } from '@kuberik/core/actions';
import type { Rollout } from '@kuberik/core/model';
import { didYouMean } from '../format/suggest.js';
import { CliError } from '../lib/cli-error.js';
import { ExitCode } from '../lib/exit-codes.js';
import type { Session } from './session.js';

export async function openActions(session: Session): Promise<RolloutActions> {
  const { createActions } = await import('@kuberik/core/actions');
  const { whoAmI } = await import('@kuberik/core/kube');
  const identity = await whoAmI(session.kube);
  return createActions({ kube: session.kube, identity });
}

const tagsOf = (r: Rollout): string[] => (r.status?.availableReleases ?? []).map((v) => v.tag);

/** Throws NotFound (exit 2) with close tags when `version` is not a release of the rollout. */
export function requireRelease(r: Rollout, version: string, remedy = ''): void {
  const tags = tagsOf(r);
  const seen = new Set([...tags, ...(r.status?.history ?? []).map((h) => h.version.tag)]);
  if (seen.has(version)) return;
  const hint = didYouMean(version, [...seen]);
  const known = tags.length
    ? ` — known versions: ${tags.slice(-5).join(', ')}`
    : ' — it has discovered no releases yet';
  throw new CliError(
    `version "${version}" is not a release of ${r.metadata.name}${hint}${hint ? '' : known}${remedy}`,
    ExitCode.NotFound,
  );
}

/** The version an approve/deny acts on: the given one, else pendingVersion. */
export function targetVersion(r: Rollout, given: string | undefined, verb: string): string {
  if (given) {
    requireRelease(r, given);
    return given;
  }
  const pending = r.status?.pendingVersion;
  if (!pending) {
    throw new CliError(
      `${r.metadata.name} has no pending version to ${verb} — name one: kubectl kuberik ${verb} ${r.metadata.name} VERSION`,
      ExitCode.Error,
    );
  }
  return pending;
}

/** Throws NotFound when --gate names no gate of this rollout. */
export async function requireGate(session: Session, r: Rollout, gate: string): Promise<void> {
  const { Kinds } = await import('@kuberik/core/kube');
  const ns = r.metadata.namespace ?? session.namespace;
  const gates = (await session.kube.list(Kinds.RolloutGate, { namespace: ns })).items.filter(
    (g) => g.spec.rolloutRef?.name === r.metadata.name,
  );
  if (gates.some((g) => g.metadata.name === gate)) return;
  const names = gates.map((g) => g.metadata.name);
  throw new CliError(
    `gate "${gate}" does not hold rollout ${r.metadata.name}${didYouMean(gate, names)}` +
      (names.length ? ` — its gates: ${names.join(', ')}` : ' — it has no RolloutGates'),
    ExitCode.NotFound,
  );
}

export function summarize(result: ActionResult): string {
  return result.changed.length === 0 ? `${result.summary} (nothing changed)` : result.summary;
}

/**
 * After a write: the line to add when no live driver holds the rollout's lease, because the
 * action is then only recorded. Undefined when someone drives it, or when the lease is unreadable
 * (no RBAC on leases: we cannot tell, so we do not guess).
 */
export async function undrivenNote(
  session: Session,
  key: { namespace: string; name: string },
): Promise<string | undefined> {
  const { Kinds, isKubeError } = await import('@kuberik/core/kube');
  const { leaseName } = await import('@kuberik/core/model');
  const { leaseExpired } = await import('@kuberik/core/driver');
  const { noDriverHint } = await import('@kuberik/core/present');
  try {
    const lease = await session.kube.get(Kinds.Lease, key.namespace, leaseName(key.name));
    if (!leaseExpired(lease, new Date())) return undefined;
  } catch (e) {
    if (!isKubeError(e, 'NotFound')) return undefined;
  }
  return `recorded; ${noDriverHint(key.name, key.namespace)}`;
}
