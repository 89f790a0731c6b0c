// The checks every action makes before it writes: pure functions of what was read, each answering
// a value or a Rejection, so they are table-tested without a server and no UI repeats them.
import { previewRefusal, type ManualRequest, type Observed } from '../engine/index.js';
import type { Rollout, RolloutGate } from '../model/index.js';
import { rollbackTarget as previousSucceeded } from '../present/rollback.js';
import type { ActionName } from './api.js';
import { gateAlready, isApprovalGate, scheduleOwner } from './gate-edit.js';
import { isRejection, rejection, type Rejection } from './rejection.js';
import { closeNames, didYouMean } from '../present/suggest.js';

const releases = (r: Rollout): string[] => (r.status?.availableReleases ?? []).map((v) => v.tag);
const ran = (r: Rollout): string[] => (r.status?.history ?? []).map((h) => h.version.tag);

/** VersionUnknown unless `version` is a release of `r` (or, with `orRan`, ran on it before). */
export function unknownVersion(
  r: Rollout,
  version: string,
  action: ActionName,
  orRan = false,
): Rejection | undefined {
  const tags = releases(r);
  const accepted = orRan ? [...new Set([...tags, ...ran(r)])] : tags;
  if (accepted.includes(version)) return undefined;
  const suggestions = closeNames(version, accepted);
  const known = tags.length
    ? ` — known versions: ${tags.slice(-5).join(', ')}`
    : ' — it has discovered no releases yet';
  return rejection(
    action,
    r.metadata.name,
    { kind: 'VersionUnknown', version, suggestions },
    `version "${version}" is not a release of ${r.metadata.name}${suggestions.length ? didYouMean(suggestions) : known}`,
  );
}

export interface VerdictTargets {
  version: string;
  /** The gates the verdict is written on (those that already give it are left out). */
  targets: RolloutGate[];
  /** Closed gates that still hold the version after an approval. */
  closed: RolloutGate[];
}

function closedGate(r: Rollout, version: string, gates: RolloutGate[]): Rejection {
  const names = gates.map((g) => g.metadata.name);
  return rejection(
    'approve',
    r.metadata.name,
    { kind: 'GateClosed', version, gates: names },
    `cannot approve ${version}: gate ${names.join(', ')} is closed (spec.passing: false) and an approval cannot open it — ` +
      `set spec.passing to true on the gate, or deploy past it: kubectl kuberik deploy ${r.metadata.name} ${version}`,
  );
}

/** The version an approve/deny acts on: the named release, else the pending one. */
export function verdictVersion(
  r: Rollout,
  req: { action: 'approve' | 'deny'; version?: string },
): string | Rejection {
  if (req.version) return unknownVersion(r, req.version, req.action) ?? req.version;
  return (
    r.status?.pendingVersion ??
    rejection(
      req.action,
      r.metadata.name,
      { kind: 'NoPendingVersion' },
      `${r.metadata.name} has no pending version to ${req.action} — name one`,
    )
  );
}

/** Which gates an approve/deny writes on; `gates` may hold other rollouts' gates. */
export function verdictTargets(
  r: Rollout,
  gates: RolloutGate[],
  req: { action: 'approve' | 'deny'; version?: string; gate?: string },
): VerdictTargets | Rejection {
  const name = r.metadata.name;
  const verb = req.action;
  const version = verdictVersion(r, req);
  if (isRejection(version)) return version;
  const own = gates.filter((g) => g.spec?.rolloutRef?.name === name);
  if (req.gate) {
    const g = own.find((x) => x.metadata.name === req.gate);
    if (!g) {
      const names = own.map((x) => x.metadata.name);
      return rejection(
        verb,
        name,
        { kind: 'GateNotFound', gate: req.gate, gates: names },
        `gate "${req.gate}" does not hold rollout ${name}${didYouMean(closeNames(req.gate, names))}` +
          (names.length ? ` — its gates: ${names.join(', ')}` : ' — it has no RolloutGates'),
      );
    }
    const schedule = scheduleOwner(g);
    if (schedule) {
      return rejection(
        verb,
        name,
        { kind: 'ScheduleGate', gate: g.metadata.name, schedule },
        `gate ${g.metadata.name} is managed by schedule ${schedule}; it opens and closes with the schedule — change the schedule instead`,
      );
    }
    if (verb === 'approve' && g.spec?.passing === false) return closedGate(r, version, [g]);
    return { version, targets: [g], closed: [] };
  }
  const manual = own.filter((g) => !scheduleOwner(g));
  if (manual.length === 0) {
    return rejection(
      verb,
      name,
      { kind: 'NoGates', version },
      `rollout ${name} has no RolloutGate to ${verb} ${version} on`,
    );
  }
  const targets = manual.filter(
    (g) => !gateAlready(g, version, verb) && (verb === 'deny' || isApprovalGate(g, version)),
  );
  const closed = verb === 'approve' ? manual.filter((g) => g.spec?.passing === false) : [];
  if (closed.length > 0 && targets.length === 0) return closedGate(r, version, closed);
  return { version, targets, closed };
}

