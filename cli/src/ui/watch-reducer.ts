// WatchApp's own state as a pure reducer: keys, confirmations, the status line and the clock.
// Each event gives the next state and at most one effect for the component to carry out (run a
// confirmed action, exit), so every rule here is testable without rendering.
import type { RolloutView } from '../format/view.js';
import type { WatchActions } from './watch-contracts.js';
import { planKey, type Confirmation } from './watch-keys.js';
import type { StatusMessage } from './WatchScreen.js';

/** Outcomes of keys and actions fade after a while; prompts, the banner and narration stay. */
export type Notice = StatusMessage & { expires?: boolean };

export interface WatchUiState {
  now: Date;
  status?: Notice;
  /** The action a question on the status line waits to have confirmed. */
  confirm?: Confirmation;
  /** The "why" chain is shown in place of history. */
  showWhy: boolean;
  /** An action runs: keys other than q, ? and a confirmation answer are ignored. */
  busy: boolean;
}

export type WatchEvent =
  | { type: 'key'; input: string; escape: boolean; view: RolloutView | undefined; actions: WatchActions }
  | { type: 'tick'; now: Date }
  /** The runner's narration changed. */
  | { type: 'note'; text: string }
  /** The confirmed action ended: its summary, or the message of its error. */
  | { type: 'settled'; ok: boolean; text: string }
  /** A fading notice's time is up (only that notice goes). */
  | { type: 'expire'; notice: Notice };

export type WatchEffect = { type: 'exit' } | { type: 'run'; confirmation: Confirmation };

export interface WatchStep {
  state: WatchUiState;
  effect?: WatchEffect;
}

export function initialUiState(now: Date, banner?: string): WatchUiState {
  return { now, showWhy: false, busy: false, ...(banner ? { status: { text: banner, tone: 'info' } } : {}) };
}

export function watchReducer(state: WatchUiState, event: WatchEvent): WatchStep {
  switch (event.type) {
    case 'key':
      return onKey(state, event);
    case 'tick':
      return { state: { ...state, now: event.now } };
    case 'note':
      return { state: { ...state, status: { text: event.text, tone: 'info' } } };
    case 'settled':
      return {
        state: {
          ...state,
          busy: false,
          status: event.ok
            ? { text: `✔ ${event.text}`, tone: 'success', expires: true }
            : { text: `✖ ${event.text}`, tone: 'error', expires: true },
        },
      };
    case 'expire':
      return { state: state.status === event.notice ? withoutStatus(state) : state };
  }
}

function withoutStatus(state: WatchUiState): WatchUiState {
  const { status: _gone, ...rest } = state;
  return rest;
}

function onKey(state: WatchUiState, e: Extract<WatchEvent, { type: 'key' }>): WatchStep {
  const { confirm } = state;
  if (confirm) {
    const { confirm: _answered, ...rest } = state;
    if (e.input === 'y' || e.input === 'Y') {
      const doing = { text: `${confirm.question.replace(/\? \[y\/N\]$/, '')}…`, tone: 'info' as const };
      return {
        state: { ...rest, busy: true, status: doing },
        effect: { type: 'run', confirmation: confirm },
      };
    }
    return { state: { ...rest, status: { text: 'cancelled', tone: 'info', expires: true } } };
  }
  if (e.input === 'q' || e.escape) return { state, effect: { type: 'exit' } };
  if (e.input === '?') return { state: { ...state, showWhy: !state.showWhy } };
  if (!e.view || state.busy) return { state };
  const planned = planKey(e.input, e.view, e.actions);
  if (!planned) return { state };
  if ('question' in planned) {
    return { state: { ...state, confirm: planned, status: { text: planned.question, tone: 'prompt' } } };
  }
  return { state: { ...state, status: { ...planned, expires: true } } };
}
