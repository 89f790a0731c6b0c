// @kuberik/core/controller — the headless engine for every rollout in scope (`kubectl kuberik controller`).
export {
  startController,
  type Controller,
  type ControllerOptions,
  type ControllerScope,
} from './controller.js';
export { runController, type RunControllerOptions } from './run.js';
export { controllerIdentity } from './identity.js';
export { createJsonLogger, parseLogLevel, type Logger, type LogLevel, type LogFields } from './logger.js';
export { defaultListenAddress, parseListenAddress } from './listen.js';
export { ControllerMetrics } from './metrics.js';