/** A gate bypass needs a release candidate and no pin (spec §10.4). */
export function bypassRefusal(r: Rollout, version: string): Rejection | undefined {
  const unknown = unknownVersion(r, version, 'bypassGates');
  if (unknown) return unknown;
  const candidates = (r.status?.releaseCandidates ?? []).map((v) => v.tag);
  if (!candidates.includes(version)) {
    const why =
      r.status?.currentVersion === version ? 'it is already deployed' : 'it is not a release candidate';
    const list = candidates.length
      ? `candidates: ${candidates.slice(0, 5).join(', ')}`
      : 'there are no candidates';
    return rejection(
      'bypassGates',
      r.metadata.name,
      { kind: 'NotCandidate', version, candidates },
      `cannot bypass gates for ${version}: ${why} of ${r.metadata.name} (${list}); to deploy any known release now, use deploy without --bypass-gates`,
    );
  }
  const pinnedTo = r.spec?.wantedVersion;
  if (pinnedTo) {
    return rejection(
      'bypassGates',
      r.metadata.name,
      { kind: 'Pinned', pinnedTo },
      `cannot bypass gates for ${version}: ${r.metadata.name} is pinned to ${pinnedTo}; unpin it first`,
    );
  }
  return undefined;
}

/** The version a rollback pins: `to`, else the newest succeeded one that is not live. */
export function rollbackTarget(r: Rollout, to?: string): string | Rejection {
  if (to) return unknownVersion(r, to, 'rollback', true) ?? to;
  // The same version every UI offers as the rollback target.
  return (
    previousSucceeded(r) ??
    rejection(
      'rollback',
      r.metadata.name,
      { kind: 'NoRollbackTarget' },
      `rollout ${r.metadata.name} has no earlier succeeded version to roll back to — name one`,
    )
  );
}

/** The failed version a retry (or unblock) acts on. */
export function failedVersion(r: Rollout, action: 'retry' | 'unblock'): string | Rejection {
  const latest = r.status?.history?.[0];
  if (latest?.bakeStatus === 'Failed') return latest.version.tag;
  const name = r.metadata.name;
  if (action === 'unblock') {
    return rejection(
      action,
      name,
      { kind: 'NotBlocked' },
      `nothing to unblock: ${name} is not blocked by a failed bake${latest ? ` (latest ${latest.version.tag} is ${latest.bakeStatus})` : ''}`,
    );
  }
  return rejection(
    action,
    name,
    { kind: 'NothingToRetry' },
    latest
      ? `nothing to retry: the latest deployment of ${name} (${latest.version.tag}) is ${latest.bakeStatus ?? 'not failed'}, not Failed`
      : `nothing to retry: rollout ${name} has not deployed anything yet`,
  );
}

/** The engine's own refusal of a manual request on what the driver observes now (spec §10.10). */
export function engineRefusal(
  observed: Observed,
  request: ManualRequest,
  action: ActionName,
  now: Date,
): Rejection | undefined {
  const refusal = previewRefusal(observed, request, now);
  return refusal
    ? rejection(
        action,
        observed.rollout.metadata.name,
        { kind: 'WouldBeRefused' },
        `${refusal}; nothing was changed`,
      )
    : undefined;
}
