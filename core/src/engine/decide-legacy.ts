// TEMPORARY: the pre-phases decide(), kept only for the differential test; deleted before merge.
// The status is recomputed from the observed state each time; events come from what changed.
import {
  Annotations,
  RolloutConditions as C,
  type Condition,
  type DeploymentHistoryEntry,
  type HealthCheck,
  type Rollout,
  type RolloutStatus,
  type VersionInfo,
} from '../model/index.js';
import { advanceBake, BakeMessages, errorCutoff, HEALTH_SAFETY_NET_MS } from './bake.js';
import { chooseTarget, type Target } from './allowed.js';
import { bypassSummaries, readBypass } from './bypass.js';
import { candidates, failedVersions } from './candidates.js';
import { blindKustomizations, coverageCondition } from './coverage.js';
import { getCondition, removeCondition, setCondition, type ConditionValue } from './conditions.js';
import {
  noTargetMessage,
  resumePatches,
  runningVersion,
  substitutePatches,
  substituteTargets,
} from './deploy.js';
import { accessMessage, kustomizationHidden } from './access.js';
import { manualTrigger } from './attribution.js';
import {
  ociConsumers,
  ociOverrideWarnings,
  ociPatches,
  ociResumePatches,
  ociRunning,
  ociTargets,
} from './oci.js';
import { appendRelease, dedupeReleases, isValidTag, versionFromImagePolicy } from './discovery.js';
import { jsonEqual } from './equal.js';
import { problemEvents } from './events.js';
import { approvalsOf, decideGates, decideSchedules, gatesSummaryText, type GateSet } from './gates.js';
import { selectHealthChecks } from './health.js';
import { refreshKustomizationHealthChecks } from './healthcheck-status.js';
import type { EventRecord, HealthCheckStatusWrite, Observed, ObjectPatch, Plan } from './plan.js';
import { readSettings } from './spec.js';
import {
  cancelled,
  newEntry,
  recoveryMode,
  SYSTEM_ACTOR,
  UNBLOCKED_SUFFIX,
  type Deployment,
} from './history.js';
import { ADOPTED, deploymentBlocked, gatesPassing, phaseOf, ready, type Outcome } from './outcome.js';
import { ACCEPTED, forceDeployRefusal, refusalOutcome, retryRefusal, type Refusal } from './requests.js';
import { formatRfc3339 } from './time.js';


/** While a version waits for gates, re-decide at least this often (spec §3.4). */
const GATE_SAFETY_NET_MS = 10_000;

const RELEASES_UPDATED = 'Available releases were updated successfully from ImagePolicy';
const ACTIVE = new Set(['Deploying', 'InProgress']);
/** A history[0] in these states must be running: its deploy patch is re-applied if it did not land. */
const RESUMABLE = new Set(['Deploying', 'InProgress', 'Succeeded']);

/**
 * The plan for one rollout at `now`. Pure and total: bad input becomes conditions and events,
 * and even an unforeseen failure comes back as a Ready=False condition instead of an exception.
 */
export function decideLegacy(observed: Observed, now: Date): Plan {
  try {
    const rollout = observed.rollout;
    const spec = rollout.spec && typeof rollout.spec === 'object' ? rollout.spec : ({} as Rollout['spec']);
    return decideChecked({ ...observed, rollout: { ...rollout, spec } }, now);
  } catch (error) {
    return internalError(observed, now, error);
  }
}

function internalError(observed: Observed, now: Date, error: unknown): Plan {
  const empty: Plan = { patches: [], healthCheckStatuses: [], clearAnnotations: [], events: [] };
  const old = observed.rollout?.status ?? {};
  const message = `The engine could not decide this rollout: ${error instanceof Error ? error.message : String(error)}`;
  const before = getCondition(old.conditions, C.Ready);
  if (before && before.status === 'False' && before.reason === 'InternalError' && before.message === message)
    return empty;
  const conditions = setCondition(
    Array.isArray(old.conditions) ? old.conditions.filter((c) => c && typeof c === 'object') : [],
    C.Ready,
    { status: 'False', reason: 'InternalError', message },
    formatRfc3339(now),
  );
  return {
    ...empty,
    status: { ...old, conditions },
    events: [{ type: 'Warning', reason: 'InternalError', message }],
  };
}

