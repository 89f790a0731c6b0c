// What a key means on the watch screen, given what it shows: a question to confirm (and the action
// to run after "y"), or a line saying why the key does nothing now.
import type { RolloutView } from '../format/view.js';
import type { WatchActions } from './watch-contracts.js';
import type { StatusMessage } from './WatchScreen.js';

/** An action waiting for "y". */
export interface Confirmation {
  question: string;
  run: () => Promise<string>;
}

export function planKey(
  key: string,
  v: RolloutView,
  actions: WatchActions,
): Confirmation | StatusMessage | undefined {
  const approvable = v.gates.filter((g) => g.approvable && g.decision === 'Pending');
  switch (key) {
    case 'a': {
      if (!v.pending) return { text: 'nothing to approve: no version is pending', tone: 'info' };
      const pending = v.pending;
      if (approvable.length === 0) {
        return { text: `nothing to approve: no approval gate holds ${pending}`, tone: 'info' };
      }
      return {
        question: `Approve ${pending} on ${approvable.map((g) => g.label).join(', ')}? [y/N]`,
        run: () => actions.approve(pending),
      };
    }
    case 'd': {
      if (!v.pending) return { text: 'nothing to deny: no version is pending', tone: 'info' };
      const pending = v.pending;
      if (!v.gates.some((g) => g.approvable))
        return { text: `no approval gate to deny ${pending} on`, tone: 'info' };
      return {
        question: `Deny ${pending}? It will not be deployed automatically. [y/N]`,
        run: () => actions.deny(pending),
      };
    }
    case 'r':
      if (v.bake.state !== 'failed')
        return { text: 'nothing to retry: the last bake did not fail', tone: 'info' };
      return { question: `Retry ${v.bake.version}? [y/N]`, run: () => actions.retry() };
    case 'p': {
      if (v.pinned)
        return { question: `Unpin ${v.name} (automatic deploys resume)? [y/N]`, run: () => actions.unpin() };
      if (!v.current) return { text: 'nothing to pin: no version is deployed', tone: 'info' };
      const current = v.current;
      return {
        question: `Pin ${v.name} to ${current} (automatic deploys stop)? [y/N]`,
        run: () => actions.pin(current),
      };
    }
    default:
      return undefined;
  }
}
