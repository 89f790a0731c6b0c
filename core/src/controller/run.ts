// `kubectl kuberik controller` as a process: load the kubeconfig (in-cluster too), run until
// SIGTERM/SIGINT, then shut down gracefully. Returns the exit code instead of exiting, so the
// CLI decides and tests can call it.
import { DEFAULT_SHARDS, MAX_SHARDS } from '../driver/index.js';
import { KubeError, createKube } from '../kube/index.js';
import { startController } from './controller.js';
import { controllerIdentity } from './identity.js';
import { type Logger, createJsonLogger } from './logger.js';

export interface RunControllerOptions {
  kubeconfig?: string;
  context?: string;
  namespace?: string;
  allNamespaces?: boolean;
  selector?: string;
  metricsAddr?: string;
  healthAddr?: string;
  identity?: string;
  /** Spec §2.6 defaults (15 s, renewed every 5 s); shorter only for tests and experiments. */
  leaseDurationSeconds?: number;
  leaseRenewSeconds?: number;
  /** Per API request (--request-timeout); default 30 s, 0 = none. */
  requestTimeoutMs?: number;
  /** Shard Leases shared by the replicas (spec §10.7); DEFAULT_SHARDS by default. */
  shards?: number;
  /** Namespace of the shard Leases; default the kubeconfig's (in a Pod: its own). */
  leaseNamespace?: string;
  logger?: Logger;
  /** Defaults to process; tests pass an EventEmitter. */
  signals?: Pick<NodeJS.EventEmitter, 'once' | 'off'>;
}

export async function runController(opts: RunControllerOptions): Promise<number> {
  const logger = opts.logger ?? createJsonLogger();
  const signals = opts.signals ?? process;
  let kube;
  try {
    kube = createKube({
      kubeconfig: opts.kubeconfig,
      context: opts.context,
      namespace: opts.namespace,
      ...(opts.requestTimeoutMs !== undefined ? { requestTimeoutMs: opts.requestTimeoutMs } : {}),
    });
  } catch (e) {
    logger.error(e instanceof Error ? e.message : String(e), {
      errorKind: e instanceof KubeError ? e.kind : undefined,
    });
    return 1;
  }
  let controller;
  try {
    controller = startController({
      kube,
      scope: {
        allNamespaces: opts.allNamespaces,
        // Without -n or -A: the kubeconfig's namespace (in-cluster: the Pod's own), like kubectl.
        namespace: opts.allNamespaces ? undefined : kube.namespace,
        labelSelector: opts.selector,
      },
      identity: controllerIdentity(opts.identity),
      metricsAddr: opts.metricsAddr,
      healthAddr: opts.healthAddr,
      ...leaseTimings(opts),
      shards: shardCount(opts.shards),
      ...(opts.leaseNamespace ? { shardNamespace: opts.leaseNamespace } : {}),
      logger,
    });
  } catch (e) {
    logger.error(e instanceof Error ? e.message : String(e));
    kube.close();
    return 1;
  }

  // `once`: a second Ctrl-C finds no listener and Node's default kills the process (an escape hatch).
  const listeners: Array<[string, () => void]> = [];
  const signalled = new Promise<string>((resolve) => {
    for (const name of ['SIGTERM', 'SIGINT']) {
      const fn = (): void => resolve(name);
      listeners.push([name, fn]);
      signals.once(name, fn);
    }
  });

  let code = 0;
  try {
    await Promise.race([controller.ready, signalled]);
  } catch (e) {
    logger.error(`cannot start: ${e instanceof Error ? e.message : String(e)}`, { error: e });
    code = 1;
  }
  if (code === 0) logger.info('signal received, shutting down', { signal: await signalled });
  await controller.stop();
  for (const [name, fn] of listeners) signals.off(name, fn);
  kube.close();
  return code;
}

function shardCount(n: number | undefined): number {
  if (n === undefined) return DEFAULT_SHARDS;
  if (!Number.isInteger(n) || n < 1 || n > MAX_SHARDS) {
    throw new Error(`--shards must be a whole number from 1 to ${MAX_SHARDS} (got ${n})`);
  }
  return n;
}

function leaseTimings(opts: RunControllerOptions): { leaseDurationMs?: number; renewMs?: number } {
  const duration = opts.leaseDurationSeconds;
  const renew = opts.leaseRenewSeconds;
  if (duration !== undefined && !(duration >= 1))
    throw new Error(`lease duration must be at least 1s (got ${duration})`);
  if (renew !== undefined && !(renew > 0))
    throw new Error(`lease renew interval must be positive (got ${renew})`);
  if ((renew ?? 5) >= (duration ?? 15)) {
    throw new Error(
      `lease renew interval (${renew ?? 5}s) must be shorter than the lease duration (${duration ?? 15}s)`,
    );
  }
  return {
    ...(duration !== undefined ? { leaseDurationMs: duration * 1000 } : {}),
    ...(renew !== undefined ? { renewMs: renew * 1000 } : {}),
  };
}
