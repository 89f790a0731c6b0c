import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { SnapshotLike } from '../format/snapshot.js';
import { entry, NOW, story } from '../testing/fixtures.js';
import { WatchApp, type WatchActions, type WatchState } from './WatchApp.js';

function source(initial: SnapshotLike) {
  let state: WatchState = { snapshot: initial };
  const listeners = new Set<() => void>();
  return {
    subscribe: (l: () => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    current: () => state,
    set(next: WatchState) {
      state = next;
      for (const l of listeners) l();
    },
  };
}

function recordingActions(calls: string[], fail?: string): WatchActions {
  const done = (what: string) => async () => {
    calls.push(what);
    if (fail) throw new Error(fail);
    return `${what} done`;
  };
  return {
    approve: async (v) => done(`approve ${v}`)(),
    deny: async (v) => done(`deny ${v}`)(),
    retry: done('retry'),
    pin: async (v) => done(`pin ${v}`)(),
    unpin: done('unpin'),
  };
}

const tick = () => new Promise((r) => setTimeout(r, 30));
/** Waits until the frame shows `text` (an action resolves on its own schedule under load). */
async function shows(lastFrame: () => string | undefined, text: string): Promise<void> {
  for (let i = 0; i < 500 && !(lastFrame() ?? '').includes(text); i++) await tick();
  expect(lastFrame()).toContain(text);
}
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function mount(snap: SnapshotLike, actions: WatchActions) {
  const src = source(snap);
  const r = render(
    <WatchApp
      source={src}
      actions={actions}
      context="kind-dev"
      clock={() => NOW}
      interactive
      columns={100}
      rows={30}
    />,
  );
  cleanup = r.unmount;
  return { ...r, src };
}

describe('WatchApp keys', () => {
  it('a asks for confirmation, y approves the pending version and shows the result', async () => {
    const calls: string[] = [];
    const { stdin, lastFrame } = mount(story(), recordingActions(calls));
    await tick();
    stdin.write('a');
    await tick();
    expect(lastFrame()).toContain('Approve v1.3.0 on Production approval? [y/N]');
    expect(calls).toEqual([]);
    stdin.write('y');
    await shows(lastFrame, '✔ approve v1.3.0 done');
    expect(calls).toEqual(['approve v1.3.0']);
  });

  it('any other key cancels the confirmation', async () => {
    const calls: string[] = [];
    const { stdin, lastFrame } = mount(story(), recordingActions(calls));
    await tick();
    stdin.write('d');
    await tick();
    expect(lastFrame()).toContain('Deny v1.3.0?');
    stdin.write('n');
    await tick();
    expect(calls).toEqual([]);
    expect(lastFrame()).toContain('cancelled');
  });

  it('shows a refused action as an error line', async () => {
    const calls: string[] = [];
    const { stdin, lastFrame } = mount(
      story(),
      recordingActions(calls, 'you may not patch rolloutgates in namespace default (RBAC)'),
    );
    await tick();
    stdin.write('a');
    await tick();
    stdin.write('y');
    await tick();
    expect(lastFrame()).toContain('✖ you may not patch rolloutgates in namespace default (RBAC)');
  });

  it('r retries only a failed bake; p pins the live version, or unpins', async () => {
    const calls: string[] = [];
    const failed = story({
      phase: 'Failed',
      pending: undefined,
      history: [entry({ id: 13, tag: 'v1.3.0', bakeStatus: 'Failed' })],
    });
    const { stdin, lastFrame, src } = mount(story(), recordingActions(calls));
    await tick();
    stdin.write('r');
    await tick();
    expect(lastFrame()).toContain('nothing to retry');
    src.set({ snapshot: failed });
    await tick();
    stdin.write('r');
    await tick();
    stdin.write('y');
    await tick();
    stdin.write('p');
    await tick();
    expect(lastFrame()).toContain('Pin my-app to v1.3.0');
    stdin.write('y');
    await tick();
    src.set({ snapshot: story({ wanted: 'v1.2.0' }) });
    await tick();
    stdin.write('p');
    await tick();
    stdin.write('y');
    await tick();
    expect(calls).toEqual(['retry', 'pin v1.3.0', 'unpin']);
  });

  it('? toggles the why chain in place of history', async () => {
    const { stdin, lastFrame } = mount(story(), recordingActions([]));
    await tick();
    stdin.write('?');
    await tick();
    expect(lastFrame()).toContain('Why v1.3.0 is not live');
    expect(lastFrame()).toContain('$ kubectl kuberik approve my-app v1.3.0 --gate production-approval');
    expect(lastFrame()).not.toContain('History');
    stdin.write('?');
    await tick();
    expect(lastFrame()).toContain('History');
  });

  it('follows new snapshots and shows driver problems', async () => {
    const { lastFrame, src } = mount(story(), recordingActions([]));
    await tick();
    src.set({
      snapshot: story({ pending: 'v1.4.0', releases: ['v1.2.0', 'v1.4.0'] }),
      error: 'watch of rollouts dropped — reconnecting',
    });
    await tick();
    expect(lastFrame()).toContain('pending  v1.4.0');
    expect(lastFrame()).toContain('! watch of rollouts dropped — reconnecting');
  });
});
