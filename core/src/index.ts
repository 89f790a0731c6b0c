// The light entry point: the resource model only. The pure engine is @kuberik/core/engine, Kubernetes
// I/O @kuberik/core/kube and the driver @kuberik/core/driver, so cheap commands never load client-node.
export * from './model/index.js';
