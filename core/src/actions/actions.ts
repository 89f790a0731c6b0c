// The manual actions of spec §4, each written exactly as a kubectl user would write it: gate lists,
// annotations, spec.wantedVersion. The CLI and the extension call these; they never build patches
// and never re-check: `prepare` reads and validates (ActionRejected), `commit` writes.
import type { Kube } from '../kube/index.js';
import { Annotations, type GateDecisionRecord, type Rollout } from '../model/index.js';
import type { RolloutKey } from '../driver/api.js';
import type { ActionRequest, Committed, PreparedAction, PrepareOptions, RolloutActions } from './api.js';
import { ActionRejected, isRejection, type Rejection } from './rejection.js';
import {
  bypassRefusal,
  engineRefusal,
  failedVersion,
  rollbackTarget,
  unknownVersion,
  verdictTargets,
  verdictVersion,
} from './validate.js';
import { editGate } from './gate-edit.js';
import { asAction, createWrites } from './writes.js';

export interface ActionsOptions {
  kube: Kube;
  /**
   * Who acts (SelfSubjectReview username); goes into Events, gate decisions and deploy-user. A
   * function is called once, when an action first needs it (unpin never does).
   */
  identity: string | (() => Promise<string>);
  now?: () => Date;
}

/** RFC 3339 in whole seconds, as Kubernetes writes times. */
const wholeSeconds = (d: Date): string => d.toISOString().replace(/\.\d+Z$/, 'Z');

function ok<T>(x: T | Rejection): T {
  if (isRejection(x)) throw new ActionRejected(x);
  return x as T;
}
function check(x: Rejection | undefined): void {
  if (x) throw new ActionRejected(x);
}

