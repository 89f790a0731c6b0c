// @kuberik/core/actions — approve, deny, deploy, pin, unpin, rollback, retry, unblock (spec §4).
export * from './api.js';
export { createActions, type ActionsOptions } from './actions.js';
export {
  ActionRejected,
  isRejection,
  rejectionOf,
  type Rejection,
  type RejectionDetail,
  type RejectionHint,
  type RejectionKind,
} from './rejection.js';
export { editGate, gateAlready, isApprovalGate, SCHEDULE_OWNER_LABEL } from './gate-edit.js';
export { closeNames, didYouMean } from '../present/suggest.js';
