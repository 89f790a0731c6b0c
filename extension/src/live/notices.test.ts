import { describe, expect, it } from 'vitest';
import { entry, gate, snapshot } from '../test-support/fakeCluster.js';
import { noticesFor, noticeText } from './notices.js';

const waiting = (version: string) =>
  snapshot({ phase: 'WaitingForGates', pending: version, gates: [gate('production-approval', 'Pending')] });

describe('noticesFor', () => {
  it('a version that starts waiting for an approval gate notifies once', () => {
    const before = snapshot({ phase: 'Succeeded' });
    const [n] = noticesFor(before, waiting('v1.3.0'));
    expect(n && noticeText(n)).toBe('team-a/my-app: v1.3.0 is waiting for approval (production-approval)');
    expect(noticesFor(waiting('v1.3.0'), waiting('v1.3.0'))).toEqual([]);
    expect(noticesFor(waiting('v1.3.0'), waiting('v1.4.0'))).toHaveLength(1);
  });

  it('a schedule alone is not "waiting for your approval"', () => {
    const s = snapshot({ pending: 'v2', gates: [gate('hours', 'Pending', { kind: 'RolloutSchedule' })] });
    expect(noticesFor(undefined, s)).toEqual([]);
  });

  it('a bake that turns Failed notifies with the failed checks', () => {
    const running = snapshot({ history: [entry(3, 'v2', { bakeStatus: 'InProgress' })] });
    const failed = snapshot({
      history: [
        entry(3, 'v2', {
          bakeStatus: 'Failed',
          failedHealthChecks: [{ name: 'errors', namespace: 'team-a', message: '5xx 4%' }],
        }),
      ],
    });
    const [n] = noticesFor(running, failed);
    expect(n && noticeText(n)).toBe('team-a/my-app: the bake of v2 failed — errors: 5xx 4%');
    expect(noticesFor(failed, failed)).toEqual([]);
  });

  it('a bake that turns Succeeded notifies; an adopted version does not', () => {
    const running = snapshot({ history: [entry(3, 'v2', { bakeStatus: 'InProgress' })] });
    const done = snapshot({
      history: [entry(3, 'v2', { bakeStatus: 'Succeeded', bakeStartTime: '2026-01-01T10:00:00Z' })],
    });
    expect(noticesFor(running, done).map(noticeText)).toEqual([
      'team-a/my-app: v2 baked successfully and is live',
    ]);
    const empty = snapshot({});
    const adopted = snapshot({
      history: [entry(1, 'v1', { bakeStatus: 'Succeeded', message: 'Adopted running version' })],
    });
    expect(noticesFor(empty, adopted)).toEqual([]);
  });

  it('nothing is replayed for a rollout seen for the first time except a waiting approval', () => {
    const failed = snapshot({ history: [entry(3, 'v2', { bakeStatus: 'Failed' })] });
    expect(noticesFor(undefined, failed)).toEqual([]);
  });
});
