// What every command handler needs, and the shared steps: find the rollout, check RBAC, run an
// action with progress, and report its one-line result or error.
import type { ActionRequest, ActionResult, PreparedAction, RolloutActions } from '@kuberik/core/actions';
import type { RolloutKey, RolloutSnapshot } from '@kuberik/core/driver';
import type { Rollout } from '@kuberik/core/model';
import * as vscode from 'vscode';
import type { ClusterAccess, ClusterConnection } from '../cluster/connection.js';
import { denialReason, type Capability } from '../cluster/permissions.js';
import { notifyFailure } from './rejection.js';
import type { Session } from '../session.js';
import type { Settings } from '../settings.js';
import { keyId, type TreeNode } from '../tree/nodes.js';

export interface CommandContext {
  session: Session;
  access: ClusterAccess;
  settings(): Settings;
}

/** The rollout a node belongs to, or undefined for context/namespace/message rows. */
export const keyOf = (node: TreeNode | undefined): RolloutKey | undefined =>
  node && 'key' in node ? node.key : undefined;

export function connectionOrWarn(ctx: CommandContext): ClusterConnection | undefined {
  const c = ctx.session.connection;
  if (!c)
    void vscode.window.showErrorMessage(
      ctx.session.state.error?.text ?? 'Kuberik is not connected to a cluster',
    );
  return c;
}

export function snapshotOrWarn(ctx: CommandContext, key: RolloutKey): RolloutSnapshot | undefined {
  const s = ctx.session.snapshot(key);
  if (!s) void vscode.window.showErrorMessage(`rollout ${keyId(key)} not found (it may have been deleted)`);
  return s;
}

/** RBAC first, so the user learns why before clicking through prompts. */
export async function mayOrWarn(
  ctx: CommandContext,
  capability: Capability,
  namespace: string,
  what: string,
): Promise<boolean> {
  const perms = (await ctx.session.permissions?.resolve(namespace)) ?? {};
  const reason = denialReason(perms, capability);
  if (reason) void vscode.window.showWarningMessage(`Cannot ${what}: ${reason}`);
  return !reason;
}

/** Runs one action with a progress toast; the result's summary or the error's one line is shown. */
export async function runAction(
  title: string,
  act: () => Promise<ActionResult>,
): Promise<ActionResult | undefined> {
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: false },
      act,
    );
    void vscode.window.showInformationMessage(result.summary);
    return result;
  } catch (e) {
    notifyFailure(e);
    return undefined;
  }
}

/** A rollout action as core's actions see it, on the rollout the view already shows (no GET). */
export interface ActionTarget {
  key: RolloutKey;
  rollout: Rollout;
  actions: RolloutActions;
}

/**
 * Core checks the request on the shown rollout before anything is asked (the rollback target, a
 * failed bake to retry…); a refusal is notified here and answers undefined. Nothing is written.
 */
export async function checkOrWarn(
  t: ActionTarget,
  request: ActionRequest,
): Promise<PreparedAction | undefined> {
  try {
    return await t.actions.prepare(t.key, request, { rollout: t.rollout });
  } catch (e) {
    notifyFailure(e);
    return undefined;
  }
}

/** Runs a checked request (core checks it again on the same rollout: no request) and reports it. */
export function runChecked(
  title: string,
  t: ActionTarget,
  request: ActionRequest,
): Promise<ActionResult | undefined> {
  return runAction(
    title,
    async () => (await (await t.actions.prepare(t.key, request, { rollout: t.rollout })).commit()).result,
  );
}
