// What the empty Rollouts view says (package.json viewsWelcome picks the text by `kuberik.state`; the
// view's message line names the file, which static welcome text cannot). Pure.
import type { Settings } from './settings.js';
import type { TreeState } from './tree/children.js';

export interface ViewState {
  /** `kuberik.state`: noConfig (no kubeconfig anywhere), missingConfig (the setting's file), ok. */
  state: 'noConfig' | 'missingConfig' | 'ok';
  /** The view's message line, above the welcome text. */
  message?: string;
}

export function viewState(tree: TreeState, settings: Pick<Settings, 'kubeconfig'>): ViewState {
  const error = tree.error;
  if (!error?.noConfig) return { state: 'ok' };
  if (settings.kubeconfig) {
    // core words it for the CLI flag; here the user set it in the settings
    const text = error.text.replace(/ \(--kubeconfig\)$/, '');
    return { state: 'missingConfig', message: `${text} (setting kuberik.kubeconfig)` };
  }
  return { state: 'noConfig', message: error.text };
}
