// The manual actions of spec §4, each written exactly as a kubectl user would write it: gate lists,
// annotations, spec.wantedVersion. The CLI and the extension call these; they never build patches.
import { type Kube, KubeError, EventRecorder, Kinds } from '../kube/index.js';
import { Annotations, type GateDecisionRecord, type Rollout, type RolloutGate } from '../model/index.js';
import type { RolloutKey } from '../driver/api.js';
import type { ActionResult, ApproveOptions, PinOptions, RolloutActions } from './api.js';
import { editGate, gateAlready, isApprovalGate, scheduleOwner, withDecision } from './gateEdit.js';
import { closeNames, didYouMean } from './suggest.js';

export interface ActionsOptions {
  kube: Kube;
  /** Who acts (SelfSubjectReview username); goes into Events and deploy-user. */
  identity: string;
  now?: () => Date;
}

const CONFLICT_RETRIES = 8;
/** RFC 3339 in whole seconds, as Kubernetes writes times. */
const wholeSeconds = (d: Date): string => d.toISOString().replace(/\.\d+Z$/, 'Z');

function decisionRecord(
  verdict: 'approve' | 'deny',
  version: string,
  user: string,
  at: Date,
  message: string | undefined,
): GateDecisionRecord {
  return {
    verdict: verdict === 'approve' ? 'Approved' : 'Denied',
    version,
    user,
    time: wholeSeconds(at),
    ...(message ? { message } : {}),
  };
}
const knownTags = (r: Rollout): string[] => (r.status?.availableReleases ?? []).map((v) => v.tag);

/** A `passing: false` gate is a closed switch: allowedVersions cannot open it (spec §2.2 rule 2). */
function closedGate(rollout: string, version: string, gates: RolloutGate[]): KubeError {
  const names = gates.map((g) => g.metadata.name).join(', ');
  return new KubeError(
    'Invalid',
    `cannot approve ${version}: gate ${names} is closed (spec.passing: false) and an approval cannot open it — ` +
      `set spec.passing to true on the gate, or deploy past it: kubectl kuberik deploy ${rollout} ${version}`,
  );
}

