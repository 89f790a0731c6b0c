// The rollout detail panel as HTML, from one snapshot: pure (no VS Code, no clock, no I/O), so every
// line a user reads is unit-tested. Plain HTML/CSS coloured only with the theme's CSS variables; the
// document has a strict CSP (nothing remote, one nonce for the one script and the one style).
import { readGateSummaries } from '@kuberik/core/model';
import type { RolloutSnapshot } from '@kuberik/core/driver';
import type { DeploymentHistoryEntry, HealthCheck, RolloutGateSummary } from '@kuberik/core/model';
import { denialReason, type NamespacePermissions } from '../cluster/permissions.js';
import {
  bakeDurationMs,
  entryBakeView,
  formatDuration,
  gateDecisionWord,
  relativeTime,
} from '@kuberik/core/present';
import { bakeProgress, who } from '../tree/format.js';
import { keyId } from '../tree/nodes.js';
import { bakeWord, driving, phaseText, recovery } from '../tree/present.js';

export interface PanelContext {
  now: Date;
  permissions: NamespacePermissions;
}

/** Messages the panel's buttons post; the extension runs the same commands as the tree. */
export type PanelAction = 'approve' | 'deny' | 'deploy';
export interface PanelMessage {
  action: PanelAction;
}
export const isPanelMessage = (m: unknown): m is PanelMessage =>
  typeof m === 'object' &&
  m !== null &&
  ['approve', 'deny', 'deploy'].includes((m as { action?: unknown }).action as string);

export const esc = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const OUTCOME_CLASS: Record<string, string> = {
  Succeeded: 'ok',
  Failed: 'bad',
  Cancelled: 'muted',
  InProgress: 'busy',
  Deploying: 'busy',
};

/** 0..1: the bar's fill, core's share of the bake (a failed bake of unknown share fills red). */
export function bakeFraction(entry: DeploymentHistoryEntry, bakeTime: string | undefined, now: Date): number {
  const b = entryBakeView(entry, { bakeTime }, now);
  return b.fraction ?? (b.state === 'failed' ? 1 : 0);
}

function button(action: PanelAction, label: string, opts: { primary?: boolean; denied?: string } = {}) {
  const cls = opts.primary ? 'primary' : 'secondary';
  return opts.denied
    ? `<button class="${cls}" data-action="${action}" disabled title="${esc(opts.denied)}">${esc(label)}</button>`
    : `<button class="${cls}" data-action="${action}">${esc(label)}</button>`;
}

function gateRow(g: RolloutGateSummary, closed: readonly string[], now: Date): string {
  const schedule = g.kind !== 'RolloutGate';
  const next = relativeTime(g.nextChange, now);
  const word = gateDecisionWord({
    kind: g.kind,
    decision: g.decision,
    closed: !schedule && closed.includes(g.name),
    by: g.decidedBy?.user,
  });
  const countdown =
    next && next.startsWith('in ') ? `${g.decision === 'Approved' ? 'closes' : 'opens'} ${next}` : '';
  const cls = g.decision === 'Approved' ? 'ok' : g.decision === 'Denied' ? 'bad' : 'wait';
  return `<li class="gate">
  <span class="dot ${cls}"></span>
  <span class="name">${esc(g.prettyName ?? g.name)}</span>
  <span class="kind">${schedule ? 'schedule' : 'approval'}</span>
  <span class="decision ${cls}">${esc(word)}</span>
  ${countdown ? `<span class="countdown">${esc(countdown)}</span>` : ''}
  ${g.message && g.message !== g.decision ? `<div class="detail">${esc(g.message)}</div>` : ''}
</li>`;
}

function pendingSection(s: RolloutSnapshot, ctx: PanelContext): string {
  const status = s.rollout.status ?? {};
  const pending = status.pendingVersion;
  const gates = readGateSummaries(status.gates);
  const closed = s.gates.filter((g) => g.spec?.passing === false).map((g) => g.metadata.name);
  const approval = gates.filter((g) => g.kind === 'RolloutGate');
  const noApprove = denialReason(ctx.permissions, 'approve');
  const noPatch = denialReason(ctx.permissions, 'patch');
  const canApprove = !!pending && approval.some((g) => g.decision !== 'Approved');
  const canDeny = !!pending && approval.some((g) => g.decision !== 'Denied');
  const releases = (status.availableReleases ?? []).length > 0;
  const buttons = [
    canApprove && button('approve', `Approve ${pending}`, { primary: true, denied: noApprove }),
    canDeny && button('deny', 'Deny', { denied: noApprove }),
    releases && button('deploy', 'Deploy version…', { denied: noPatch }),
  ].filter(Boolean);
  const body = pending
    ? `<p>Next version <strong>${esc(pending)}</strong>${gates.length ? '' : ': no gates hold it'}</p>
<ul class="gates">${gates.map((g) => gateRow(g, closed, ctx.now)).join('')}</ul>`
    : '<p class="muted">No version is waiting.</p>';
  return `<section aria-label="Pending version"><h2>Pending</h2>${body}
<div class="actions">${buttons.join(' ')}</div></section>`;
}

