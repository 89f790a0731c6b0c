import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { SnapshotLike } from '../format/snapshot.js';
import { entry, NOW, story } from '../testing/fixtures.js';
import { frameShowing as shows, keysHeard } from '../testing/frames.js';
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

describe('WatchApp keys', { timeout: 60_000 }, () => {
  it('a asks for confirmation, y approves the pending version and shows the result', async () => {
    const calls: string[] = [];
    const { stdin, lastFrame } = mount(story(), recordingActions(calls));
    await keysHeard(stdin);
    stdin.write('a');
    await shows(lastFrame, 'Approve v1.3.0 on Production approval? [y/N]');
    expect(calls).toEqual([]);
    stdin.write('y');
    await shows(lastFrame, '✔ approve v1.3.0 done');
    expect(calls).toEqual(['approve v1.3.0']);
  });

  it('any other key cancels the confirmation', async () => {
    const calls: string[] = [];
    const { stdin, lastFrame } = mount(story(), recordingActions(calls));
    await keysHeard(stdin);
    stdin.write('d');
    await shows(lastFrame, 'Deny v1.3.0?');
    stdin.write('n');
    await shows(lastFrame, 'cancelled');
    expect(calls).toEqual([]);
  });

  it('shows a refused action as an error line', async () => {
    const calls: string[] = [];
    const { stdin, lastFrame } = mount(
      story(),
      recordingActions(calls, 'you may not patch rolloutgates in namespace default (RBAC)'),
    );
    await keysHeard(stdin);
    stdin.write('a');
    await shows(lastFrame, '[y/N]');
    stdin.write('y');
    await shows(lastFrame, '✖ you may not patch rolloutgates in namespace default (RBAC)');
  });

  it('r retries only a failed bake; p pins the live version, or unpins', async () => {
    const calls: string[] = [];
    const failed = story({
      phase: 'Failed',
      pending: undefined,
      history: [entry({ id: 13, tag: 'v1.3.0', bakeStatus: 'Failed' })],
    });
    const { stdin, lastFrame, src } = mount(story(), recordingActions(calls));
    await keysHeard(stdin);
    stdin.write('r');
    await shows(lastFrame, 'nothing to retry');
    src.set({ snapshot: failed });
    await shows(lastFrame, '✖ v1.3.0 failed');
    stdin.write('r');
    await shows(lastFrame, 'Retry v1.3.0? [y/N]');
    stdin.write('y');
    await shows(lastFrame, '✔ retry done');
    stdin.write('p');
    await shows(lastFrame, 'Pin my-app to v1.3.0');
    stdin.write('y');
    await shows(lastFrame, '✔ pin v1.3.0 done');
    src.set({ snapshot: story({ wanted: 'v1.2.0' }) });
    await shows(lastFrame, '[p] unpin');
    stdin.write('p');
    await shows(lastFrame, 'Unpin my-app');
    stdin.write('y');
    await shows(lastFrame, '✔ unpin done');
    expect(calls).toEqual(['retry', 'pin v1.3.0', 'unpin']);
  });

  it('? toggles the why chain in place of history', async () => {
    const { stdin, lastFrame } = mount(story(), recordingActions([]));
    await keysHeard(stdin);
    await shows(lastFrame, 'History');
    stdin.write('?');
    const why = await shows(lastFrame, 'Why v1.3.0 is not live');
    expect(why).toContain('$ kubectl kuberik approve my-app v1.3.0 --gate production-approval');
    expect(why).not.toContain('History');
    stdin.write('?');
    await shows(lastFrame, 'History');
  });

  it('follows new snapshots and shows driver problems', async () => {
    const { lastFrame, src } = mount(story(), recordingActions([]));
    await shows(lastFrame, 'History');
    src.set({
      snapshot: story({ pending: 'v1.4.0', releases: ['v1.2.0', 'v1.4.0'] }),
      error: 'watch of rollouts dropped — reconnecting',
    });
    const frame = await shows(lastFrame, 'pending  v1.4.0');
    expect(frame).toContain('! watch of rollouts dropped — reconnecting');
  });
});
