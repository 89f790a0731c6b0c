// The light entry point: the model and the pure engine. Kubernetes I/O lives under @kuberik/core/kube,
// the driver under @kuberik/core/driver, so cheap commands never load client-node.
export * from './model/index.js';