function healthSection(checks: readonly HealthCheck[], now: Date): string {
  if (checks.length === 0)
    return '<section aria-label="Health checks"><h2>Health checks</h2><p class="muted">None selected.</p></section>';
  const rows = checks.map((h) => {
    const status = h.status?.status || 'Pending'; // upstream may write an empty status
    const cls = status === 'Healthy' ? 'ok' : status === 'Unhealthy' ? 'bad' : 'wait';
    const since = relativeTime(h.status?.lastChangeTime, now);
    return `<li><span class="dot ${cls}"></span><span class="name">${esc(h.metadata.name)}</span>
<span class="decision ${cls}">${esc(status)}</span>${since ? `<span class="countdown">since ${esc(since)}</span>` : ''}
${h.status?.message ? `<div class="detail">${esc(h.status.message)}</div>` : ''}</li>`;
  });
  return `<section aria-label="Health checks"><h2>Health checks</h2><ul class="checks">${rows.join('')}</ul></section>`;
}

/** An SVG bar: its width is an attribute, which the CSP allows (inline style attributes it does not). */
const bakeBar = (fraction: number, cls: string): string =>
  `<svg class="bar" viewBox="0 0 100 6" preserveAspectRatio="none" role="progressbar" aria-label="bake" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${Math.floor(fraction * 100)}"><rect class="track" width="100" height="6" rx="3"/><rect class="${cls}" width="${(fraction * 100).toFixed(1)}" height="6" rx="3"/></svg>`;

function historyItem(s: RolloutSnapshot, e: DeploymentHistoryEntry, live: boolean, now: Date): string {
  const { bakeTime, deployTimeout } = s.rollout.spec;
  const fraction = bakeFraction(e, bakeTime, now);
  const cls = OUTCOME_CLASS[e.bakeStatus ?? ''] ?? 'muted';
  const took = bakeDurationMs(e, now);
  const progress =
    live && (e.bakeStatus === 'InProgress' || e.bakeStatus === 'Deploying')
      ? bakeProgress(e, bakeTime, deployTimeout, now)
      : undefined;
  const outcome = progress
    ? progress.text + (progress.remainingMs ? ` · ${formatDuration(progress.remainingMs)} left` : '')
    : `${bakeWord(e.bakeStatus)}${took !== undefined ? ` in ${formatDuration(took)}` : ''}`;
  const by = who(e);
  const failed = e.failedHealthChecks ?? [];
  return `<li class="entry ${cls}">
  <div class="head"><span class="version">${esc(e.version.tag)}</span>${live ? '<span class="live">live</span>' : ''}
    <span class="outcome ${cls}">${esc(outcome)}</span>
    <span class="when">${esc(relativeTime(e.timestamp, now) ?? '')}${by ? ` · ${esc(by)}` : ''}</span></div>
  ${bakeBar(fraction, cls)}
  ${e.message ? `<div class="why">${esc(e.message)}</div>` : ''}
  ${e.bakeStatusMessage && e.bakeStatusMessage !== e.message ? `<div class="detail">${esc(e.bakeStatusMessage)}</div>` : ''}
  ${failed.length ? `<div class="detail bad">Failed: ${failed.map((f) => esc(`${f.name}${f.message ? ` (${f.message})` : ''}`)).join(', ')}</div>` : ''}
</li>`;
}

/** The panel's content (everything inside #root); re-rendered on every change and clock tick. */
export function renderPanelBody(s: RolloutSnapshot, ctx: PanelContext): string {
  const status = s.rollout.status ?? {};
  const phase = phaseText(s, ctx.now) ?? 'no status yet';
  const driver = driving(s);
  const rescue = recovery(s.rollout);
  const history = status.history ?? [];
  const notices = [
    !driver.driven && `<div class="notice warn">${esc(driver.text)}</div>`,
    rescue && `<div class="notice warn">${esc(rescue.text)}</div>`,
    s.rollout.spec.wantedVersion &&
      `<div class="notice">Pinned to ${esc(s.rollout.spec.wantedVersion)}: automation is off until unpinned.</div>`,
  ].filter(Boolean);
  return `<header>
  <h1>${esc(keyId(s.key))}</h1>
  <div class="summary"><span class="phase">${esc(phase)}</span>
    <span>current <strong>${esc(status.currentVersion ?? '—')}</strong></span>
    ${status.pendingVersion ? `<span>pending <strong>${esc(status.pendingVersion)}</strong></span>` : ''}
    <span class="muted">${esc(driver.driven ? driver.text.replace(/\.$/, '') : (driver.short ?? ''))}</span></div>
  ${notices.join('\n')}
</header>
${pendingSection(s, ctx)}
${healthSection(s.healthChecks, ctx.now)}
<section aria-label="History"><h2>History</h2>
${history.length ? `<ol class="timeline">${history.map((e, i) => historyItem(s, e, i === 0, ctx.now)).join('')}</ol>` : '<p class="muted">No deployments yet.</p>'}
</section>`;
}

