// node → what VS Code draws (label, description, icon, contextValue, tooltip). Pure and VS Code-free,
// so every row's text is unit-tested; RolloutTreeProvider only copies these fields onto a TreeItem.
import type { RolloutGateSummary } from '@kuberik/core/model';
import { denialReason, type NamespacePermissions } from '../cluster/permissions.js';
import {
  bakeDurationMs,
  formatDuration,
  gateDecisionWord,
  relativeTime,
  whyOneLine,
} from '@kuberik/core/present';
import { bakeProgress, isRunning, versionsLine, who } from './format.js';
import { bakeIcon, decisionIcon, healthIcon, phaseIcon, type IconSpec } from './icons.js';
import {
  keyId,
  type BakeNode,
  type GateNode,
  type HealthCheckNode,
  type HistoryEntryNode,
  type PendingNode,
  type RolloutNode,
  type TreeNode,
} from './nodes.js';
import { bakeWord, blocker, driving, md, phaseText, recovery } from './present.js';
import { rollbackTarget } from './versions.js';
import { triggerText } from '@kuberik/core/engine';

export type Collapsible = 'none' | 'collapsed' | 'expanded';

export interface NodeView {
  label: string;
  description?: string;
  icon?: IconSpec;
  /** Space-separated: node kind first, then flags the package.json `when` clauses match. */
  contextValue: string;
  /** Markdown (cluster text escaped with md()); paragraphs separated by blank lines. */
  tooltip?: string;
  collapsible: Collapsible;
}

export interface DescribeContext {
  now: Date;
  permissions(namespace: string): NamespacePermissions;
  /** keyId of the rollout this window drives (Watch Rollout), if any. */
  watched?: string;
}

const ALLOWED: NamespacePermissions = {};

/** Markdown paragraphs from the lines that are present. */
const paragraphs = (lines: (string | false | undefined | null | 0)[]): string =>
  lines.filter(Boolean).join('\n\n');

export function describeNode(node: TreeNode, ctx: DescribeContext): NodeView {
  switch (node.kind) {
    case 'context':
      return {
        label: node.context,
        description: node.namespaces.length ? node.namespaces.join(', ') : 'all namespaces',
        icon: { id: 'server-environment' },
        contextValue: 'context',
        tooltip: paragraphs([`Context **${md(node.context)}**`, node.server && `Server ${md(node.server)}`]),
        collapsible: 'expanded',
      };
    case 'namespace':
      return {
        label: node.namespace,
        description: `${node.rollouts} rollout${node.rollouts === 1 ? '' : 's'}`,
        icon: { id: 'symbol-namespace' },
        contextValue: 'namespace',
        collapsible: 'expanded',
      };
    case 'rollout':
      return describeRollout(node, ctx);
    case 'pending':
      return describePending(node, ctx.permissions(node.key.namespace) ?? ALLOWED);
    case 'gate':
      return describeGate(node, ctx.permissions(node.key.namespace) ?? ALLOWED, ctx.now);
    case 'healthChecks': {
      const healthy = node.healthChecks.filter((h) => h.status?.status === 'Healthy').length;
      const unhealthy = node.healthChecks.filter((h) => h.status?.status === 'Unhealthy').length;
      return {
        label: 'Health checks',
        description: `${healthy}/${node.healthChecks.length} healthy`,
        icon: healthIcon(
          unhealthy ? 'Unhealthy' : healthy === node.healthChecks.length ? 'Healthy' : 'Pending',
        ),
        contextValue: 'healthChecks',
        collapsible: 'collapsed',
      };
    }
    case 'healthCheck':
      return describeHealthCheck(node, ctx);
    case 'bake':
      return describeBake(node, ctx);
    case 'history':
      return {
        label: 'History',
        description: `${node.entries.length} deployment${node.entries.length === 1 ? '' : 's'}`,
        icon: { id: 'history' },
        contextValue: 'history',
        collapsible: 'collapsed',
      };
    case 'historyEntry':
      return describeHistoryEntry(node, ctx);
    case 'message':
      return {
        label: node.text,
        icon: node.severity === 'error' ? { id: 'error', color: 'errorForeground' } : { id: 'info' },
        contextValue: 'message',
        tooltip: md(node.detail ?? node.text),
        collapsible: 'none',
      };
  }
}

/** The contextValue flags of a rollout row (what its menus offer). */
function rolloutFlags(node: RolloutNode, ctx: DescribeContext, perms: NamespacePermissions): string[] {
  const { rollout } = node.snapshot;
  const s = rollout.status ?? {};
  const flags = ['rollout'];
  if ((s.availableReleases ?? []).length > 0) flags.push('has-releases');
  if (rollbackTarget(rollout)) flags.push('can-rollback');
  if (rollout.spec.wantedVersion) flags.push('pinned');
  if (s.history?.[0]?.bakeStatus === 'Failed') flags.push('retryable');
  if (s.currentVersion) flags.push('has-version');
  flags.push(ctx.watched === keyId(node.key) ? 'watched' : 'unwatched');
  if (denialReason(perms, 'patch')) flags.push('no-patch');
  if (denialReason(perms, 'lease')) flags.push('no-lease');
  return flags;
}

