// @kuberik/core/actions — approve, deny, deploy, pin, unpin, rollback, retry, unblock (spec §4).
export * from './api.js';
export { createActions, type ActionsOptions } from './actions.js';
export { editGate, gateAlready, isApprovalGate, SCHEDULE_OWNER_LABEL } from './gateEdit.js';
export { closeNames } from './suggest.js';