/** Does the body change with the clock alone (a running bake, a schedule countdown, relative times)? */
export const panelTicks = (s: RolloutSnapshot): boolean =>
  (s.rollout.status?.history?.length ?? 0) > 0 ||
  readGateSummaries(s.rollout.status?.gates).some((g) => !!g.nextChange);

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 20px 20px; max-width: 900px; }
h1 { font-size: 1.5em; font-weight: 600; margin: 16px 0 4px; }
h2 { font-size: 1.05em; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; color: var(--vscode-descriptionForeground); border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); padding-bottom: 4px; margin: 22px 0 8px; }
.summary { display: flex; flex-wrap: wrap; gap: 14px; align-items: baseline; }
.phase { font-weight: 600; }
.muted, .when, .kind, .countdown { color: var(--vscode-descriptionForeground); }
.notice { margin-top: 10px; padding: 8px 10px; border-left: 3px solid var(--vscode-textLink-foreground); background: var(--vscode-textBlockQuote-background); }
.notice.warn { border-left-color: var(--vscode-editorWarning-foreground); }
ul, ol { list-style: none; padding: 0; margin: 0; }
.gates li, .checks li { display: flex; flex-wrap: wrap; gap: 10px; align-items: center; padding: 4px 0; }
.name { font-weight: 600; }
.detail, .why { flex-basis: 100%; color: var(--vscode-descriptionForeground); margin-left: 20px; }
.why { font-style: italic; }
.dot { width: 10px; height: 10px; border-radius: 50%; background: var(--vscode-descriptionForeground); flex: none; }
.dot.ok { background: var(--vscode-testing-iconPassed); }
.dot.bad { background: var(--vscode-testing-iconFailed); }
.dot.wait { background: var(--vscode-charts-yellow); }
.bar .track { fill: var(--vscode-input-background, #8883); }
.bar .ok { fill: var(--vscode-testing-iconPassed); }
.bar .bad { fill: var(--vscode-testing-iconFailed); }
.bar .busy { fill: var(--vscode-progressBar-background, var(--vscode-charts-blue)); }
.bar .muted { fill: var(--vscode-descriptionForeground); }
.decision.ok, .outcome.ok { color: var(--vscode-testing-iconPassed); }
.decision.bad, .outcome.bad, .detail.bad { color: var(--vscode-testing-iconFailed); }
.decision.wait { color: var(--vscode-charts-yellow); }
.outcome.busy { color: var(--vscode-charts-blue); }
.actions { margin-top: 12px; display: flex; gap: 8px; }
button { font-family: inherit; font-size: inherit; padding: 5px 14px; border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; cursor: pointer; }
button.primary { background: var(--vscode-button-background); color: var(--vscode-button-foreground); }
button.primary:hover { background: var(--vscode-button-hoverBackground); }
button.secondary { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); }
button.secondary:hover { background: var(--vscode-button-secondaryHoverBackground); }
button:disabled { opacity: .5; cursor: not-allowed; }
button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
.timeline .entry { padding: 8px 0 8px 14px; border-left: 2px solid var(--vscode-panel-border, var(--vscode-widget-border, #8884)); margin-left: 4px; }
.head { display: flex; flex-wrap: wrap; gap: 10px; align-items: baseline; }
.version { font-weight: 600; font-family: var(--vscode-editor-font-family); }
.live { font-size: .85em; padding: 0 6px; border-radius: 8px; background: var(--vscode-badge-background); color: var(--vscode-badge-foreground); }
.when { margin-left: auto; }
.bar { display: block; width: 100%; max-width: 420px; height: 6px; margin: 6px 0 2px; }
`;

const SCRIPT = `
const vscode = acquireVsCodeApi();
document.addEventListener('click', (e) => {
  const b = e.target instanceof Element ? e.target.closest('button[data-action]') : null;
  if (b && !b.disabled) vscode.postMessage({ action: b.dataset.action });
});
window.addEventListener('message', (e) => {
  if (e.data && e.data.type === 'render') document.getElementById('root').innerHTML = e.data.html;
});
`;

/** The whole document: CSP, the theme-variable stylesheet, the body, the one script. */
export function renderPanelDocument(body: string, opts: { nonce: string; cspSource: string }): string {
  const csp = [
    "default-src 'none'",
    `style-src 'nonce-${opts.nonce}'`,
    `script-src 'nonce-${opts.nonce}'`,
    `img-src ${opts.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${opts.nonce}">${STYLE}</style>
</head>
<body>
<div id="root">${body}</div>
<script nonce="${opts.nonce}">${SCRIPT}</script>
</body>
</html>`;
}