function rolloutTooltip(node: RolloutNode, ctx: DescribeContext, perms: NamespacePermissions): string {
  const { rollout } = node.snapshot;
  const s = rollout.status ?? {};
  const live = s.history?.[0];
  const ready = s.conditions?.find((c) => c.type === 'Ready');
  const blocked = s.conditions?.find((c) => c.type === 'DeploymentBlocked' && c.status === 'True');
  const phase = phaseText(node.snapshot, ctx.now);
  const driver = driving(node.snapshot);
  const rescue = recovery(rollout);
  const bake = isRunning(live)
    ? bakeProgress(live!, rollout.spec.bakeTime, rollout.spec.deployTimeout, ctx.now)
    : undefined;
  const deployed = live && relativeTime(live.timestamp, ctx.now);
  const noPatch = denialReason(perms, 'patch');
  const noLease = denialReason(perms, 'lease');
  // What holds the pending version: the first line `kubectl kuberik why` prints.
  const holds = s.pendingVersion ? whyOneLine(blocker(node.snapshot, ctx.now)) : undefined;
  return paragraphs([
    `**${md(keyId(node.key))}** · ${phase ?? 'no status yet'}`,
    `Current **${md(s.currentVersion ?? '—')}**` +
      (deployed ? ` (deployed ${deployed})` : '') +
      (s.pendingVersion ? ` · pending **${md(s.pendingVersion)}**` : ''),
    holds && `Why: ${md(holds)}`,
    bake && md(bake.text),
    rescue && `$(warning) ${rescue.text}`,
    rollout.spec.wantedVersion &&
      `Pinned to ${md(rollout.spec.wantedVersion)}: automation is off until unpinned.`,
    driver.driven ? driver.text : `$(warning) **${driver.text}**`,
    ready?.status === 'False' && ready.message && md(ready.message),
    blocked?.message && `Blocked: ${md(blocked.message)}`,
    noPatch && `Deploy, pin, rollback and retry are disabled: ${md(noPatch)}`,
    noLease && `Watch Rollout is disabled: ${md(noLease)}`,
  ]);
}

function describeRollout(node: RolloutNode, ctx: DescribeContext): NodeView {
  const { rollout } = node.snapshot;
  const s = rollout.status ?? {};
  const perms = ctx.permissions(node.key.namespace) ?? ALLOWED;
  const description = [
    versionsLine(s.currentVersion, s.pendingVersion),
    phaseText(node.snapshot, ctx.now),
    rollout.spec.wantedVersion && 'pinned',
    recovery(rollout)?.short,
    driving(node.snapshot).short,
  ];
  return {
    label: node.key.name,
    description: description.filter(Boolean).join(' · '),
    icon: phaseIcon(s.phase),
    contextValue: rolloutFlags(node, ctx, perms).join(' '),
    get tooltip() {
      return rolloutTooltip(node, ctx, perms);
    },
    collapsible: 'collapsed',
  };
}

const isApprovalGate = (g: RolloutGateSummary): boolean => g.kind === 'RolloutGate';

function decisionFlags(gates: readonly RolloutGateSummary[], perms: NamespacePermissions): string[] {
  const approval = gates.filter(isApprovalGate);
  const flags: string[] = [];
  if (approval.some((g) => g.decision !== 'Approved')) flags.push('approvable');
  if (approval.some((g) => g.decision !== 'Denied')) flags.push('deniable');
  if (flags.length && denialReason(perms, 'approve')) flags.push('no-approve');
  return flags;
}

function describePending(node: PendingNode, perms: NamespacePermissions): NodeView {
  const approved = node.gates.filter((g) => g.decision === 'Approved').length;
  const denied = node.gates.some((g) => g.decision === 'Denied');
  const noApprove = denialReason(perms, 'approve');
  const waiting = node.gates.filter((g) => g.decision === 'Pending').map((g) => g.prettyName ?? g.name);
  return {
    label: node.version,
    description: node.gates.length
      ? `pending · ${approved}/${node.gates.length} approved${denied ? ', denied' : ''}`
      : 'pending · no gates',
    icon: denied
      ? { id: 'circle-slash', color: 'testing.iconFailed' }
      : { id: 'git-pull-request', color: 'charts.yellow' },
    contextValue: ['pending', 'has-version', ...decisionFlags(node.gates, perms)].join(' '),
    tooltip: paragraphs([
      `**${md(node.version)}** is the next version to deploy.`,
      waiting.length > 0 && `Waiting for: ${md(waiting.join(', '))}`,
      noApprove && `Approve and Deny are disabled: ${md(noApprove)}`,
    ]),
    collapsible: 'expanded',
  };
}

