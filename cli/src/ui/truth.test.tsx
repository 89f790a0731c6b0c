// Issue 13: the watch screen tells the truth at 80 and 120 columns — who drives, recovery mode.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { describeRollout } from '../format/view.js';
import { parseSpecDuration } from '@kuberik/core/present';
import { ago, bakingStory, entry, HOUR, MIN, NOW, story, type StoryOptions } from '../testing/fixtures.js';
import type { SnapshotLike } from '../format/snapshot.js';
import { relativeTickMs } from './ticks.js';
import { WatchApp, type WatchActions, type WatchState } from './WatchApp.js';
import { WatchScreen, type WatchScreenProps } from './WatchScreen.js';

function frame(
  o: StoryOptions | SnapshotLike,
  columns: number,
  extra: Partial<WatchScreenProps> = {},
): string {
  const snap = 'rollout' in o ? o : story(o);
  const { lastFrame, unmount } = render(
    <WatchScreen
      view={describeRollout(snap, extra.now ?? NOW)}
      context="kind-dev"
      now={NOW}
      columns={columns}
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

const recovering: StoryOptions = {
  phase: 'Deploying',
  pending: undefined,
  conditions: [
    {
      type: 'BakeFailureDisabled',
      status: 'True',
      reason: 'PreviousBakeFailed',
      message: 'Previous deployment failed. Health check failures will not fail this deployment.',
      lastTransitionTime: ago(6 * MIN),
    },
  ],
  history: [
    entry({ id: 14, tag: 'v1.3.1', timestamp: ago(6 * MIN), bakeStatus: 'Deploying' }),
    entry({
      id: 13,
      tag: 'v1.3.0',
      bakeStatus: 'Cancelled',
      bakeStartTime: ago(20 * MIN),
      bakeEndTime: ago(6 * MIN),
    }),
    entry({ id: 12, tag: 'v1.2.0', bakeStartTime: ago(2 * HOUR), bakeEndTime: ago(2 * HOUR - 15 * MIN) }),
  ],
};

describe.each([80, 120])('watch screen at %i columns', (columns) => {
  it('says when nothing drives the rollout, in the header and the hint line', () => {
    const out = frame({ driving: false }, columns);
    const lines = out.split('\n');
    expect(lines[0]).toContain('nothing drives it');
    expect(out).toContain('nothing drives my-app: run `kubectl kuberik watch my-app`');
    if (columns >= 120) expect(out).toContain('or install the controller');
    expect(lines.every((l) => l.length <= columns)).toBe(true);
  });

  it('names the holder when someone else drives, and never claims nobody does', () => {
    const out = frame({ driving: false, holder: 'controller-7f' }, columns);
    expect(out.split('\n')[0]).toContain('driven by controller-7f');
    expect(out).not.toContain('nothing drives');
  });

  it('shows recovery mode with the way back, and never "failed" for a cancelled bake', () => {
    const out = frame(recovering, columns);
    expect(out).toContain("! recovery mode: health failures won't fail this deploy;");
    expect(out).not.toContain('Previous deployment failed');
    expect(out).toContain('to undo it: kubectl kuberik rollback my-app --to v1.2.0');
    if (columns >= 120) expect(out).toContain('the bake of v1.3.0 was cancelled');
  });
});

/** Polls the condition on the rendered frame (timers here are real; no fixed sleeps). */
async function eventually(cond: () => boolean, what: () => string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting; last frame:\n${what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function mountApp(snap: SnapshotLike, columns: number, clock: () => Date, extra: { noticeMs?: number } = {}) {
  const state: WatchState = { snapshot: snap };
  const actions: WatchActions = {
    approve: async (v) => `${v} approved`,
    deny: async (v) => `${v} denied`,
    retry: async () => 'retried',
    pin: async (v) => `pinned ${v}`,
    unpin: async () => 'unpinned',
  };
  return render(
    <WatchApp
      source={{ subscribe: () => () => undefined, current: () => state }}
      actions={actions}
      context="kind-dev"
      clock={clock}
      interactive
      columns={columns}
      rows={30}
      {...extra}
    />,
  );
}

const succeededRecently: StoryOptions = {
  phase: 'Succeeded',
  pending: undefined,
  history: [
    entry({
      id: 13,
      tag: 'v1.3.0',
      timestamp: ago(10_000),
      bakeStartTime: ago(9_000),
      bakeEndTime: ago(8_000),
    }),
    entry({ id: 12, tag: 'v1.2.0', bakeStartTime: ago(2 * HOUR), bakeEndTime: ago(2 * HOUR - 15 * MIN) }),
  ],
};

describe.each([80, 120])('the watch screen stays true at %i columns', (columns) => {
  it('keeps "awaiting approval" whole', () => {
    const out = frame({}, columns);
    expect(out).toMatch(/◐ Production appr\S*\s+awaiting approval/);
  });

  it('elapsed + remaining bake is the bake time, even mid-second', () => {
    for (const extraMs of [0, 400, 999]) {
      const snap = bakingStory();
      snap.rollout.status!.history![0]!.bakeStartTime = ago(7 * MIN + 12_000 + extraMs);
      const out = frame(snap, columns);
      const m = /(\S+) \/ 15m {2}\(remaining (\S+)\)/.exec(out);
      expect(m, out).not.toBeNull();
      expect(parseSpecDuration(m![1]!)! + parseSpecDuration(m![2]!)!).toBe(15 * MIN);
    }
  });

  it('history columns line up', () => {
    const snap = story({
      history: [
        entry({
          id: 100,
          tag: 'v1.10.0',
          bakeStatus: 'InProgress',
          bakeStartTime: ago(MIN),
          timestamp: ago(2 * MIN),
        }),
        entry({
          id: 99,
          tag: 'v1.9.0',
          bakeStartTime: ago(2 * HOUR),
          bakeEndTime: ago(2 * HOUR - 15 * MIN),
          triggeredBy: { kind: 'User', name: 'alice' },
        }),
        entry({
          id: 98,
          tag: 'v1.8.0',
          bakeStatus: 'Failed',
          failedHealthChecks: [{ name: 'slo', namespace: 'prod', message: 'error rate 4%' }],
        }),
      ],
    });
    const rows = frame(snap, columns)
      .split('\n')
      .filter((l) => /^ {2}#\d+ /.test(l));
    expect(rows).toHaveLength(3);
    for (const word of [/Baking|Succeeded|Failed/, /\d+\S* ago/]) {
      const at = rows.map((r) => r.search(word));
      expect(new Set(at).size, rows.join('\n')).toBe(1);
    }
  });

  it('relative times tick on an idle screen', async () => {
    let t = NOW.getTime();
    const r = mountApp(story(succeededRecently), columns, () => new Date(t));
    try {
      await eventually(
        () => (r.lastFrame() ?? '').includes('10s ago'),
        () => r.lastFrame() ?? '',
      );
      t += 1_000;
      await eventually(
        () => (r.lastFrame() ?? '').includes('11s ago'),
        () => r.lastFrame() ?? '',
      );
    } finally {
      r.unmount();
    }
  });

  it('an action outcome fades instead of staying on the status line', async () => {
    const r = mountApp(story(), columns, () => NOW, { noticeMs: 300 });
    try {
      await eventually(
        () => (r.lastFrame() ?? '').includes('awaits approval'),
        () => r.lastFrame() ?? '',
      );
      r.stdin.write('a');
      await eventually(
        () => (r.lastFrame() ?? '').includes('[y/N]'),
        () => r.lastFrame() ?? '',
      );
      r.stdin.write('y');
      await eventually(
        () => (r.lastFrame() ?? '').includes('✔ v1.3.0 approved'),
        () => r.lastFrame() ?? '',
      );
      await eventually(
        () => !(r.lastFrame() ?? '').includes('✔ v1.3.0 approved'),
        () => r.lastFrame() ?? '',
      );
    } finally {
      r.unmount();
    }
  });
});

describe('relativeTickMs (idle CPU)', () => {
  const view = (o: StoryOptions) => describeRollout(story(o), NOW);
  it('wakes every second while a time on screen counts seconds', () => {
    expect(relativeTickMs(view(succeededRecently), NOW)).toBeLessThanOrEqual(1000);
  });
  it('wakes no more than once a minute when every age is older than an hour', () => {
    const old = view({ phase: 'Succeeded', pending: undefined, gates: [] });
    expect(relativeTickMs(old, new Date(NOW.getTime() - (NOW.getTime() % 60_000)))).toBe(60_000);
  });
  it('wakes at the next minute boundary of an age in minutes', () => {
    const minute = new Date(NOW.getTime() - (NOW.getTime() % 60_000));
    const stamp = new Date(minute.getTime() - (5 * MIN + 20_000)).toISOString();
    const v = describeRollout(
      story({
        phase: 'Succeeded',
        pending: undefined,
        gates: [],
        history: [entry({ id: 1, tag: 'v1', timestamp: stamp })],
      }),
      minute,
    );
    expect(relativeTickMs(v, minute)).toBe(40_000);
  });
});
