// node → what VS Code draws (label, description, icon, contextValue, tooltip). Pure and VS Code-free,
// so every row's text is unit-tested; RolloutTreeProvider only copies these fields onto a TreeItem.
import type { RolloutGateSummary } from '@kuberik/core/model';
import { denialReason, type NamespacePermissions } from '../cluster/permissions.js';
import { bakeProgress, entryDuration, formatDuration, versionsLine, who } from './format.js';
import { bakeIcon, decisionIcon, healthIcon, phaseIcon, type IconSpec } from './icons.js';
import { keyId, type GateNode, type PendingNode, type RolloutNode, type TreeNode } from './nodes.js';
import { rollbackTarget } from './versions.js';
import { triggerText } from '@kuberik/core/engine';

export type Collapsible = 'none' | 'collapsed' | 'expanded';

export interface NodeView {
  label: string;
  description?: string;
  icon?: IconSpec;
  /** Space-separated: node kind first, then flags the package.json `when` clauses match. */
  contextValue: string;
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

export function describeNode(node: TreeNode, ctx: DescribeContext): NodeView {
  switch (node.kind) {
    case 'context':
      return {
        label: node.context,
        description: node.namespaces.length ? node.namespaces.join(', ') : 'all namespaces',
        icon: { id: 'server-environment' },
        contextValue: 'context',
        tooltip: [`Context ${node.context}`, node.server && `Server ${node.server}`]
          .filter(Boolean)
          .join('\n'),
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
    case 'healthCheck': {
      const h = node.healthCheck;
      const status = h.status?.status ?? 'Pending';
      const since = h.status?.lastChangeTime ? Date.parse(h.status.lastChangeTime) : NaN;
      return {
        label: h.metadata.name,
        description: Number.isNaN(since)
          ? status
          : `${status} · ${formatDuration(ctx.now.getTime() - since)}`,
        icon: healthIcon(h.status?.status || undefined),
        contextValue: 'healthCheck',
        tooltip: [
          `HealthCheck ${h.metadata.namespace ?? node.key.namespace}/${h.metadata.name}` +
            (h.spec?.class ? ` (class ${h.spec.class})` : ''),
          `Status: ${status}`,
          h.status?.message,
        ]
          .filter(Boolean)
          .join('\n'),
        collapsible: 'none',
      };
    }
    case 'bake': {
      const p = bakeProgress(node.entry, node.bakeTime, node.deployTimeout, ctx.now);
      return {
        label: 'Bake',
        description: `${node.entry.version.tag} · ${p.text}`,
        icon: bakeIcon(node.entry.bakeStatus),
        contextValue: 'bake',
        tooltip: [
          `${node.entry.version.tag}: ${p.text}`,
          node.bakeTime && `bakeTime ${node.bakeTime}`,
          node.deployTimeout && `deployTimeout ${node.deployTimeout}`,
          node.entry.bakeStatusMessage,
        ]
          .filter(Boolean)
          .join('\n'),
        collapsible: 'none',
      };
    }
    case 'history':
      return {
        label: 'History',
        description: `${node.entries.length} deployment${node.entries.length === 1 ? '' : 's'}`,
        icon: { id: 'history' },
        contextValue: 'history',
        collapsible: 'collapsed',
      };
    case 'historyEntry': {
      const e = node.entry;
      const took = entryDuration(e, ctx.now);
      const by = who(e);
      const failed = e.failedHealthChecks ?? [];
      return {
        label: e.version.tag,
        description: [e.bakeStatus ?? 'Unknown', took !== undefined && formatDuration(took), by]
          .filter(Boolean)
          .join(' · '),
        icon: bakeIcon(e.bakeStatus),
        contextValue: 'historyEntry has-version',
        tooltip: [
          `#${e.id ?? '-'} ${e.version.tag}${node.live ? ' (live)' : ''}, deployed ${e.timestamp}` +
            (e.triggeredBy
              ? ` by ${e.triggeredBy.kind === 'System' ? 'the system' : triggerText(e.triggeredBy)}`
              : ''),
          e.message,
          e.bakeStatusMessage && `Bake: ${e.bakeStatusMessage}`,
          failed.length > 0 &&
            [
              'Failed health checks:',
              ...failed.map((f) => `• ${f.namespace}/${f.name}${f.message ? `: ${f.message}` : ''}`),
            ].join('\n'),
        ]
          .filter(Boolean)
          .join('\n'),
        collapsible: 'none',
      };
    }
    case 'message':
      return {
        label: node.text,
        icon: node.severity === 'error' ? { id: 'error', color: 'errorForeground' } : { id: 'info' },
        contextValue: 'message',
        tooltip: node.detail ?? node.text,
        collapsible: 'none',
      };
  }
}

function describeRollout(node: RolloutNode, ctx: DescribeContext): NodeView {
  const { rollout, lease } = node.snapshot;
  const s = rollout.status ?? {};
  const perms = ctx.permissions(node.key.namespace) ?? ALLOWED;
  const live = s.history?.[0];
  const watched = ctx.watched === keyId(node.key);
  const flags = ['rollout'];
  if ((s.availableReleases ?? []).length > 0) flags.push('has-releases');
  if (rollbackTarget(rollout)) flags.push('can-rollback');
  if (rollout.spec.wantedVersion) flags.push('pinned');
  if (live?.bakeStatus === 'Failed') flags.push('retryable');
  if (s.currentVersion) flags.push('has-version');
  flags.push(watched ? 'watched' : 'unwatched');
  const noPatch = denialReason(perms, 'patch');
  const noLease = denialReason(perms, 'lease');
  if (noPatch) flags.push('no-patch');
  if (noLease) flags.push('no-lease');

  const ready = s.conditions?.find((c) => c.type === 'Ready');
  const blocked = s.conditions?.find((c) => c.type === 'DeploymentBlocked' && c.status === 'True');
  const tooltip = [
    `Rollout ${node.key.namespace}/${node.key.name}: ${s.phase ?? 'no status yet'}`,
    `Current: ${s.currentVersion ?? '—'}   Pending: ${s.pendingVersion ?? '—'}`,
    rollout.spec.wantedVersion && `Pinned to ${rollout.spec.wantedVersion}: automation is off until unpinned`,
    lease.driving
      ? 'Driven by this window (Watch Rollout)'
      : lease.holder
        ? `Driven by ${lease.holder}`
        : 'Not driven from here (observing)',
    ready?.message && `Ready=${ready.status}: ${ready.message}`,
    blocked?.message && `Blocked: ${blocked.message}`,
    noPatch && `Deploy, pin, rollback and retry are disabled: ${noPatch}`,
    noLease && `Watch Rollout is disabled: ${noLease}`,
  ];
  return {
    label: node.key.name,
    description:
      versionsLine(s.currentVersion, s.pendingVersion) + (rollout.spec.wantedVersion ? ' · pinned' : ''),
    icon: phaseIcon(s.phase),
    contextValue: flags.join(' '),
    tooltip: tooltip.filter(Boolean).join('\n'),
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
    tooltip: [
      `${node.version} is the next version to deploy.`,
      waiting.length > 0 && `Waiting for: ${waiting.join(', ')}`,
      noApprove && `Approve and Deny are disabled: ${noApprove}`,
    ]
      .filter(Boolean)
      .join('\n'),
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
  const word = g.decision === 'Pending' && !schedule ? 'awaiting approval' : g.decision;
  const noApprove = denialReason(perms, 'approve');
  return {
    label: g.prettyName ?? g.name,
    description: [word, when].filter(Boolean).join(' · '),
    icon: decisionIcon(g.decision, schedule),
    contextValue: ['gate', 'has-version', ...(schedule ? ['schedule'] : decisionFlags([g], perms))].join(' '),
    tooltip: [
      `${g.kind} ${g.namespace ? `${g.namespace}/` : ''}${g.name}: ${g.decision} for ${node.version}`,
      g.description,
      g.message,
      schedule && 'Schedules decide by time; they cannot be approved or denied by hand.',
      !schedule && noApprove && `Approve and Deny are disabled: ${noApprove}`,
    ]
      .filter(Boolean)
      .join('\n'),
    collapsible: 'none',
  };
}
