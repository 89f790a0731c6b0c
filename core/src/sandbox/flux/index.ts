// The Flux simulator: fake image-reflector and kustomize controllers for the sandbox (issue 3 item 5).
export {
  startFluxSimulator,
  startFluxSimulatorOverApi,
  fluxSimulatorPlugin,
  type FluxSimulator,
  type FluxSimulatorOptions,
} from './simulator.js';
export { SimAnnotations } from './annotations.js';
export type { FluxStore } from './store.js';
export type { SimulatorClock } from './clock.js';
export type { PolicyRef } from './image-reflector.js';
export { fakeDigest } from './digest.js';
