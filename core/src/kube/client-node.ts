// The one thing the kube layer takes from client-node: its KubeConfig, for exec and auth-provider
// users only (kube-auth.ts imports this lazily). A module of its own so the CLI's fast-path bundles
// keep client-node (~0.5 MB) in a separate file and load it only for those users (cli/scripts/bundle.mjs).
export { KubeConfig } from '@kubernetes/client-node';
