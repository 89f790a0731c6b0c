import { describe, expect, it } from 'vitest';
import { bakingStory, entry, NOW, story } from '../testing/fixtures.js';
import { targetOf, untilVerdict } from './until.js';
import { describeRollout } from './view.js';

const v = (s = story()) => describeRollout(s, NOW);

describe('watch --until', () => {
  it('targets the pending version, else the live one', () => {
    expect(targetOf(v())).toBe('v1.3.0');
    expect(targetOf(v(bakingStory()))).toBe('v1.3.0');
  });

  it('deployed: waits at the gate, exits 13 there with --no-wait, 0 once live', () => {
    expect(untilVerdict('deployed', 'v1.3.0', v())).toBeUndefined();
    expect(untilVerdict('deployed', 'v1.3.0', v(), true)?.code).toBe(13);
    expect(untilVerdict('deployed', 'v1.3.0', v(bakingStory()))).toEqual({
      code: 0,
      message: 'v1.3.0 is deployed',
    });
  });

  it('succeeded: 0 after the bake, 10 when it failed, 12 when rejected', () => {
    expect(untilVerdict('succeeded', 'v1.3.0', v(bakingStory()))).toBeUndefined();
    const ok = story({ phase: 'Succeeded', pending: undefined, history: [entry({ id: 13, tag: 'v1.3.0' })] });
    expect(untilVerdict('succeeded', 'v1.3.0', v(ok))?.code).toBe(0);
    const bad = story({
      phase: 'Failed',
      pending: undefined,
      history: [entry({ id: 13, tag: 'v1.3.0', bakeStatus: 'Failed', bakeStatusMessage: 'slo' })],
    });
    expect(untilVerdict('succeeded', 'v1.3.0', v(bad))).toEqual({
      code: 10,
      message: 'v1.3.0 failed its bake: slo',
    });
    expect(untilVerdict('succeeded', 'v1.3.0', v(story({ rejected: ['v1.3.0'] })))?.code).toBe(12);
  });

  it('done: settles only when nothing is pending or baking', () => {
    expect(untilVerdict('done', 'v1.3.0', v())).toBeUndefined();
    expect(untilVerdict('done', 'v1.3.0', v(bakingStory()))).toBeUndefined();
    const idle = story({ phase: 'Succeeded', pending: undefined });
    expect(untilVerdict('done', 'v1.2.0', v(idle))).toEqual({
      code: 0,
      message: 'v1.2.0 is live; nothing pending',
    });
  });

  it('awaiting-approval: 0 as soon as an approval gate holds the version', () => {
    expect(untilVerdict('awaiting-approval', 'v1.3.0', v())?.code).toBe(0);
    expect(untilVerdict('awaiting-approval', 'v1.3.0', v(bakingStory()), false, 'v1.2.0')?.message).toContain(
      'without waiting',
    );
    // A version that arrives after the wait began counts too.
    expect(untilVerdict('awaiting-approval', 'v1.2.0', v(), false, 'v1.2.0')?.message).toBe(
      'v1.3.0 is waiting for approval',
    );
    expect(
      untilVerdict('awaiting-approval', 'v1.2.0', v(story({ pending: undefined })), false, 'v1.2.0'),
    ).toBeUndefined();
  });
});
