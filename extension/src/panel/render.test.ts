import { describe, expect, it } from 'vitest';
import { entry, gate, snapshot } from '../test-support/fakeCluster.js';
import {
  bakeFraction,
  isPanelMessage,
  renderPanelBody,
  renderPanelDocument,
  type PanelContext,
} from './render.js';

const now = new Date('2026-01-01T10:05:00Z');
const ctx = (extra: Partial<PanelContext> = {}): PanelContext => ({ now, permissions: {}, ...extra });
/** The body as a person reads it: tags dropped, whitespace collapsed. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

const app = () =>
  snapshot({
    phase: 'WaitingForGates',
    current: 'v1.2.0',
    pending: 'v1.3.0',
    bakeTime: '10m',
    holder: 'kuberik-controller',
    releases: ['v1.1.0', 'v1.2.0', 'v1.3.0'],
    gates: [
      gate('production-approval', 'Pending', { prettyName: 'Production approval' }),
      gate('business-hours', 'Pending', {
        kind: 'RolloutSchedule',
        nextChange: '2026-01-01T12:29:00Z',
        message: 'outside business hours',
      }),
      gate('qa', 'Approved'),
    ],
    healthChecks: [
      {
        apiVersion: 'kuberik.com/v1alpha1',
        kind: 'HealthCheck',
        metadata: { name: 'api-errors', namespace: 'team-a' },
        spec: {},
        status: { status: 'Healthy', lastChangeTime: '2026-01-01T09:50:00Z', message: '5xx rate 0.1%' },
      },
    ],
    history: [
      entry(3, 'v1.2.0', {
        bakeStatus: 'Succeeded',
        timestamp: '2026-01-01T09:40:00Z',
        bakeStartTime: '2026-01-01T09:41:00Z',
        bakeEndTime: '2026-01-01T09:51:00Z',
        triggeredBy: { kind: 'User', name: 'alice' },
        message: 'hotfix for checkout',
      }),
      entry(2, 'v1.1.1', {
        bakeStatus: 'Failed',
        timestamp: '2026-01-01T09:00:00Z',
        bakeStartTime: '2026-01-01T09:01:00Z',
        bakeEndTime: '2026-01-01T09:03:30Z',
        triggeredBy: { kind: 'System', name: 'kuberik' },
        failedHealthChecks: [{ name: 'api-errors', namespace: 'team-a', message: '5xx rate 4%' }],
      }),
    ],
  });

describe('rollout detail panel body', () => {
  it('says what the rollout is doing, who drives it, and what waits', () => {
    const t = text(renderPanelBody(app(), ctx()));
    expect(t).toContain(
      'team-a/my-app awaiting approval current v1.2.0 pending v1.3.0 Driven by kuberik-controller',
    );
    expect(t).toContain('Next version v1.3.0');
  });

  it('lists the pending version’s gates with decisions and the schedule’s countdown', () => {
    const t = text(renderPanelBody(app(), ctx()));
    expect(t).toContain('Production approval approval awaiting approval');
    expect(t).toContain('business-hours schedule closed opens in 2h24m outside business hours');
    expect(t).toContain('qa approval approved');
    // the countdown moves with the clock
    const later = text(renderPanelBody(app(), ctx({ now: new Date('2026-01-01T12:28:00Z') })));
    expect(later).toContain('opens in 1m');
  });

  it('offers Approve, Deny and Deploy; RBAC disables them with the reason', () => {
    const html = renderPanelBody(app(), ctx());
    expect(html).toContain('<button class="primary" data-action="approve">Approve v1.3.0</button>');
    expect(html).toContain('data-action="deny"');
    expect(html).toContain('data-action="deploy"');
    const denied = renderPanelBody(
      app(),
      ctx({ permissions: { approve: { allowed: false, reason: 'you may not patch rolloutgates' } } }),
    );
    expect(denied).toMatch(/data-action="approve" disabled title="you may not patch rolloutgates"/);
    const none = renderPanelBody(snapshot({ phase: 'Succeeded', current: 'v1', holder: 'c' }), ctx());
    expect(none).not.toContain('<button');
    expect(text(none)).toContain('No version is waiting.');
    expect(text(none)).toContain('No deployments yet.');
  });

  it('shows health checks with their last change', () => {
    expect(text(renderPanelBody(app(), ctx()))).toContain('api-errors Healthy since 15m ago 5xx rate 0.1%');
  });

  it('draws the history as a timeline: bake bar, outcome, when, who and why', () => {
    const html = renderPanelBody(app(), ctx());
    const t = text(html);
    expect(t).toContain('v1.2.0 live Succeeded in 10m 25m ago · alice hotfix for checkout');
    expect(t).toContain('v1.1.1 Failed in 2m30s 1h5m ago · system Failed: api-errors (5xx rate 4%)');
    const bars = [...html.matchAll(/<rect class="(?!track)(\w+)" width="([\d.]+)"/g)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
    expect(bars).toEqual(['ok 100.0', 'bad 25.0']);
  });

  it('a running bake shows Baking with time left, and its bar grows', () => {
    const s = snapshot({
      phase: 'Baking',
      current: 'v2',
      bakeTime: '10m',
      history: [entry(1, 'v2', { bakeStatus: 'InProgress', bakeStartTime: '2026-01-01T10:01:00Z' })],
    });
    const t = text(renderPanelBody(s, ctx()));
    expect(t).toContain('v2 live Baking 4m / 10m (40%) · 6m left');
    expect(t).not.toContain('InProgress');
    expect(bakeFraction(s.rollout.status!.history![0]!, '10m', new Date('2026-01-01T10:06:00Z'))).toBe(0.5);
  });

  it('warns when nothing drives the rollout, and in recovery mode', () => {
    const s = snapshot({
      phase: 'Deploying',
      current: 'v3',
      status: {
        conditions: [
          {
            type: 'BakeFailureDisabled',
            status: 'True',
            reason: 'PreviousBakeFailed',
            message: 'x',
            lastTransitionTime: '2026-01-01T10:00:00Z',
          },
        ],
      },
      history: [entry(3, 'v3', { bakeStatus: 'Deploying' }), entry(2, 'v2', { bakeStatus: 'Cancelled' })],
    });
    const t = text(renderPanelBody(s, ctx()));
    expect(t).toContain('Nothing drives this rollout');
    expect(t).toContain(
      "Recovery mode: health failures won't fail this deploy; the bake of v2 was cancelled.",
    );
  });

  it('says a message once when the bake message repeats it', () => {
    const s = snapshot({
      current: 'v1',
      holder: 'c',
      history: [
        entry(1, 'v1', {
          bakeStatus: 'Succeeded',
          message: 'Adopted running version',
          bakeStatusMessage: 'Adopted running version',
        }),
      ],
    });
    expect(text(renderPanelBody(s, ctx())).match(/Adopted running version/g)).toHaveLength(1);
  });

  it('escapes everything that comes from the cluster', () => {
    const s = app();
    s.rollout.status!.history![0]!.message = '<img src=x onerror=alert(1)>';
    const html = renderPanelBody(s, ctx());
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('rollout detail panel document', () => {
  const doc = renderPanelDocument('<p>hi</p>', { nonce: 'abc123', cspSource: 'vscode-webview://x' });

  it('has a strict CSP: nothing by default, style and script only with the nonce', () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(doc)?.[1];
    expect(csp).toBe(
      "default-src 'none'; style-src 'nonce-abc123'; script-src 'nonce-abc123'; img-src vscode-webview://x",
    );
    expect(doc).toContain('<style nonce="abc123">');
    expect(doc).toContain('<script nonce="abc123">');
    expect(doc.match(/<script/g)).toHaveLength(1);
  });

  it('loads nothing remote and takes its colours from the theme', () => {
    expect(doc).not.toMatch(/https?:\/\//);
    expect(doc).not.toMatch(/#[0-9a-f]{6}\b/i); // no hard-coded colours
    expect(doc).toContain('var(--vscode-button-background)');
    expect(doc).toContain('<div id="root"><p>hi</p></div>');
  });

  it('accepts only the button messages it knows', () => {
    expect(isPanelMessage({ action: 'approve' })).toBe(true);
    expect(isPanelMessage({ action: 'delete-everything' })).toBe(false);
    expect(isPanelMessage('approve')).toBe(false);
  });
});