export function createActions(opts: ActionsOptions): RolloutActions {
  const { kube, identity } = opts;
  const recorder = new EventRecorder(kube, opts.now);
  const now = opts.now ?? (() => new Date());

  async function getRollout(key: RolloutKey): Promise<Rollout> {
    const r = await kube.find(Kinds.Rollout, key.namespace, key.name);
    if (r) return r;
    let hint = '';
    try {
      const names = (await kube.list(Kinds.Rollout, { namespace: key.namespace })).items.map(
        (x) => x.metadata.name,
      );
      hint = didYouMean(closeNames(key.name, names));
    } catch {
      // listing is only for the hint
    }
    throw new KubeError('NotFound', `rollout ${key.name} not found in namespace ${key.namespace}${hint}`);
  }

  function requireKnown(r: Rollout, version: string, what: string): void {
    const tags = knownTags(r);
    if (tags.includes(version)) return;
    const near = didYouMean(closeNames(version, tags));
    const list = tags.length
      ? ` (known: ${tags.slice(-5).join(', ')})`
      : ' (it has discovered no releases yet)';
    throw new KubeError(
      'Invalid',
      `cannot ${what} ${version}: it is not a release of ${r.metadata.name}${near || list}`,
    );
  }

  async function recordOnRollout(
    r: Rollout,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ): Promise<void> {
    await recorder
      .record(
        {
          apiVersion: r.apiVersion,
          kind: 'Rollout',
          namespace: r.metadata.namespace,
          name: r.metadata.name,
          uid: r.metadata.uid,
        },
        { type, reason, message },
      )
      .catch(() => undefined); // the action itself succeeded; a missing Event is not worth failing it
  }

  /**
   * Records who/when/why on the gate's status.decisions (spec §10.5), conflict-safe. Best effort:
   * without rolloutgates/status the approval still goes through and the Event still names the person.
   */
  async function recordDecision(ns: string, name: string, record: GateDecisionRecord): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        const gate = await kube.get(Kinds.RolloutGate, ns, name);
        await kube.mergePatch(
          Kinds.RolloutGate,
          ns,
          name,
          { status: { decisions: withDecision(gate, record) } },
          { resourceVersion: gate.metadata.resourceVersion, status: true },
        );
        return;
      } catch (e) {
        if (!(e instanceof KubeError && e.kind === 'Conflict') || attempt >= CONFLICT_RETRIES) return;
      }
    }
  }

  /** Read-modify-write with resourceVersion; 409 → re-read and try again. */
  async function editGateSafely(
    ns: string,
    name: string,
    version: string,
    verdict: 'approve' | 'deny',
    record: GateDecisionRecord,
  ): Promise<boolean> {
    let recorded = false;
    for (let attempt = 0; ; attempt++) {
      const gate = await kube.get(Kinds.RolloutGate, ns, name);
      const next = editGate(gate, version, verdict);
      if (!next) return false;
      // The record goes first: the list edit wakes the driver, which may deploy at once and copy
      // the record into the history entry; it must already be there.
      if (!recorded) {
        await recordDecision(ns, name, record);
        recorded = true;
        continue; // re-read: the status write moved resourceVersion
      }
      try {
        await kube.mergePatch(
          Kinds.RolloutGate,
          ns,
          name,
          { spec: next },
          { resourceVersion: gate.metadata.resourceVersion },
        );
        return true;
      } catch (e) {
        if (!(e instanceof KubeError && e.kind === 'Conflict') || attempt >= CONFLICT_RETRIES) throw e;
      }
    }
  }

  async function judge(
    key: RolloutKey,
    o: ApproveOptions,
    verdict: 'approve' | 'deny',
  ): Promise<ActionResult> {
    const r = await getRollout(key);
    const version = o.version ?? r.status?.pendingVersion;
    if (!version) {
      throw new KubeError(
        'Invalid',
        `rollout ${key.name} has no pending version to ${verdict} — name one (known: ${knownTags(r).slice(-5).join(', ') || 'none'})`,
      );
    }
    requireKnown(r, version, verdict);
    const all = (await kube.list(Kinds.RolloutGate, { namespace: key.namespace })).items.filter(
      (g) => g.spec?.rolloutRef?.name === key.name,
    );
    let targets: RolloutGate[];
    let closed: RolloutGate[] = [];
    if (o.gate) {
      const g = all.find((x) => x.metadata.name === o.gate);
      if (!g) {
        throw new KubeError(
          'NotFound',
          `gate ${o.gate} of rollout ${key.name} not found in namespace ${key.namespace}${didYouMean(
            closeNames(
              o.gate,
              all.map((x) => x.metadata.name),
            ),
          )}`,
        );
      }
      const owner = scheduleOwner(g);
      if (owner) {
        throw new KubeError(
          'Invalid',
          `gate ${g.metadata.name} is managed by schedule ${owner}; it opens and closes with the schedule — change the schedule instead`,
        );
      }
      if (verdict === 'approve' && g.spec?.passing === false) throw closedGate(key.name, version, [g]);
      targets = [g];
    } else {
      const own = all.filter((g) => !scheduleOwner(g));
      if (own.length === 0) {
        throw new KubeError('Invalid', `rollout ${key.name} has no RolloutGate to ${verdict} ${version} on`);
      }
      targets = own.filter(
        (g) => !gateAlready(g, version, verdict) && (verdict === 'deny' || isApprovalGate(g, version)),
      );
      closed = verdict === 'approve' ? own.filter((g) => g.spec?.passing === false) : [];
      if (closed.length > 0 && targets.length === 0) throw closedGate(key.name, version, closed);
    }

    const record = decisionRecord(verdict, version, identity, now(), o.message);
    const changed: string[] = [];
    for (const g of targets) {
      if (await editGateSafely(key.namespace, g.metadata.name, version, verdict, record))
        changed.push(g.metadata.name);
    }
    const word = verdict === 'approve' ? 'approved' : 'denied';
    for (const gate of changed) {
      await recordOnRollout(
        r,
        'Normal',
        verdict === 'approve' ? 'Approved' : 'Denied',
        `${version} ${word} by ${identity} on ${gate}${o.message ? `: ${o.message}` : ''}`,
      );
    }
    const summary =
      changed.length > 0
        ? `${version} ${word} on ${changed.join(', ')}`
        : `${version} was already ${word} on ${targets.length ? targets.map((g) => g.metadata.name).join(', ') : 'every gate'}`;
    const held = closed.length
      ? `; still held by closed gate ${closed.map((g) => g.metadata.name).join(', ')} (spec.passing: false), which an approval cannot open`
      : '';
    return { summary: summary + held, version, changed: changed.map((n) => `rolloutgate/${n}`) };
  }

  /** Merge-patch annotations and/or spec; reports whether anything changed. */
  async function patchRollout(
    r: Rollout,
    patch: { annotations?: Record<string, string | null>; spec?: Record<string, unknown> },
  ): Promise<boolean> {
    const have = r.metadata.annotations ?? {};
    const annotationsChange = Object.entries(patch.annotations ?? {}).some(([k, v]) =>
      v === null ? k in have : have[k] !== v,
    );
    const specChange = Object.entries(patch.spec ?? {}).some(
      ([k, v]) => (r.spec as unknown as Record<string, unknown>)[k] !== (v === null ? undefined : v),
    );
    if (!annotationsChange && !specChange) return false;
    await kube.mergePatch(Kinds.Rollout, r.metadata.namespace, r.metadata.name, {
      ...(annotationsChange ? { metadata: { annotations: patch.annotations } } : {}),
      ...(specChange ? { spec: patch.spec } : {}),
    });
    return true;
  }

  const who = (message?: string): Record<string, string | null> => ({
    [Annotations.deployUser]: identity,
    ...(message ? { [Annotations.deployMessage]: message } : {}),
  });

  return {
    approve: (key, o = {}) => judge(key, o, 'approve'),
    deny: (key, o = {}) => judge(key, o, 'deny'),

    async deploy(key, version, o = {}) {
      const r = await getRollout(key);
      requireKnown(r, version, 'deploy');
      const changed = await patchRollout(r, {
        annotations: { [Annotations.forceDeploy]: version, ...who(o.message) },
      });
      return {
        summary: changed
          ? `deploying ${version} to ${key.name} (force-deploy requested)`
          : `a deploy of ${version} is already requested`,
        version,
        changed: changed ? [`rollout/${key.name}`] : [],
      };
    },

    async bypassGates(key, version, o = {}) {
      const r = await getRollout(key);
      const candidates = (r.status?.releaseCandidates ?? []).map((v) => v.tag);
      if (!candidates.includes(version)) {
        const why =
          r.status?.currentVersion === version ? 'it is already deployed' : 'it is not a release candidate';
        const list = candidates.length
          ? `candidates: ${candidates.slice(0, 5).join(', ')}`
          : 'there are no candidates';
        throw new KubeError(
          'Invalid',
          `cannot bypass gates for ${version}: ${why} of ${r.metadata.name} (${list}); to deploy any known release now, use deploy without --bypass-gates`,
        );
      }
      if (r.spec?.wantedVersion) {
        throw new KubeError(
          'Invalid',
          `cannot bypass gates for ${version}: ${r.metadata.name} is pinned to ${r.spec.wantedVersion}; unpin it first`,
        );
      }
      const changed = await patchRollout(r, { annotations: { [Annotations.bypassGates]: version } });
      if (changed) {
        await recordOnRollout(
          r,
          'Normal',
          'BypassRequested',
          `Gate bypass for ${version} requested by ${identity}${o.message ? `: ${o.message}` : ''}`,
        );
      }
      return {
        summary: changed
          ? `gates bypassed for ${version} on ${key.name}; it deploys once the environment is healthy and no failed bake blocks`
          : `a gate bypass for ${version} is already requested`,
        version,
        changed: changed ? [`rollout/${key.name}`] : [],
      };
    },

    async pin(key, version, o: PinOptions = {}) {
      const r = await getRollout(key);
      if (
        !o.allowUnknown &&
        !knownTags(r).includes(version) &&
        !(r.status?.history ?? []).some((h) => h.version.tag === version)
      ) {
        requireKnown(r, version, 'pin');
      }
      const changed =
        r.spec?.wantedVersion !== version &&
        (await patchRollout(r, { spec: { wantedVersion: version }, annotations: who(o.message) }));
      return {
        summary: changed
          ? `${key.name} pinned to ${version}; automation is off until unpinned`
          : `${key.name} is already pinned to ${version}`,
        version,
        changed: changed ? [`rollout/${key.name}`] : [],
      };
    },

    async unpin(key) {
      const r = await getRollout(key);
      const was = r.spec?.wantedVersion;
      const changed = await patchRollout(r, { spec: { wantedVersion: null } });
      return {
        summary: changed
          ? `${key.name} unpinned from ${was}; automation resumes`
          : `${key.name} is not pinned`,
        version: was,
        changed: changed ? [`rollout/${key.name}`] : [],
      };
    },

    async rollback(key, o = {}) {
      const r = await getRollout(key);
      const current = r.status?.currentVersion;
      let to = o.to;
      if (!to) {
        to = (r.status?.history ?? []).find((h) => h.bakeStatus === 'Succeeded' && h.version.tag !== current)
          ?.version.tag;
        if (!to) {
          throw new KubeError(
            'Invalid',
            `rollout ${key.name} has no earlier succeeded version to roll back to — name one`,
          );
        }
      }
      if (!knownTags(r).includes(to) && !(r.status?.history ?? []).some((h) => h.version.tag === to)) {
        requireKnown(r, to, 'roll back to');
      }
      const changed =
        r.spec?.wantedVersion !== to &&
        (await patchRollout(r, {
          spec: { wantedVersion: to },
          annotations: who(o.message ?? `rollback from ${current ?? 'nothing'} to ${to}`),
        }));
      return {
        summary: changed
          ? `${key.name} rolling back to ${to} (pinned; unpin to resume automation)`
          : `${key.name} is already pinned to ${to}`,
        version: to,
        changed: changed ? [`rollout/${key.name}`] : [],
      };
    },

    async retry(key) {
      const r = await getRollout(key);
      const latest = r.status?.history?.[0];
      if (!latest)
        throw new KubeError('Invalid', `nothing to retry: rollout ${key.name} has not deployed anything yet`);
      if (latest.bakeStatus !== 'Failed') {
        throw new KubeError(
          'Invalid',
          `nothing to retry: the latest deployment of ${key.name} (${latest.version.tag}) is ${latest.bakeStatus ?? 'not failed'}, not Failed`,
        );
      }
      const stamp = (opts.now?.() ?? new Date()).toISOString();
      const changed = await patchRollout(r, {
        annotations: { [Annotations.retry]: stamp, [Annotations.deployUser]: identity },
      });
      return {
        summary: `retrying ${latest.version.tag} on ${key.name}`,
        version: latest.version.tag,
        changed: changed ? [`rollout/${key.name}`] : [],
      };
    },

    async unblock(key) {
      const r = await getRollout(key);
      const latest = r.status?.history?.[0];
      if (latest?.bakeStatus !== 'Failed') {
        throw new KubeError(
          'Invalid',
          `nothing to unblock: ${key.name} is not blocked by a failed bake${latest ? ` (latest ${latest.version.tag} is ${latest.bakeStatus})` : ''}`,
        );
      }
      const changed = await patchRollout(r, { annotations: { [Annotations.unblockFailed]: 'true' } });
      return {
        summary: changed
          ? `${key.name} unblocked: the next automatic deploy may proceed past failed ${latest.version.tag}`
          : `${key.name} is already unblocked`,
        version: latest.version.tag,
        changed: changed ? [`rollout/${key.name}`] : [],
      };
    },
  };
}