export function createActions(opts: ActionsOptions): RolloutActions {
  const { kube } = opts;
  const now = opts.now ?? (() => new Date());
  const w = createWrites(kube, now);
  let who: Promise<string> | undefined;
  const identity = (): Promise<string> =>
    (who ??= typeof opts.identity === 'string' ? Promise.resolve(opts.identity) : opts.identity());
  const deployUser = async (message?: string): Promise<Record<string, string>> => ({
    [Annotations.deployUser]: await identity(),
    ...(message ? { [Annotations.deployMessage]: message } : {}),
  });
  const touched = (key: RolloutKey, written: Rollout | undefined): string[] =>
    written ? [`rollout/${key.name}`] : [];

  async function prepareVerdict(
    key: RolloutKey,
    r: Rollout,
    req: Extract<ActionRequest, { action: 'approve' | 'deny' }>,
  ): Promise<PreparedAction> {
    const verdict = req.action;
    ok(verdictVersion(r, req)); // before the gate list: a typo costs one request
    const { version, targets, closed } = ok(verdictTargets(r, await w.listGates(key.namespace), req));
    const commit = async (): Promise<Committed> => {
      // Who acts is asked only when a gate is to change.
      const user = targets.some((g) => editGate(g, version, verdict)) ? await identity() : '';
      const record: GateDecisionRecord = {
        verdict: verdict === 'approve' ? 'Approved' : 'Denied',
        version,
        user,
        time: wholeSeconds(now()),
        ...(req.message ? { message: req.message } : {}),
      };
      const changed: string[] = [];
      for (const g of targets) {
        if (await w.writeVerdict(key.namespace, g, version, verdict, record)) changed.push(g.metadata.name);
      }
      const word = verdict === 'approve' ? 'approved' : 'denied';
      for (const gate of changed) {
        await w.recordOnRollout(
          r,
          'Normal',
          verdict === 'approve' ? 'Approved' : 'Denied',
          `${version} ${word} by ${user} on ${gate}${req.message ? `: ${req.message}` : ''}`,
        );
      }
      const summary =
        changed.length > 0
          ? `${version} ${word} on ${changed.join(', ')}`
          : `${version} was already ${word} on ${targets.length ? targets.map((g) => g.metadata.name).join(', ') : 'every gate'}`;
      const held = closed.length
        ? `; still held by closed gate ${closed.map((g) => g.metadata.name).join(', ')} (spec.passing: false), which an approval cannot open`
        : '';
      return {
        result: { summary: summary + held, version, changed: changed.map((n) => `rolloutgate/${n}`) },
      };
    };
    return { rollout: r, version, commit: () => asAction(verdict, key, commit) };
  }

  /** Validates one request on `r` and returns its write. */
  async function prepareOn(
    key: RolloutKey,
    r: Rollout,
    req: ActionRequest,
    observed: PrepareOptions['observed'],
  ): Promise<PreparedAction> {
    const prepared = (version: string | undefined, write: () => Promise<Committed>): PreparedAction => ({
      rollout: r,
      version,
      commit: () => asAction(req.action, key, write),
    });
    switch (req.action) {
      case 'approve':
      case 'deny':
        return prepareVerdict(key, r, req);

      case 'deploy': {
        const { version, message } = req;
        check(unknownVersion(r, version, 'deploy'));
        if (observed) check(engineRefusal(observed, { kind: 'force-deploy', version }, 'deploy', now()));
        return prepared(version, async () => {
          const written = await w.patchRollout(r, {
            annotations: { [Annotations.forceDeploy]: version, ...(await deployUser(message)) },
          });
          const summary = written
            ? `deploying ${version} to ${key.name} (force-deploy requested)`
            : `a deploy of ${version} is already requested`;
          return { result: { summary, version, changed: touched(key, written) }, rollout: written };
        });
      }

      case 'bypassGates': {
        const { version, message } = req;
        check(bypassRefusal(r, version));
        return prepared(version, async () => {
          const written = await w.patchRollout(r, { annotations: { [Annotations.bypassGates]: version } });
          if (written) {
            await w.recordOnRollout(
              r,
              'Normal',
              'BypassRequested',
              `Gate bypass for ${version} requested by ${await identity()}${message ? `: ${message}` : ''}`,
            );
          }
          const summary = written
            ? `gates bypassed for ${version} on ${key.name}; it deploys once the environment is healthy and no failed bake blocks`
            : `a gate bypass for ${version} is already requested`;
          return { result: { summary, version, changed: touched(key, written) }, rollout: written };
        });
      }

      case 'pin': {
        const { version, message } = req;
        if (!req.allowUnknown) check(unknownVersion(r, version, 'pin', true));
        return prepared(version, async () => {
          const written =
            r.spec?.wantedVersion === version
              ? undefined
              : await w.patchRollout(r, {
                  spec: { wantedVersion: version },
                  annotations: await deployUser(message),
                });
          const summary = written
            ? `${key.name} pinned to ${version}; automation is off until unpinned`
            : `${key.name} is already pinned to ${version}`;
          return { result: { summary, version, changed: touched(key, written) }, rollout: written };
        });
      }

      case 'unpin': {
        const was = r.spec?.wantedVersion;
        return prepared(was, async () => {
          const written = await w.patchRollout(r, { spec: { wantedVersion: null } });
          const summary = written
            ? `${key.name} unpinned from ${was}; automation resumes`
            : `${key.name} is not pinned`;
          return { result: { summary, version: was, changed: touched(key, written) }, rollout: written };
        });
      }

      case 'rollback': {
        const to = ok(rollbackTarget(r, req.to));
        const current = r.status?.currentVersion;
        return prepared(to, async () => {
          const written =
            r.spec?.wantedVersion === to
              ? undefined
              : await w.patchRollout(r, {
                  spec: { wantedVersion: to },
                  annotations: await deployUser(
                    req.message ?? `rollback from ${current ?? 'nothing'} to ${to}`,
                  ),
                });
          const summary = written
            ? `${key.name} rolling back to ${to} (pinned; unpin to resume automation)`
            : `${key.name} is already pinned to ${to}`;
          return { result: { summary, version: to, changed: touched(key, written) }, rollout: written };
        });
      }

      case 'retry': {
        if (observed) check(engineRefusal(observed, { kind: 'retry' }, 'retry', now()));
        const version = ok(failedVersion(r, 'retry'));
        return prepared(version, async () => {
          const written = await w.patchRollout(r, {
            annotations: {
              [Annotations.retry]: now().toISOString(),
              [Annotations.deployUser]: await identity(),
            },
          });
          const summary = `retrying ${version} on ${key.name}`;
          return { result: { summary, version, changed: touched(key, written) }, rollout: written };
        });
      }

      case 'unblock': {
        const version = ok(failedVersion(r, 'unblock'));
        return prepared(version, async () => {
          const written = await w.patchRollout(r, { annotations: { [Annotations.unblockFailed]: 'true' } });
          const summary = written
            ? `${key.name} unblocked: the next automatic deploy may proceed past failed ${version}`
            : `${key.name} is already unblocked`;
          return { result: { summary, version, changed: touched(key, written) }, rollout: written };
        });
      }
    }
  }

  const prepare: RolloutActions['prepare'] = (key, req, o = {}) =>
    asAction(req.action, key, async () =>
      prepareOn(
        key,
        o.rollout ?? (await w.readRollout(key, req.action, o.rollout === null)),
        req,
        o.observed,
      ),
    );
  const run = async (key: RolloutKey, req: ActionRequest) =>
    (await (await prepare(key, req)).commit()).result;

  return {
    prepare,
    approve: (key, o = {}) => run(key, { action: 'approve', ...o }),
    deny: (key, o = {}) => run(key, { action: 'deny', ...o }),
    deploy: (key, version, o = {}) => run(key, { action: 'deploy', version, ...o }),
    bypassGates: (key, version, o = {}) => run(key, { action: 'bypassGates', version, ...o }),
    pin: (key, version, o = {}) => run(key, { action: 'pin', version, ...o }),
    unpin: (key) => run(key, { action: 'unpin' }),
    rollback: (key, o = {}) => run(key, { action: 'rollback', ...o }),
    retry: (key) => run(key, { action: 'retry' }),
    unblock: (key) => run(key, { action: 'unblock' }),
  };
}