function decideChecked(observed: Observed, now: Date): Plan {
  const nowMs = now.getTime();
  const nowText = formatRfc3339(now);
  const rollout = observed.rollout;
  const ns = rollout.metadata.namespace ?? 'default';
  const old: RolloutStatus = rollout.status ?? {};
  const ann = rollout.metadata.annotations ?? {};
  const settings = readSettings(rollout);
  const invalid = settings.problems.length > 0;
  const unreadable = observed.unreadable ?? [];
  const accessProblem = accessMessage(unreadable);
  const events: EventRecord[] = [];
  const clear = new Set<string>();
  const hcWrites = new Map<string, HealthCheckStatusWrite>();
  let patches: ObjectPatch[] = [];
  let wakeAt: number | undefined;
  const wake = (t: number | undefined): void => {
    if (t !== undefined && (wakeAt === undefined || t < wakeAt)) wakeAt = t;
  };
  let conditions: Condition[] = [...(old.conditions ?? [])];
  const setCond = (type: string, value: ConditionValue): void => {
    conditions = setCondition(conditions, type, value, nowText);
  };
  // §10.10: a request that cannot take effect now is removed and reported, never kept for later.
  const refuse = (r: Refusal): void => {
    for (const key of r.clear) if (ann[key] !== undefined) clear.add(key);
    const { event, condition } = refusalOutcome(r);
    events.push(event);
    setCond(C.ManualRequest, condition);
  };
  const accepted = (): void => {
    if (getCondition(conditions, C.ManualRequest)) setCond(C.ManualRequest, ACCEPTED);
  };

  // Discovery (§3.1).
  let available = dedupeReleases(old.availableReleases ?? []);
  const policyRef = rollout.spec?.releasesImagePolicy;
  const policyName = `${policyRef?.namespace ?? ns}/${policyRef?.name ?? ''}`;
  let policyMissing: string | undefined;
  if (!observed.imagePolicy) {
    policyMissing = `ImagePolicy ${policyName} not found; create it or fix spec.releasesImagePolicy`;
    setCond(C.ReleasesUpdated, { status: 'False', reason: 'ImagePolicyNotFound', message: policyMissing });
  } else {
    const found = versionFromImagePolicy(observed.imagePolicy);
    if (found && !isValidTag(found.tag)) {
      setCond(C.ReleasesUpdated, {
        status: 'False',
        reason: 'InvalidTag',
        message: `ImagePolicy ${policyName} reports "${found.tag}", which is not a valid image tag; fix the policy's tag filter`,
      });
    } else {
      available = appendRelease(available, found);
      setCond(C.ReleasesUpdated, { status: 'True', reason: 'ReleasesUpdated', message: RELEASES_UPDATED });
    }
  }

  let history: DeploymentHistoryEntry[] = [...(old.history ?? [])].filter((e) => e && e.version);
  const targets = substituteTargets(rollout, observed.kustomizations);
  const oci = ociTargets(rollout, observed.ociRepositories);
  /** Keys of the Kustomizations a patch list touches (OCIRepositories may share their names). */
  const kustomizationKeys = (ps: ObjectPatch[]): Set<string> =>
    new Set(
      ps
        .filter((p) => p.target.kind === 'Kustomization')
        .map((p) => `${p.target.namespace ?? ''}/${p.target.name}`),
    );

  // Adoption (§5): take over what already runs instead of redeploying it.
  if (!invalid && history.length === 0) {
    const running = runningVersion(targets.targets) ?? ociRunning(oci);
    if (running !== undefined && isValidTag(running)) {
      const version = available.find((v) => v.tag === running) ?? { tag: running };
      available = [version, ...available.filter((v) => v.tag !== running)];
      history = [
        {
          id: 1,
          version,
          timestamp: nowText,
          message: ADOPTED,
          triggeredBy: { kind: 'System', name: SYSTEM_ACTOR },
          bakeStatus: 'Succeeded',
          bakeStatusMessage: ADOPTED,
        },
      ];
      events.push({ type: 'Normal', reason: 'Adopted', message: `Adopted running version ${running}` });
    }
  }

  // Retry (§4): a Failed history[0] goes back to Deploying; the annotation is always consumed.
  const retryRefused =
    ann[Annotations.retry] !== undefined ? retryRefusal(settings.problems, history[0]) : undefined;
  if (retryRefused) refuse(retryRefused);
  else if (ann[Annotations.retry] !== undefined) {
    clear.add(Annotations.retry);
    const h0 = history[0];
    if (h0) {
      const retried: DeploymentHistoryEntry = {
        ...h0,
        bakeStatus: 'Deploying',
        bakeStatusMessage: BakeMessages.waiting,
        lastRetryTimestamp: nowText,
      };
      delete retried.bakeStartTime;
      delete retried.bakeEndTime;
      delete retried.failedHealthChecks;
      history[0] = retried;
      events.push({
        type: 'Normal',
        reason: 'RetryRequested',
        message: `Retry requested; bake status reset at ${nowText}`,
      });
      accepted();
    }
  }

  // Health: select, and refresh the kustomization-class checks we provide.
  const selection = selectHealthChecks(rollout, observed.healthChecks, observed.namespaces);
  let checks: HealthCheck[] = selection.healthChecks;
  const refresh = (cutoff: number | undefined, patched?: Set<string>): void => {
    const h0 = history[0];
    const r = refreshKustomizationHealthChecks(checks, observed.kustomizations, {
      now,
      ...(h0?.bakeStatus === 'Deploying' && oci.length > 0
        ? { revisionOf: { kustomizations: ociConsumers(oci, observed.kustomizations), tag: h0.version.tag } }
        : {}),
      hidden: (kns) => kustomizationHidden(unreadable, kns),
      ...(cutoff !== undefined ? { cutoff } : {}),
      ...(patched ? { patched } : {}),
    });
    checks = r.healthChecks;
    for (const w of r.writes) hcWrites.set(`${w.target.namespace ?? ''}/${w.target.name}`, w);
  };
  const activeCutoff = (): number | undefined =>
    history[0]?.bakeStatus === 'Deploying' ? errorCutoff(history[0]) : undefined;
  const bakeStep = (): void => {
    const h0 = history[0];
    if (!h0 || !ACTIVE.has(h0.bakeStatus ?? '')) return;
    const step = advanceBake(h0, {
      healthChecks: checks,
      ...(settings.bakeTimeMs !== undefined ? { bakeTimeMs: settings.bakeTimeMs } : {}),
      ...(settings.deployTimeoutMs !== undefined ? { deployTimeoutMs: settings.deployTimeoutMs } : {}),
      recovery: getCondition(conditions, C.BakeFailureDisabled)?.status === 'True',
      now,
    });
    history[0] = step.entry;
    events.push(...step.events);
    wake(step.wakeAt);
  };
  // Resume (intent record): the status names history[0] as deployed, but a patch did not land
  // (the driver writes the status first). Patch again; health treats those Kustomizations as
  // one generation ahead, exactly as at the deploy itself, so a stale Ready starts no bake.
  let resumed: Set<string> | undefined;
  const r0 = history[0];
  if (!invalid && r0 && RESUMABLE.has(r0.bakeStatus ?? '') && r0.message !== ADOPTED) {
    patches = [
      ...resumePatches(targets.targets, r0.version.tag, history[1]?.version.tag),
      ...ociResumePatches(oci, r0.version.tag, history[1]?.version.tag),
    ];
    if (patches.length > 0) resumed = kustomizationKeys(patches);
  }
  if (!invalid) {
    refresh(activeCutoff(), resumed);
    bakeStep();
  }

  // Rejections stand until a gate approves the version again and none denies it.
  const myGates = observed.gates.filter(
    (g) => (g.metadata.namespace ?? ns) === ns && g.spec?.rolloutRef?.name === rollout.metadata.name,
  );
  const rejected = (old.rejectedVersions ?? []).filter(
    (v) =>
      !(
        myGates.some((g) => (g.spec.allowedVersions ?? []).includes(v)) &&
        !myGates.some((g) => (g.spec.deniedVersions ?? []).includes(v))
      ),
  );
  const excluded = (): Set<string> => new Set([...rejected, ...failedVersions(history)]);
  let cands = candidates(available, history[0]?.version.tag, excluded());

  const unhealthy = checks.filter((hc) => hc.status?.status === 'Unhealthy');
  let forceTag = ann[Annotations.forceDeploy] || undefined;
  const pin = settings.wantedVersion;
  // A force-deploy history[0] already records: the status was written, the annotation removal was
  // not (a failed write, a crash). It is consumed; deploying it again would record it twice.
  const f0 = history[0];
  if (
    !invalid &&
    forceTag !== undefined &&
    pin === undefined &&
    f0?.version.tag === forceTag &&
    RESUMABLE.has(f0.bakeStatus ?? '') &&
    f0.triggeredBy?.kind !== 'System' &&
    f0.message !== ADOPTED
  ) {
    for (const key of [Annotations.forceDeploy, Annotations.deployMessage, Annotations.deployUser]) {
      if (ann[key] !== undefined) clear.add(key);
    }
    forceTag = undefined;
  }
  if (forceTag !== undefined) {
    const refusal = forceDeployRefusal(forceTag, {
      specProblems: settings.problems,
      ...(pin !== undefined ? { pin } : {}),
      known: available.map((v) => v.tag),
      ...(targets.problems.length > 0
        ? { targetProblem: targets.problems.join('; ') }
        : targets.targets.length === 0
          ? { targetProblem: noTargetMessage(rollout) }
          : {}),
    });
    if (refusal) {
      refuse(refusal);
      forceTag = undefined;
    }
  }
  // Likewise an unblock-failed that history[0]'s automatic deploy already used.
  if (
    !invalid &&
    ann[Annotations.unblockFailed] !== undefined &&
    f0 &&
    RESUMABLE.has(f0.bakeStatus ?? '') &&
    f0.triggeredBy?.kind === 'System' &&
    (f0.message ?? '').includes(UNBLOCKED_SUFFIX)
  ) {
    clear.add(Annotations.unblockFailed);
  }
  let deployment: Deployment | undefined;
  let manualPending: string | undefined;
  let gateSet: GateSet = { summaries: [], problems: [] };
  const schedules = decideSchedules(observed, now);
  // Bypass (§10.4): read before gates, so a bypassed candidate is neither rejected nor gated.
  const bypass = readBypass({
    specProblems: settings.problems,
    annotations: ann,
    ...(pin !== undefined ? { pin } : {}),
    ...(forceTag !== undefined ? { forcing: forceTag } : {}),
    ...(history[0] ? { history0: history[0] } : {}),
    candidates: cands,
  });
  let bypassTag = bypass.state === 'active' ? bypass.tag : undefined;
  if (bypass.state === 'consumed') clear.add(Annotations.bypassGates);
  if (bypass.state === 'refused') {
    refuse({ reason: 'BypassRefused', message: bypass.message, clear: [Annotations.bypassGates] });
  }
  // The version to work towards (§10.1): the newest allowed candidate, or the bypassed one.
  let target: Target = chooseTarget(cands, myGates, bypassTag);
  const retarget = (): void => {
    target = chooseTarget(cands, myGates, bypassTag);
    const set = decideGates(observed, target.tag, now, schedules);
    gateSet =
      target.bypassed && target.tag ? { ...set, summaries: bypassSummaries(set.summaries, target.tag) } : set;
  };
  // Decide gates for the newest candidate; a denied one is rejected and the next one looked at.
  // Then decide them for the version chosen among the rest.
  const rejectDenied = (current: string | undefined): void => {
    for (;;) {
      const pending = cands[0]?.tag;
      const deniers =
        pending === undefined || pending === bypassTag
          ? []
          : decideGates(observed, pending, now, schedules).summaries.filter((s) => s.decision === 'Denied');
      if (!pending || deniers.length === 0) return retarget();
      rejected.push(pending);
      events.push({
        type: 'Warning',
        reason: 'Rejected',
        message: `${pending} was rejected by ${deniers.map((d) => d.name).join(', ')}`,
      });
      cands = candidates(available, current, excluded());
    }
  };

  if (!invalid) {
    const current = history[0]?.version.tag;
    if (pin !== undefined) {
      if (current !== pin) {
        deployment = { tag: pin, manual: true, force: false, pin: true, skipped: [] };
        manualPending = pin;
      }
    } else if (forceTag !== undefined) {
      // Known and deployable: forceDeployRefusal above removed every other request.
      deployment = { tag: forceTag, manual: true, force: true, pin: false, skipped: [] };
      manualPending = forceTag;
    }
    gateSet = decideGates(
      observed,
      manualPending ?? (pin === undefined ? target.tag : undefined),
      now,
      schedules,
    );

    if (pin === undefined && forceTag === undefined) {
      rejectDenied(current);
      const pending = target.tag;
      const h0 = history[0];
      const gatesOpen = gateSet.summaries.every((s) => s.decision === 'Approved');
      const blockedByFailure = h0?.bakeStatus === 'Failed' && ann[Annotations.unblockFailed] !== 'true';
      if (
        pending &&
        !ACTIVE.has(h0?.bakeStatus ?? '') &&
        !blockedByFailure &&
        gatesOpen &&
        unhealthy.length === 0 &&
        accessProblem === undefined
      ) {
        deployment = {
          tag: pending,
          manual: false,
          force: false,
          pin: false,
          ...(target.bypassed ? { bypass: true } : {}),
          skipped: target.skipped,
        };
      }
    }
  }

  // Deploy (§3.7).
  let deployProblem: string | undefined;
  if (deployment) {
    if (targets.problems.length > 0) deployProblem = targets.problems.join('; ');
    else if (targets.targets.length === 0 && oci.length === 0) deployProblem = noTargetMessage(rollout);
    else {
      const d = deployment;
      patches = [...substitutePatches(targets.targets, d.tag), ...ociPatches(oci, d.tag)];
      events.push(...ociOverrideWarnings(oci, d.tag));
      const prev = history[0];
      if (prev && ACTIVE.has(prev.bakeStatus ?? '')) {
        history[0] = cancelled(prev, d.tag, nowText);
        events.push({
          type: 'Normal',
          reason: 'Cancelled',
          message: `Bake of ${prev.version.tag} cancelled by the deployment of ${d.tag}`,
        });
      }
      setCond(C.BakeFailureDisabled, recoveryMode(d, history[0], unhealthy));
      let version: VersionInfo | undefined = available.find((v) => v.tag === d.tag);
      if (!version) {
        // A pinned tag the ImagePolicy never reported: record it so later releases come after it.
        version = { tag: d.tag };
        available = [...available, version];
      } else if (d.force) {
        // §10.9: a manual deploy is not undone. The releases known now stop being candidates: the
        // forced tag moves to the end of availableReleases, so only releases discovered later
        // come after it (adoption moves its tag to the front for the opposite reason).
        const forced = version;
        available = [...available.filter((v) => v.tag !== d.tag), forced];
      }
      const entry = newEntry({
        deployment: d,
        version,
        ...(history[0] ? { previous: history[0] } : {}),
        annotations: ann,
        ...(d.manual ? { trigger: manualTrigger(rollout, d.pin ? 'wantedVersion' : 'forceDeploy') } : {}),
        bakeConfigured: settings.bakeConfigured,
        now: nowText,
      });
      const approvedBy = approvalsOf(myGates, d.tag);
      if (approvedBy.length > 0) entry.approvedBy = approvedBy;
      history = [entry, ...history].slice(0, settings.historyLimit);
      events.push({ type: 'Normal', reason: 'Deployed', message: `Deployed ${d.tag} (${entry.message})` });
      for (const key of [Annotations.deployMessage, Annotations.deployUser, Annotations.unblockFailed]) {
        if (ann[key] !== undefined) clear.add(key);
      }
      if (d.force) {
        clear.add(Annotations.forceDeploy);
        accepted();
      }
      if (d.bypass) {
        clear.add(Annotations.bypassGates);
        accepted();
      }
      bypassTag = undefined;
      const patched = kustomizationKeys(patches);
      refresh(activeCutoff(), patched);
      bakeStep();
      cands = candidates(available, d.tag, excluded());
      if (pin === undefined) rejectDenied(d.tag);
      else {
        target = { skipped: [], bypassed: false };
        gateSet = decideGates(observed, undefined, now, schedules);
      }
      manualPending = undefined;
    }
  }

  // Status (§2.1).
  const h0 = history[0];
  const current = h0?.version.tag;
  const deployed = deployment !== undefined && deployProblem === undefined;
  const pendingVersion = deployed
    ? pin === undefined
      ? target.tag
      : undefined
    : (manualPending ?? (pin === undefined ? target.tag : undefined));
  const gatesOpen = gateSet.summaries.every((s) => s.decision === 'Approved');
  const newestAfterCurrent = candidates(available, current)[0]?.tag;
  const isRejected = newestAfterCurrent !== undefined && rejected.includes(newestAfterCurrent);

  // Health as the pass leaves it: a deploy resets every check (§10.2), so a sick check before a
  // manual deploy is Pending after it until its provider speaks again.
  const unhealthyNow = checks.filter((hc) => hc.status?.status === 'Unhealthy');
  // Manual while a pin or an unconsumed force-deploy stands, and while history[0] is a manual deploy
  // (only those are credited to a User or a FieldManager) that bakes or meets no unhealthy check: in the pass that
  // force-deploys onto an incident too, and afterwards until an unhealthy environment really blocks.
  const manual =
    pin !== undefined ||
    (forceTag !== undefined && !clear.has(Annotations.forceDeploy)) ||
    ((h0?.triggeredBy?.kind === 'User' || h0?.triggeredBy?.kind === 'FieldManager') &&
      (ACTIVE.has(h0.bakeStatus ?? '') || unhealthyNow.length === 0));
  const outcome: Outcome = {
    invalid,
    specProblems: settings.problems,
    ...(h0 ? { history0: h0 } : {}),
    ...(pendingVersion !== undefined ? { pendingVersion } : {}),
    ...(manualPending !== undefined ? { manualPending } : {}),
    ...(pin !== undefined ? { pin } : {}),
    ...(deployProblem ? { deployProblem } : {}),
    ...(policyMissing ? { policyMissing } : {}),
    releasesKnown: available.length > 0,
    gatesOpen,
    ...(target.bypassed && pendingVersion === target.tag ? { bypassed: target.tag } : {}),
    ...(target.excludedBy && pendingVersion === target.tag ? { excludedBy: target.excludedBy } : {}),
    scheduleProblems: gateSet.problems,
    ...(isRejected ? { rejectedVersion: newestAfterCurrent } : {}),
    unblocked: ann[Annotations.unblockFailed] === 'true',
    unhealthy: unhealthyNow,
    manual,
    namespace: ns,
    ...(accessProblem ? { accessProblem } : {}),
  };
  const phase = phaseOf(outcome);
  const coverage = coverageCondition(blindKustomizations(checks, observed.kustomizations));
  if (coverage) setCond(C.WorkloadHealthCovered, coverage);
  else conditions = removeCondition(conditions, C.WorkloadHealthCovered);
  if (!invalid) {
    setCond(C.DeploymentBlocked, deploymentBlocked(outcome));
    setCond(C.GatesPassing, gatesPassing(outcome));
  }
  setCond(C.Ready, ready(outcome));

  events.push(...problemEvents(old.conditions ?? [], conditions));

  const status: RolloutStatus & Record<string, unknown> = { ...(old as Record<string, unknown>) };
  const put = (key: string, value: unknown): void => {
    if (value === undefined) delete status[key];
    else status[key] = value;
  };
  put('currentVersion', current);
  put('pendingVersion', pendingVersion);
  put('phase', phase);
  put('history', history);
  put('availableReleases', available);
  put('releaseCandidates', cands);
  put('gates', gateSet.summaries);
  put('gatesSummary', gatesSummaryText(gateSet.summaries));
  put('rejectedVersions', rejected.length > 0 ? rejected : undefined);
  put('conditions', conditions);
  put('observedGeneration', rollout.metadata.generation);

  if (!invalid) {
    wake(gateSet.nextChange?.getTime());
    if (phase === 'WaitingForGates') wake(nowMs + GATE_SAFETY_NET_MS);
    if (phase === 'Blocked' && unhealthy.length > 0) wake(nowMs + HEALTH_SAFETY_NET_MS);
  }
  // A deploy that left a deployable candidate behind (see above): come back right away.
  if (
    deployed &&
    pendingVersion !== undefined &&
    gatesOpen &&
    unhealthy.length === 0 &&
    accessProblem === undefined &&
    !ACTIVE.has(h0?.bakeStatus ?? '')
  ) {
    wake(nowMs + 1000);
  }
  if (wakeAt !== undefined && wakeAt <= nowMs) wakeAt = nowMs + 1000;

  return {
    ...(jsonEqual(old, status) ? {} : { status }),
    patches,
    healthCheckStatuses: [...hcWrites.values()],
    clearAnnotations: [...clear].filter((k) => ann[k] !== undefined),
    events,
    ...(wakeAt !== undefined ? { wakeAt: new Date(wakeAt) } : {}),
  };
}
