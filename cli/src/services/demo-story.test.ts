import { describe, expect, it } from 'vitest';
import type { SnapshotLike } from '../format/snapshot.js';
import { entry, story } from '../testing/fixtures.js';
import type { WatchState } from '../ui/watch-contracts.js';
import { runDemoStory } from './demo-story.js';

function fakeSource(initial: SnapshotLike) {
  let state: WatchState = { snapshot: initial };
  const listeners = new Set<() => void>();
  return {
    subscribe: (l: () => void) => (listeners.add(l), () => listeners.delete(l)),
    current: () => state,
    show(s: SnapshotLike) {
      state = { snapshot: s };
      for (const l of listeners) l();
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 20));
const live = (tag: string, bakeStatus: 'Succeeded' | 'Failed' = 'Succeeded', extra = {}) =>
  story({ phase: bakeStatus, pending: undefined, history: [entry({ id: 1, tag, bakeStatus })], ...extra });

describe('demo story', () => {
  it('publishes, approves (headless), waits for the failure, deploys the fix and ends', async () => {
    const calls: string[] = [];
    const src = fakeSource(live('v1.0.0'));
    const narration: string[] = [];
    const s = runDemoStory({
      source: src,
      publish: async (t) => void calls.push(`publish ${t}`),
      approve: async (v) => (calls.push(`approve ${v}`), 'ok'),
      deploy: async (v) => (calls.push(`deploy ${v}`), 'ok'),
      autoApprove: true,
      gapMs: 0,
      narrate: (l) => narration.push(l),
    });
    await settle();
    expect(calls).toEqual(['publish v1.1.0']);
    src.show(story({ phase: 'WaitingForGates', pending: 'v1.1.0' }));
    await settle();
    expect(calls.at(-1)).toBe('approve v1.1.0');
    src.show(live('v1.1.0'));
    await settle();
    expect(calls.at(-1)).toBe('publish v1.2.0');
    src.show(live('v1.2.0', 'Failed'));
    await settle();
    expect(calls.at(-1)).toBe('publish v1.2.1');
    // Blocked by the failure: no reviewer approval, the teammate force-deploys.
    src.show(
      story({
        phase: 'Blocked',
        pending: 'v1.2.1',
        history: [entry({ id: 3, tag: 'v1.2.0', bakeStatus: 'Failed' })],
      }),
    );
    await settle();
    expect(calls.at(-1)).toBe('deploy v1.2.1');
    src.show(live('v1.2.1'));
    await expect(s.done).resolves.toEqual({
      code: 0,
      message: 'demo finished: v1.2.1 is live after v1.2.0 failed its bake',
    });
    s.stop();
    expect(calls.filter((c) => c.startsWith('approve'))).toEqual(['approve v1.1.0']);
    expect(narration[0]).toBe('demo: publishing v1.1.0 — a new image was pushed');
  });

  it('interactive: tells the user which key approves instead of approving', async () => {
    const calls: string[] = [];
    const narration: string[] = [];
    const src = fakeSource(story({ phase: 'WaitingForGates', pending: 'v1.1.0' }));
    const s = runDemoStory({
      source: src,
      publish: async (t) => void calls.push(`publish ${t}`),
      approve: async (v) => (calls.push(`approve ${v}`), 'ok'),
      deploy: async (v) => (calls.push(`deploy ${v}`), 'ok'),
      autoApprove: false,
      gapMs: 0,
      narrate: (l) => narration.push(l),
    });
    await settle();
    s.stop();
    expect(calls.some((c) => c.startsWith('approve'))).toBe(false);
    expect(narration).toContain('demo: v1.1.0 waits for your approval — press a, then y');
  });
});
