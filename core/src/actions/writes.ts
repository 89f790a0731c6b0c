// The requests the actions make: read the rollout (with "did you mean" when it is missing), write a
// verdict on a gate conflict-safely, merge-patch the rollout, record Events. Refusals by the API
// server that a user can act on (RBAC, a missing rollout) come out as ActionRejected.
import { type Kube, KubeError, EventRecorder, Kinds } from '../kube/index.js';
import type { GateDecisionRecord, Rollout, RolloutGate } from '../model/index.js';
import type { RolloutKey } from '../driver/api.js';
import type { ActionName } from './api.js';
import { editGate, withDecision } from './gate-edit.js';
import { ActionRejected, rejection } from './rejection.js';
import { closeNames, didYouMean } from '../present/suggest.js';

const CONFLICT_RETRIES = 8;

/** Runs `body`; a Forbidden from the API server becomes a Forbidden rejection of `action`. */
export async function asAction<T>(action: ActionName, key: RolloutKey, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof KubeError && e.kind === 'Forbidden' && !(e instanceof ActionRejected))
      throw new ActionRejected(rejection(action, key.name, { kind: 'Forbidden' }, e.message), e);
    throw e;
  }
}

export function createWrites(kube: Kube, now: () => Date) {
  const recorder = new EventRecorder(kube, now);

  /** `knownAbsent`: the caller's own read already found nothing; skip the GET. */
  async function readRollout(key: RolloutKey, action: ActionName, knownAbsent = false): Promise<Rollout> {
    const r = knownAbsent ? undefined : await kube.find(Kinds.Rollout, key.namespace, key.name);
    if (r) return r;
    let names: string[] = [];
    try {
      names = (await kube.list(Kinds.Rollout, { namespace: key.namespace })).items.map(
        (x) => x.metadata.name,
      );
    } catch {
      // listing is only for the hint
    }
    const suggestions = closeNames(key.name, names);
    throw new ActionRejected(
      rejection(
        action,
        key.name,
        {
          kind: 'RolloutNotFound',
          namespace: key.namespace,
          suggestions,
          others: names.length,
        },
        `rollout "${key.name}" not found in namespace ${key.namespace}${didYouMean(suggestions)}`,
      ),
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
   * Records who/when/why on the gate's status.decisions (spec §10.5). Best effort: without
   * rolloutgates/status the approval still goes through (undefined), and the Event still names the
   * person. A Conflict is thrown: the caller re-reads and tries again.
   */
  async function recordDecision(
    ns: string,
    gate: RolloutGate,
    record: GateDecisionRecord,
  ): Promise<RolloutGate | undefined> {
    try {
      return await kube.mergePatch(
        Kinds.RolloutGate,
        ns,
        gate.metadata.name,
        { status: { decisions: withDecision(gate, record) } },
        { resourceVersion: gate.metadata.resourceVersion, status: true },
      );
    } catch (e) {
      if (e instanceof KubeError && e.kind === 'Conflict') throw e;
      return undefined;
    }
  }

  /**
   * Writes the verdict on `listed` (the gate as listed: no re-read unless a write conflicts). The
   * record goes first: the list edit wakes the driver, which may deploy at once and copy the record
   * into the history entry; it must already be there. Answers whether the lists changed.
   */
  async function writeVerdict(
    ns: string,
    listed: RolloutGate,
    version: string,
    verdict: 'approve' | 'deny',
    record: GateDecisionRecord,
  ): Promise<boolean> {
    let gate = listed;
    let recorded = false;
    for (let attempt = 0; ; attempt++) {
      const next = editGate(gate, version, verdict);
      if (!next) return false;
      try {
        if (!recorded) {
          gate = (await recordDecision(ns, gate, record)) ?? gate;
          recorded = true;
        }
        await kube.mergePatch(
          Kinds.RolloutGate,
          ns,
          gate.metadata.name,
          { spec: next },
          { resourceVersion: gate.metadata.resourceVersion },
        );
        return true;
      } catch (e) {
        if (!(e instanceof KubeError && e.kind === 'Conflict') || attempt >= CONFLICT_RETRIES) throw e;
        gate = await kube.get(Kinds.RolloutGate, ns, gate.metadata.name);
      }
    }
  }

  /** Merge-patch annotations and/or spec; answers the written rollout, or undefined when nothing changes. */
  async function patchRollout(
    r: Rollout,
    patch: { annotations?: Record<string, string | null>; spec?: Record<string, unknown> },
  ): Promise<Rollout | undefined> {
    const have = r.metadata.annotations ?? {};
    const annotationsChange = Object.entries(patch.annotations ?? {}).some(([k, v]) =>
      v === null ? k in have : have[k] !== v,
    );
    const specChange = Object.entries(patch.spec ?? {}).some(
      ([k, v]) => (r.spec as unknown as Record<string, unknown>)[k] !== (v === null ? undefined : v),
    );
    if (!annotationsChange && !specChange) return undefined;
    return kube.mergePatch(Kinds.Rollout, r.metadata.namespace, r.metadata.name, {
      ...(annotationsChange ? { metadata: { annotations: patch.annotations } } : {}),
      ...(specChange ? { spec: patch.spec } : {}),
    });
  }

  const listGates = async (namespace: string): Promise<RolloutGate[]> =>
    (await kube.list(Kinds.RolloutGate, { namespace })).items;

  return { readRollout, listGates, recordOnRollout, writeVerdict, patchRollout };
}
