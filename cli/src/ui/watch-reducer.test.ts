// Table tests of WatchApp's state rules: each event on a given state gives this state and effect.
import { describe, expect, it } from 'vitest';
import { describeRollout } from '../format/view.js';
import { NOW, story } from '../testing/fixtures.js';
import type { WatchActions } from './watch-contracts.js';
import {
  initialUiState,
  watchReducer,
  type Notice,
  type WatchEvent,
  type WatchUiState,
} from './watch-reducer.js';

const actions: WatchActions = {
  approve: async (v) => `approved ${v}`,
  deny: async (v) => `denied ${v}`,
  retry: async () => 'retried',
  pin: async (v) => `pinned ${v}`,
  unpin: async () => 'unpinned',
};
const view = describeRollout(story(), NOW);
const key = (input: string, opts: { escape?: boolean; noView?: boolean } = {}): WatchEvent => ({
  type: 'key',
  input,
  escape: opts.escape ?? false,
  view: opts.noView ? undefined : view,
  actions,
});
const idle = initialUiState(NOW);
const confirmation = {
  question: 'Approve v1.3.0 on Production approval? [y/N]',
  run: () => actions.approve('v1.3.0'),
};
const asking: WatchUiState = {
  ...idle,
  confirm: confirmation,
  status: { text: confirmation.question, tone: 'prompt' },
};
const faded: Notice = { text: '✔ done', tone: 'success', expires: true };
const later = new Date(NOW.getTime() + 1000);

const rows: Array<{
  name: string;
  from: WatchUiState;
  event: WatchEvent;
  to: WatchUiState;
  effect?: string;
}> = [
  {
    name: 'a with a pending version at an approval gate asks to confirm',
    from: idle,
    event: key('a'),
    to: {
      ...idle,
      confirm: expect.objectContaining({ question: confirmation.question }),
      status: { text: confirmation.question, tone: 'prompt' },
    },
  },
  {
    name: 'a key before the first snapshot does nothing',
    from: idle,
    event: key('a', { noView: true }),
    to: idle,
  },
  { name: 'an unknown key does nothing', from: idle, event: key('x'), to: idle },
  {
    name: 'r without a failed bake says why, and the line fades',
    from: idle,
    event: key('r'),
    to: {
      ...idle,
      status: { text: 'nothing to retry: the last bake did not fail', tone: 'info', expires: true },
    },
  },
  {
    name: 'y runs the confirmed action and shows it in progress',
    from: asking,
    event: key('y'),
    to: { ...idle, busy: true, status: { text: 'Approve v1.3.0 on Production approval…', tone: 'info' } },
    effect: 'run',
  },
  {
    name: 'any other answer cancels',
    from: asking,
    event: key('n'),
    to: { ...idle, status: { text: 'cancelled', tone: 'info', expires: true } },
  },
  {
    name: 'q while asking is an answer (cancel), not quit',
    from: asking,
    event: key('q'),
    to: { ...idle, status: { text: 'cancelled', tone: 'info', expires: true } },
  },
  { name: 'q quits', from: idle, event: key('q'), to: idle, effect: 'exit' },
  { name: 'Escape quits', from: idle, event: key('', { escape: true }), to: idle, effect: 'exit' },
  { name: '? shows the why chain', from: idle, event: key('?'), to: { ...idle, showWhy: true } },
  {
    name: '? works while an action runs',
    from: { ...idle, busy: true },
    event: key('?'),
    to: { ...idle, busy: true, showWhy: true },
  },
  {
    name: 'keys that act are ignored while an action runs',
    from: { ...idle, busy: true },
    event: key('a'),
    to: { ...idle, busy: true },
  },
  {
    name: 'a tick moves the clock',
    from: idle,
    event: { type: 'tick', now: later },
    to: { ...idle, now: later },
  },
  {
    name: 'narration replaces the status line and stays',
    from: { ...idle, status: faded },
    event: { type: 'note', text: 'press a to approve' },
    to: { ...idle, status: { text: 'press a to approve', tone: 'info' } },
  },
  {
    name: 'a finished action shows its summary, fading',
    from: { ...idle, busy: true },
    event: { type: 'settled', ok: true, text: 'approved v1.3.0' },
    to: { ...idle, status: { text: '✔ approved v1.3.0', tone: 'success', expires: true } },
  },
  {
    name: 'a refused action shows its error, fading',
    from: { ...idle, busy: true },
    event: { type: 'settled', ok: false, text: 'forbidden' },
    to: { ...idle, status: { text: '✖ forbidden', tone: 'error', expires: true } },
  },
  {
    name: 'a notice fades when its time is up',
    from: { ...idle, status: faded },
    event: { type: 'expire', notice: faded },
    to: idle,
  },
  {
    name: 'a newer status line is not faded by an older notice’s timer',
    from: { ...idle, status: { ...faded } },
    event: { type: 'expire', notice: faded },
    to: { ...idle, status: faded },
  },
];

describe('watchReducer', () => {
  it.each(rows)('$name', ({ from, event, to, effect }) => {
    const step = watchReducer(from, event);
    expect(step.state).toEqual(to);
    expect(step.effect?.type).toBe(effect);
  });

  it('the effect of y runs the action that was confirmed', async () => {
    const step = watchReducer(asking, key('y'));
    expect(step.effect?.type === 'run' ? await step.effect.confirmation.run() : undefined).toBe(
      'approved v1.3.0',
    );
  });

  it('starts with the banner on the status line', () => {
    expect(initialUiState(NOW, 'press a to approve').status).toEqual({
      text: 'press a to approve',
      tone: 'info',
    });
    expect(idle).toEqual({ now: NOW, showWhy: false, busy: false });
  });
});
