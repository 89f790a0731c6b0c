export * from './meta.js';
export * from './rollout.js';
export * from './gate.js';
export * from './healthcheck.js';
export * from './flux.js';
export * from './annotations.js';
