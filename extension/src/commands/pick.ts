// From the command palette there is no tree row: ask which rollout, offering only the rollouts the
// command can act on ("Kuberik: Approve Pending Version…" lists rollouts with a version to approve).
import { readGateSummaries } from '@kuberik/core/model';
import type { RolloutSnapshot } from '@kuberik/core/driver';
import * as vscode from 'vscode';
import { childrenOf, rolloutNode } from '../tree/children.js';
import { versionsLine } from '../tree/format.js';
import { keyId, type PendingNode, type RolloutNode } from '../tree/nodes.js';
import { phaseText } from '../tree/present.js';
import { RolloutIndex } from '../tree/rolloutIndex.js';
import { rollbackTarget } from '../tree/versions.js';
import type { CommandContext } from './context.js';

export type PickPurpose =
  | 'approve'
  | 'deny'
  | 'deploy'
  | 'bypass'
  | 'pin'
  | 'rollback'
  | 'unpin'
  | 'retry'
  | 'unblock'
  | 'openYaml'
  | 'watch'
  | 'details';

const approvalGates = (s: RolloutSnapshot) =>
  readGateSummaries(s.rollout.status?.gates).filter((g) => g.kind === 'RolloutGate');

/** Which rollouts a palette command can act on. */
const FITS: Record<PickPurpose, (s: RolloutSnapshot) => boolean> = {
  approve: (s) =>
    !!s.rollout.status?.pendingVersion && approvalGates(s).some((g) => g.decision !== 'Approved'),
  deny: (s) => !!s.rollout.status?.pendingVersion && approvalGates(s).some((g) => g.decision !== 'Denied'),
  deploy: (s) => (s.rollout.status?.availableReleases ?? []).length > 0,
  bypass: (s) => (s.rollout.status?.releaseCandidates ?? []).length > 0,
  pin: (s) => (s.rollout.status?.availableReleases ?? []).length > 0,
  rollback: (s) => !!rollbackTarget(s.rollout),
  unpin: (s) => !!s.rollout.spec.wantedVersion,
  retry: (s) => s.rollout.status?.history?.[0]?.bakeStatus === 'Failed',
  unblock: (s) => s.rollout.status?.history?.[0]?.bakeStatus === 'Failed',
  openYaml: () => true,
  watch: () => true,
  details: () => true,
};

const NONE: Record<PickPurpose, string> = {
  approve: 'No rollout has a pending version waiting for approval',
  deny: 'No rollout has a pending version to deny',
  deploy: 'No rollout has available releases yet',
  bypass: 'No rollout has release candidates waiting for gates',
  pin: 'No rollout has available releases yet',
  rollback: 'No rollout has an earlier succeeded version to roll back to',
  unpin: 'No rollout is pinned',
  retry: 'No rollout has a failed bake to retry',
  unblock: 'No rollout has a failed bake to unblock',
  openYaml: 'No rollouts in the Rollouts view',
  watch: 'No rollouts in the Rollouts view',
  details: 'No rollouts in the Rollouts view',
};

/** The rollouts a purpose fits, sorted by namespace/name (pure, for tests). */
export const candidates = (all: readonly RolloutSnapshot[], purpose: PickPurpose): RolloutSnapshot[] =>
  all.filter(FITS[purpose]).sort((a, b) => keyId(a.key).localeCompare(keyId(b.key)));

/** Asks for a rollout; undefined when the user cancels or nothing fits (then it says so). */
export async function pickRollout(
  ctx: CommandContext,
  purpose: PickPurpose,
  title: string,
): Promise<RolloutNode | undefined> {
  const fits = candidates(ctx.session.state.index.all(), purpose);
  if (fits.length === 0) {
    void vscode.window.showInformationMessage(
      ctx.session.connection ? NONE[purpose] : 'Kuberik is not connected to a cluster',
    );
    return undefined;
  }
  const now = new Date();
  const picked = await vscode.window.showQuickPick(
    fits.map((s) => ({
      label: keyId(s.key),
      description: [
        versionsLine(s.rollout.status?.currentVersion, s.rollout.status?.pendingVersion),
        phaseText(s, now),
      ]
        .filter(Boolean)
        .join(' · '),
      snapshot: s,
    })),
    { title, placeHolder: 'Rollout (namespace/name)', matchOnDescription: true },
  );
  return picked && rolloutNode(picked.snapshot);
}

/** The Pending row of a rollout, as Approve/Deny get it from the tree. */
export function pendingOf(node: RolloutNode): PendingNode | undefined {
  const pending = childrenOf(node, { index: new RolloutIndex(), namespaces: [], loading: false }).find(
    (n) => n.kind === 'pending',
  );
  return pending?.kind === 'pending' ? pending : undefined;
}
