// Who holds the Leases. In a Pod the name is unique and is what `kubectl get lease` should show;
// on a laptop it is `user@host pid` like the CLI's watch, so the two never mistake each other.
import { hostname, userInfo } from 'node:os';

export function controllerIdentity(
  flag: string | undefined,
  env: Record<string, string | undefined> = process.env,
): string {
  if (flag?.trim()) return flag.trim();
  if (env.POD_NAME) return env.POD_NAME;
  // HOSTNAME is the Pod name inside Kubernetes; elsewhere it may be anything, so only trust it there.
  if (env.KUBERNETES_SERVICE_HOST && env.HOSTNAME) return env.HOSTNAME;
  let user = 'controller';
  try {
    user = userInfo().username || user;
  } catch {
    // no passwd entry (arbitrary UID in a container): keep the default
  }
  return `${user}@${hostname()} ${process.pid}`;
}
