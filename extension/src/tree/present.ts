// Words for a rollout's state, shared by the tree and the detail panel: the phase as a person says
// it, who drives the rollout, recovery mode, relative times. Pure; `now` is passed in.
import type { RolloutSnapshot } from '@kuberik/core/driver';
import type { BakeStatus, Rollout, RolloutStatus } from '@kuberik/core/model';
import {
  bakeView,
  driverView,
  NO_DRIVER_CONSEQUENCE,
  recoveryView,
  whatBlocks,
  type WhyAnswer,
} from '@kuberik/core/present';

/** `InProgress` is the API's word; people say Baking. */
export function bakeWord(status: BakeStatus | undefined): string {
  if (status === 'InProgress') return 'Baking';
  return status ?? 'Unknown';
}

const blockers = new WeakMap<RolloutSnapshot, { at: number; answer: WhyAnswer }>();

/** core's whatBlocks, once per snapshot and instant: a row's description and tooltip share it. */
export function blocker(snapshot: RolloutSnapshot, now: Date): WhyAnswer {
  const hit = blockers.get(snapshot);
  if (hit?.at === now.getTime()) return hit.answer;
  const answer = whatBlocks(snapshot, now);
  blockers.set(snapshot, { at: now.getTime(), answer });
  return answer;
}

/**
 * The phase in a few words for the row's description: `awaiting approval`, `baking 43%`. What holds
 * a pending version is core's whatBlocks (the words `why` and the CLI's watch screen use).
 */
export function phaseText(snapshot: RolloutSnapshot, now: Date): string | undefined {
  const rollout = snapshot.rollout;
  const s: RolloutStatus = rollout.status ?? {};
  switch (s.phase) {
    case 'WaitingForGates':
    case 'Blocked':
      if (s.pendingVersion) return blocker(snapshot, now).short;
      return s.phase === 'Blocked' ? 'blocked' : 'waiting for gates';
    case 'Baking': {
      const fraction = bakeView(rollout, now).fraction;
      return fraction !== undefined ? `baking ${Math.floor(fraction * 100)}%` : 'baking';
    }
    case 'Deploying':
      return 'deploying';
    case 'Failed':
      return 'failed';
    case 'Rejected':
      return 'rejected';
    case 'Succeeded':
      return 'succeeded';
    case 'Idle':
      return 'up to date';
    default:
      return undefined;
  }
}

export interface Driving {
  /** Short, for a description: `nothing drives it`, or undefined when something drives it. */
  short?: string;
  /** A sentence for tooltips and the panel. */
  text: string;
  driven: boolean;
}

/** Who moves this rollout forward (spec: the lease holder), and what to do when nobody does. */
export function driving(snapshot: RolloutSnapshot): Driving {
  const { lease } = snapshot;
  const d = driverView(lease, 'this window');
  if (d.kind !== 'none') return { text: `${d.text[0]!.toUpperCase()}${d.text.slice(1)}.`, driven: true };
  return {
    short: d.text,
    text: `Nothing drives this rollout: ${NO_DRIVER_CONSEQUENCE}. Use Watch Rollout here, or install the controller.`,
    driven: false,
  };
}

export interface Recovery {
  short: string;
  text: string;
}

/** Recovery mode in core's words (recoveryView), with the way back. */
export function recovery(rollout: Rollout): Recovery | undefined {
  const r = recoveryView(rollout);
  if (!r) return undefined;
  const back = r.rollbackTo ? `roll back to ${r.rollbackTo}` : 'roll back';
  return {
    short: 'recovery mode',
    text: `${r.text[0]!.toUpperCase()}${r.text.slice(1)}. If it does not recover, ${back}.`,
  };
}

/** Escapes text from the cluster for a Markdown tooltip (messages may contain `*`, `_`, `<`, …). */
export const md = (text: string): string => text.replace(/[\\`*_{}[\]<>()#+!|~]/g, (c) => `\\${c}`);
