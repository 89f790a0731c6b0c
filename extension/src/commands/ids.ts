// Every command id in one place; package.json contributes the same list (a unit test checks both agree).
export const CommandId = {
  refresh: 'kuberik.refresh',
  selectContext: 'kuberik.selectContext',
  selectNamespaces: 'kuberik.selectNamespaces',
  approve: 'kuberik.approve',
  deny: 'kuberik.deny',
  deployVersion: 'kuberik.deployVersion',
  bypassGates: 'kuberik.bypassGates',
  pin: 'kuberik.pin',
  rollback: 'kuberik.rollback',
  unpin: 'kuberik.unpin',
  retry: 'kuberik.retry',
  unblock: 'kuberik.unblock',
  watchRollout: 'kuberik.watchRollout',
  stopWatching: 'kuberik.stopWatching',
  openYaml: 'kuberik.openYaml',
  openDetails: 'kuberik.openDetails',
  copyVersion: 'kuberik.copyVersion',
} as const;

export type CommandIdValue = (typeof CommandId)[keyof typeof CommandId];
