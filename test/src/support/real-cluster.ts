// The real control plane for tests (docs/real-cluster.md): startRealCluster() gives a handle shaped
// like startSandbox()'s, without the sandbox-only store, faults and request log.
export {
  ADMIN_TOKEN,
  DEFAULT_USERS,
  startRealCluster,
  type RbacRule,
  type RealCluster,
  type RealClusterOptions,
  type RealKubeconfigOptions,
  type RealUser,
} from '../real-cluster/cluster.js';
export { ensureControlPlane, type ControlPlane } from '../real-cluster/build.js';
