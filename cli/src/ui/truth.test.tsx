// Issue 13: the watch screen tells the truth at 80 and 120 columns — who drives, recovery mode.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { describeRollout } from '../format/view.js';
import { ago, entry, HOUR, MIN, NOW, story, type StoryOptions } from '../testing/fixtures.js';
import { WatchScreen, type WatchScreenProps } from './WatchScreen.js';

function frame(o: StoryOptions, columns: number, extra: Partial<WatchScreenProps> = {}): string {
  const { lastFrame, unmount } = render(
    <WatchScreen
      view={describeRollout(story(o), NOW)}
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
