// @kuberik/core/testing: builders shared by the tests of every package (core, CLI, extension,
// black-box tests). Test code only: shipped code never imports it. Builders the product needs too
// (the demo's app) live in core proper, e.g. sampleApp in @kuberik/core/sandbox.
export { publishTag, publishTagThroughApi } from './publish.js';
export {
  FIRST,
  NEXT,
  VIEWER,
  startDrivenCluster,
  type DrivenCluster,
  type DrivenClusterOptions,
  type DrivenClusterServer,
} from './driven-cluster.js';
