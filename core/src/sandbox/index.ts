// @kuberik/core/sandbox: an in-memory Kubernetes API server that real kubectl and client-node accept.
export { startSandbox } from './sandbox.js';
export { kubeconfigYaml } from './kubeconfig.js';
export { sampleApp, type SampleAppOptions } from './sample-app.js';
export {
  startFluxSimulator,
  startFluxSimulatorOverApi,
  fluxSimulatorPlugin,
  SimAnnotations,
  fakeDigest,
} from './flux/index.js';
export type {
  FluxStore,
  FluxSimulator,
  FluxSimulatorOptions,
  SimulatorClock,
  PolicyRef,
} from './flux/index.js';
export type {
  KubeconfigOptions,
  ListOptions,
  ManagedFieldsEntry,
  ObjectMeta,
  PolicyRule,
  RequestLogEntry,
  Sandbox,
  SandboxFaults,
  SandboxOptions,
  SandboxStore,
  SandboxUser,
  StoredObject,
  WatchEventType,
} from './types.js';
