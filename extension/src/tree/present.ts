// Words for a rollout's state, shared by the tree and the detail panel: the phase as a person says
// it, who drives the rollout, recovery mode, relative times. Pure; `now` is passed in.
import { readGateSummaries } from '@kuberik/core/model';
import type { RolloutSnapshot } from '@kuberik/core/driver';
import type { BakeStatus, DeploymentHistoryEntry, Rollout, RolloutStatus } from '@kuberik/core/model';
import { bakeProgress } from './format.js';

/** `InProgress` is the API's word; people say Baking. */
export function bakeWord(status: BakeStatus | undefined): string {
  if (status === 'InProgress') return 'Baking';
  return status ?? 'Unknown';
}

/** The phase in a few words for the row's description: `awaiting approval`, `baking 43%`. */
export function phaseText(rollout: Rollout, now: Date): string | undefined {
  const s: RolloutStatus = rollout.status ?? {};
  const live = s.history?.[0];
  switch (s.phase) {
    case 'WaitingForGates': {
      const gates = readGateSummaries(s.gates);
      const human = gates.some((g) => g.kind === 'RolloutGate' && g.decision === 'Pending');
      return human ? 'awaiting approval' : 'waiting for gates';
    }
    case 'Baking': {
      const p = live && bakeProgress(live, rollout.spec.bakeTime, rollout.spec.deployTimeout, now);
      return p?.fraction !== undefined ? `baking ${Math.floor(p.fraction * 100)}%` : 'baking';
    }
    case 'Deploying':
      return 'deploying';
    case 'Blocked':
      return 'blocked';
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
  /** Short, for a description: `not driven`, or undefined when something drives it. */
  short?: string;
  /** A sentence for tooltips and the panel. */
  text: string;
  driven: boolean;
}

/** Who moves this rollout forward (spec: the lease holder), and what to do when nobody does. */
export function driving(snapshot: RolloutSnapshot): Driving {
  const { lease } = snapshot;
  if (lease.driving) return { text: 'Driven by this window (Watch Rollout).', driven: true };
  if (lease.holder) return { text: `Driven by ${lease.holder}.`, driven: true };
  return {
    short: 'not driven',
    text:
      'Nothing drives this rollout: no controller or watch holds its lease, so approvals and deploys ' +
      'are recorded but nothing acts on them. Use Watch Rollout here, or install the controller.',
    driven: false,
  };
}

export interface Recovery {
  short: string;
  text: string;
}

/**
 * Recovery mode (spec §4: BakeFailureDisabled=True after a manual deploy over a failed or cancelled
 * bake, or onto an incident): health failures are shown but do not fail the deploy.
 */
export function recovery(rollout: Rollout): Recovery | undefined {
  const s = rollout.status ?? {};
  const c = s.conditions?.find((x) => x.type === 'BakeFailureDisabled' && x.status === 'True');
  const live = s.history?.[0];
  if (!c || !live || (live.bakeStatus !== 'Deploying' && live.bakeStatus !== 'InProgress')) return undefined;
  const before: DeploymentHistoryEntry | undefined = s.history?.[1];
  const why =
    c.reason === 'DeployedWithUnhealthyHealthChecks'
      ? 'it was deployed during an active incident'
      : before?.bakeStatus === 'Cancelled'
        ? `the previous bake (${before.version.tag}) was cancelled`
        : before
          ? `the previous deployment (${before.version.tag}) failed`
          : 'it was deployed by hand';
  return {
    short: 'recovery mode',
    text: `Recovery mode: health failures won't fail this deploy, because ${why}. If it does not recover, roll back.`,
  };
}

/** Escapes text from the cluster for a Markdown tooltip (messages may contain `*`, `_`, `<`, …). */
export const md = (text: string): string => text.replace(/[\\`*_{}[\]<>()#+!|~]/g, (c) => `\\${c}`);
