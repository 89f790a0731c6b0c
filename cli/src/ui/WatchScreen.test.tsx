import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { describeRollout } from '../format/view.js';
import { bakingStory, entry, healthCheck, NOW, story } from '../testing/fixtures.js';
import type { SnapshotLike } from '../format/snapshot.js';
import { bakeBarCells } from './BakeBar.js';
import { WatchScreen, type WatchScreenProps } from './WatchScreen.js';

function frame(snap: SnapshotLike, extra: Partial<WatchScreenProps> = {}): string {
  const { lastFrame, unmount } = render(
    <WatchScreen
      view={describeRollout(snap, NOW)}
      context="kind-dev"
      now={NOW}
      columns={100}
      rows={30}
      spin="◐"
      interactive
      {...extra}
    />,
  );
  const out = lastFrame() ?? '';
  unmount();
  return out;
}

describe('WatchScreen', () => {
  it('shows a bake that cannot see the workloads as a warning line (issue 10 point 9)', () => {
    const out = frame(
      story({
        conditions: [
          {
            type: 'WorkloadHealthCovered',
            status: 'False' as const,
            reason: 'KustomizationReadyIgnoresWorkloads',
            message: 'Kustomization default/my-app has neither spec.wait: true nor spec.healthChecks',
            lastTransitionTime: NOW.toISOString(),
          },
        ],
      }),
    );
    expect(out).toContain('! Kustomization default/my-app has neither spec.wait: true nor spec.healthChecks');
    expect(frame(story())).not.toContain('spec.wait');
  });

  it('waiting for gates: header, pending reason, both gates, health and the key bar', () => {
    const out = frame(story());
    const lines = out.split('\n');
    expect(lines[0]).toMatch(
      /^my-app {2}· {2}default {2}· {2}kind-dev {2}· {2}driven by this watch\s+\d\d:\d\d:\d\d$/,
    );
    expect(lines[1]).toMatch(
      /current {2}v1\.2\.0 {2}Succeeded 2h ago\s+pending {2}v1\.3\.0 {2}awaiting approval/,
    );
    expect(out).toMatch(/✔ Business hours\s+open until \d\d:\d\d/);
    expect(out).toMatch(/◐ Production approval\s+awaiting approval/);
    expect(out).toMatch(/✔ my-app-kustomization\s+Healthy/);
    expect(out).toMatch(/◐ payments-slo\s+Pending/);
    expect(out).toContain('bake 15m');
    expect(out).toContain('v1.3.0 awaits approval — press a to approve');
    expect(out).toContain('[a] approve  [d] deny  [r] retry  [p] pin  [?] why  [q] quit');
  });

  it('baking: the bar with elapsed, total and remaining', () => {
    const out = frame(bakingStory());
    expect(out).toContain('Bake  ██████████░░░░░░░░░░  7m12s / 15m  (remaining 7m48s)');
    expect(out).toMatch(/#13 v1\.3\.0 {2}Baking/);
  });

  it('deploying: waits for health with a spinner', () => {
    const snap = story({
      phase: 'Deploying',
      pending: undefined,
      history: [
        entry({
          id: 13,
          tag: 'v1.3.0',
          bakeStatus: 'Deploying',
          timestamp: new Date(NOW.getTime() - 20_000).toISOString(),
        }),
      ],
    });
    expect(frame(snap)).toContain('Bake  ◐ v1.3.0 deploying — waiting for health checks (20s)');
  });

  it('succeeded: full bar and the live version', () => {
    const snap = story({
      phase: 'Succeeded',
      pending: undefined,
      history: [
        entry({
          id: 13,
          tag: 'v1.3.0',
          bakeStartTime: '2026-11-27T11:00:00Z',
          bakeEndTime: '2026-11-27T11:15:00Z',
        }),
      ],
    });
    const out = frame(snap);
    expect(out).toContain('Bake  ████████████████████  v1.3.0 succeeded after 15m');
    expect(out).toContain('v1.3.0 is live; waiting for new versions');
  });

  it('failed: the failing check and its message, and the retry hint', () => {
    const snap = story({
      phase: 'Failed',
      pending: undefined,
      health: [healthCheck('payments-slo', 'Unhealthy', 'error rate 4%')],
      history: [
        entry({
          id: 13,
          tag: 'v1.3.0',
          bakeStatus: 'Failed',
          bakeStatusMessage: 'payments-slo: error rate 4%',
        }),
      ],
    });
    const out = frame(snap);
    expect(out).toContain('✖ v1.3.0 failed: payments-slo: error rate 4%');
    expect(out).toMatch(/✖ payments-slo\s+Unhealthy {2}error rate 4%/);
    expect(out).toContain('press r to retry');
  });

  it('blocked: shows the DeploymentBlocked message', () => {
    // Spec §3: health blocks only once every gate is open (gates are decided first).
    const snap = story({
      phase: 'Blocked',
      gates: [],
      health: [healthCheck('payments-slo', 'Unhealthy', 'error rate 4%')],
      conditions: [
        {
          type: 'DeploymentBlocked',
          status: 'True',
          reason: 'UnhealthyHealthChecks',
          message: 'health check payments-slo is Unhealthy',
          lastTransitionTime: '2026-11-27T12:00:00Z',
        },
      ],
    });
    const out = frame(snap);
    expect(out).toContain('! health check payments-slo is Unhealthy');
    expect(out).toContain('blocked: environment unhealthy');
  });

  it('rejected: the denied gate in red', () => {
    const snap = story({
      phase: 'Rejected',
      rejected: ['v1.3.0'],
      gates: [
        {
          name: 'production-approval',
          kind: 'RolloutGate',
          prettyName: 'Production approval',
          decision: 'Denied',
          message: 'denied',
        },
      ],
    });
    const out = frame(snap);
    expect(out).toMatch(/✖ Production approval\s+denied/);
    expect(out).toContain('pending  v1.3.0  rejected');
  });

  it('driven by someone else: names the holder', () => {
    const out = frame(story({ driving: false, holder: 'bob@ci 7' }));
    expect(out.split('\n')[0]).toContain('driven by bob@ci 7');
  });

  it('never grows taller than the terminal and keeps the key bar', () => {
    const many = story({
      gates: Array.from({ length: 12 }, (_, i) => ({
        name: `g${i}`,
        kind: 'RolloutGate' as const,
        decision: 'Pending' as const,
        message: '',
      })),
    });
    for (const rows of [10, 14]) {
      const out = frame(many, { rows });
      expect(out.split('\n').length).toBeLessThanOrEqual(rows - 1);
      expect(out).toContain('[q] quit');
      expect(out).toMatch(/… \d+ more/);
    }
    const tall = frame(many, { rows: 40 });
    expect(tall).toContain('g11');
    expect(tall).not.toMatch(/… \d+ more/);
  });

  it('truncates instead of wrapping in a narrow terminal', () => {
    const out = frame(story(), { columns: 60, rows: 14 });
    const lines = out.split('\n');
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(60);
    expect(lines[0]).toMatch(/^my-app {2}· {2}default/);
    expect(lines[1]).toMatch(/^current {2}v1\.2\.0/);
    expect(lines.length).toBeLessThanOrEqual(13);
  });

  it('shows the status line and hides keys when not interactive', () => {
    const out = frame(story(), {
      status: { text: 'Approve v1.3.0? [y/N]', tone: 'prompt' },
      interactive: false,
    });
    expect(out).toContain('Approve v1.3.0? [y/N]');
    expect(out).not.toContain('[q] quit');
  });
});

describe('bakeBarCells', () => {
  it('rounds and clamps', () => {
    expect(bakeBarCells(0.48, 20)).toEqual({ done: 10, todo: 10 });
    expect(bakeBarCells(1.5, 20)).toEqual({ done: 20, todo: 0 });
    expect(bakeBarCells(-1, 20)).toEqual({ done: 0, todo: 20 });
  });
});