function describeGate(node: GateNode, perms: NamespacePermissions, now: Date): NodeView {
  const g = node.gate;
  const schedule = !isApprovalGate(g);
  const next = g.nextChange ? Date.parse(g.nextChange) : NaN;
  const when = Number.isNaN(next)
    ? undefined
    : `${g.decision === 'Approved' ? 'closes' : 'opens'} in ${formatDuration(next - now.getTime())}`;
  const by = g.decidedBy; // recorded on the RolloutGate by our approve/deny (spec §10.5)
  const word = gateDecisionWord({ kind: g.kind, decision: g.decision, closed: node.closed, by: by?.user });
  const noApprove = denialReason(perms, 'approve');
  return {
    label: g.prettyName ?? g.name,
    description: [word, when].filter(Boolean).join(' · '),
    icon: decisionIcon(g.decision, schedule),
    contextValue: ['gate', 'has-version', ...(schedule ? ['schedule'] : decisionFlags([g], perms))].join(' '),
    tooltip: paragraphs([
      `${g.kind} **${md(`${g.namespace ? `${g.namespace}/` : ''}${g.name}`)}**: ${g.decision} for ${md(node.version)}`,
      when && `${when[0]?.toUpperCase()}${when.slice(1)}`,
      g.description && md(g.description),
      g.message && md(g.message),
      by && `${g.decision} by ${md(by.user)} at ${by.time}${by.message ? `: ${md(by.message)}` : ''}`,
      schedule && 'Schedules decide by time; they cannot be approved or denied by hand.',
      !schedule && noApprove && `Approve and Deny are disabled: ${md(noApprove)}`,
    ]),
    collapsible: 'none',
  };
}

function describeHealthCheck(node: HealthCheckNode, ctx: DescribeContext): NodeView {
  const h = node.healthCheck;
  const status = h.status?.status || 'Pending';
  const since = h.status?.lastChangeTime ? Date.parse(h.status.lastChangeTime) : NaN;
  const changed = relativeTime(h.status?.lastChangeTime, ctx.now);
  return {
    label: h.metadata.name,
    description: Number.isNaN(since) ? status : `${status} · ${formatDuration(ctx.now.getTime() - since)}`,
    icon: healthIcon(h.status?.status || undefined),
    contextValue: 'healthCheck',
    tooltip: paragraphs([
      `HealthCheck **${md(`${h.metadata.namespace ?? node.key.namespace}/${h.metadata.name}`)}**` +
        (h.spec?.class ? ` (class ${md(h.spec.class)})` : ''),
      `**${status}**${changed ? ` since ${changed}` : ''}`,
      h.status?.message && md(h.status.message),
    ]),
    collapsible: 'none',
  };
}

function describeBake(node: BakeNode, ctx: DescribeContext): NodeView {
  const p = bakeProgress(node.entry, node.bakeTime, node.deployTimeout, ctx.now);
  const started = relativeTime(node.entry.bakeStartTime ?? node.entry.timestamp, ctx.now);
  return {
    label: 'Bake',
    description: `${node.entry.version.tag} · ${p.text}`,
    icon: bakeIcon(node.entry.bakeStatus),
    contextValue: 'bake',
    tooltip: paragraphs([
      `**${md(node.entry.version.tag)}**: ${md(p.text)}`,
      started && `Started ${started}`,
      p.remainingMs !== undefined && p.remainingMs > 0 && `${formatDuration(p.remainingMs)} to go`,
      node.bakeTime && `Bake time ${md(node.bakeTime)}`,
      node.deployTimeout && `Deploy timeout ${md(node.deployTimeout)}`,
      node.entry.bakeStatusMessage && md(node.entry.bakeStatusMessage),
    ]),
    collapsible: 'none',
  };
}

function describeHistoryEntry(node: HistoryEntryNode, ctx: DescribeContext): NodeView {
  const e = node.entry;
  const took = bakeDurationMs(e, ctx.now);
  const by = who(e);
  const failed = e.failedHealthChecks ?? [];
  const reason = e.message && !/^Adopted running version/.test(e.message) ? e.message : undefined;
  return {
    label: e.version.tag,
    description: [bakeWord(e.bakeStatus), took !== undefined && formatDuration(took), by]
      .filter(Boolean)
      .join(' · '),
    icon: bakeIcon(e.bakeStatus),
    contextValue: 'historyEntry has-version',
    tooltip: paragraphs([
      `**${md(e.version.tag)}**${node.live ? ' (live)' : ''} · ${bakeWord(e.bakeStatus)}` +
        (took !== undefined ? ` in ${formatDuration(took)}` : ''),
      `Deployed ${relativeTime(e.timestamp, ctx.now) ?? 'at an unknown time'}` +
        (e.triggeredBy
          ? ` by ${e.triggeredBy.kind === 'System' ? 'the system' : md(triggerText(e.triggeredBy) ?? e.triggeredBy.name)}`
          : ''),
      reason ? `Why: ${md(reason)}` : e.message && md(e.message),
      e.bakeStatusMessage && `Bake: ${md(e.bakeStatusMessage)}`,
      failed.length > 0 &&
        [
          'Failed health checks:',
          ...failed.map((f) => `- ${md(`${f.namespace}/${f.name}`)}${f.message ? `: ${md(f.message)}` : ''}`),
        ].join('\n'),
    ]),
    collapsible: 'none',
  };
}
