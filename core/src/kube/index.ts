// @kuberik/core/kube — the only code that talks to an API server.
export * from './errors.js';
export * from './kinds.js';
export { loadKubeConfig, type KubeConfigOptions, type LoadedKubeConfig } from './config.js';
export {
  createKube,
  FIELD_MANAGER,
  type Kube,
  type ListOptions,
  type ObjectList,
  type PatchOptions,
  type WatchEvent,
  type WatchOptions,
} from './client.js';
export { Informer, isNewer, objectKey, type InformerHandlers, type InformerOptions } from './informer.js';
export { whoAmI, holderIdentity } from './identity.js';
export { canI, type AccessAnswer } from './access.js';
export { EventRecorder, EVENT_COMPONENT, type EventInput, type InvolvedObject } from './events.js';
export type { TransportStats } from './transport.js';
