// The in-cluster controller: core's driver for every rollout in scope (shared informers per kind,
// shard Leases shared by the replicas), plus probes, Prometheus metrics and JSON logs around it.
import type { Clock, DriverScope } from '../driver/api.js';
import { DEFAULT_SHARDS, type EngineDriver, createDriver } from '../driver/index.js';
import type { Kube } from '../kube/index.js';
import { metricsHandler, probeHandler } from './endpoints.js';
import { createEventLog } from './event-log.js';
import { type HttpEndpoint, defaultListenAddress, parseListenAddress, serveHttp } from './listen.js';
import { type Logger, createJsonLogger } from './logger.js';
import { ControllerMetrics } from './metrics.js';
import { ReadinessTracker } from './readiness.js';
import { Kinds } from '../kube/index.js';

export interface ControllerScope {
  /** One namespace; ignored with allNamespaces. */
  namespace?: string;
  allNamespaces?: boolean;
  /** Label selector over Rollouts, kubectl syntax. */
  labelSelector?: string;
}

export interface ControllerOptions {
  kube: Kube;
  scope: ControllerScope;
  /** Lease holderIdentity: the Pod name in-cluster, `user@host pid` on a laptop. */
  identity: string;
  /** `[host]:port` for /metrics; `false` serves none. Default `:8080` in a Pod, `127.0.0.1:8080` elsewhere. */
  metricsAddr?: string | false;
  /** `[host]:port` for /healthz and /readyz; `false` serves none. Default `:8081` in a Pod, `127.0.0.1:8081` elsewhere. */
  healthAddr?: string | false;
  logger?: Logger;
  clock?: Clock;
  /** Lease timings (spec §2.6: 15 s, renewed every 5 s); tests shorten them. */
  leaseDurationMs?: number;
  renewMs?: number;
  /** How often readiness asks the API server (default 5 s; not ready after 3 missed answers). */
  readinessIntervalMs?: number;
  /** Shard Leases the replicas share (spec §10.7); DEFAULT_SHARDS when absent. */
  shards?: number;
  /** Namespace of the shard Leases; the kubeconfig's (in a Pod: its own) when absent. */
  shardNamespace?: string;
}

export interface Controller {
  /**
   * Resolves once the endpoints listen, every informer has listed and the API server answered (ready);
   * rejects if the driver cannot start. Never resolves while not ready: a caller races it with a signal.
   */
  ready: Promise<void>;
  /** Stops taking work, lets in-flight reconciles finish, releases every held Lease, closes endpoints. */
  stop(): Promise<void>;
  readonly driver: EngineDriver;
  readonly metrics: ControllerMetrics;
  /** Bound `host:port` of the endpoints once `ready` resolved (port 0 asks the OS for one). */
  readonly metricsAddress?: string;
  readonly healthAddress?: string;
}

export function startController(opts: ControllerOptions): Controller {
  const logger = opts.logger ?? createJsonLogger();
  const scope = driverScope(opts.scope);
  // Parse before anything starts, so a bad flag fails fast with nothing to clean up.
  const metricsAt =
    opts.metricsAddr === false
      ? undefined
      : parseListenAddress(opts.metricsAddr ?? defaultListenAddress(8080), 'metrics address');
  const healthAt =
    opts.healthAddr === false
      ? undefined
      : parseListenAddress(opts.healthAddr ?? defaultListenAddress(8081), 'health address');

  const driver = createDriver({
    kube: opts.kube,
    scope,
    // The controller is both the actor of what it records and the Lease holder (the Pod name).
    identity: opts.identity,
    holderIdentity: opts.identity,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.leaseDurationMs ? { leaseDurationMs: opts.leaseDurationMs } : {}),
    ...(opts.renewMs ? { renewMs: opts.renewMs } : {}),
    shards: {
      count: opts.shards ?? DEFAULT_SHARDS,
      ...(opts.shardNamespace ? { namespace: opts.shardNamespace } : {}),
    },
  });
  const metrics = new ControllerMetrics({ stats: () => driver.stats() });
  const eventLog = createEventLog(logger);
  let becameReady: () => void = () => undefined;
  const firstReady = new Promise<void>((resolve) => (becameReady = resolve));
  const readiness = new ReadinessTracker(
    {
      unsynced: () => driver.unsyncedInformers(),
      // A name no rollout can have: 404 is an answer; 401, 403 and no answer are not.
      ping: async () => {
        await opts.kube.find(
          Kinds.Rollout,
          scope.namespace ?? opts.kube.namespace,
          'kuberik-readiness-probe',
        );
      },
      work: () => driver.stats(),
    },
    {
      ...(opts.readinessIntervalMs ? { intervalMs: opts.readinessIntervalMs } : {}),
      onChange: (state) => {
        if (state.ok) {
          logger.info('controller ready');
          becameReady();
        } else if (!stopping) logger.warn('controller not ready', { reason: state.reason });
      },
    },
  );
  const unsubscribe = driver.subscribe((ev) => {
    metrics.onDriverEvent(ev);
    eventLog(ev);
    if (ev.type === 'error' && !ev.key) readiness.noteError(ev.error.message);
  });

  let stopping = false;
  let failed: string | undefined;
  const endpoints: HttpEndpoint[] = [];
  const handle: { -readonly [K in keyof Controller]: Controller[K] } = {
    driver,
    metrics,
    ready: undefined as unknown as Promise<void>,
    stop,
  };

  const probes = probeHandler({
    healthy: () => (failed ? { ok: false, reason: failed } : readiness.healthy()),
    ready: () =>
      stopping
        ? { ok: false, reason: 'shutting down' }
        : failed
          ? { ok: false, reason: failed }
          : readiness.ready(),
  });

  // Probes listen first so the kubelet sees a live (not yet ready) process while lists load.
  const listening = (async () => {
    if (healthAt) {
      const ep = await serveHttp(healthAt, probes);
      endpoints.push(ep);
      handle.healthAddress = ep.address;
    }
    if (metricsAt) {
      const ep = await serveHttp(metricsAt, metricsHandler(metrics.registry));
      endpoints.push(ep);
      handle.metricsAddress = ep.address;
    }
  })();
  handle.ready = (async () => {
    await listening;
    logger.info('controller starting', {
      identity: opts.identity,
      namespace: scope.namespace ?? '(all)',
      shards: opts.shards ?? DEFAULT_SHARDS,
      shardNamespace: opts.shardNamespace ?? opts.kube.namespace,
      labelSelector: scope.labelSelector,
      server: opts.kube.config.server,
      metricsAddr: handle.metricsAddress,
      healthAddr: handle.healthAddress,
    });
    try {
      await driver.start();
    } catch (e) {
      failed = `driver failed to start: ${e instanceof Error ? e.message : String(e)}`;
      throw e;
    }
    // Listed (or tried to): ready only once every informer synced and the API server answers.
    readiness.start();
    await firstReady;
  })();
  // The caller awaits `ready`; avoid an unhandled rejection when it only calls stop().
  handle.ready.catch(() => undefined);
  listening.catch(() => undefined);

  let stopped: Promise<void> | undefined;
  function stop(): Promise<void> {
    stopped ??= (async () => {
      stopping = true;
      readiness.stop();
      const held = driver.snapshots().filter((s) => s.lease.driving).length;
      logger.info('controller stopping: finishing in-flight reconciles and releasing leases', {
        leasesHeld: held,
      });
      try {
        await driver.stop();
      } catch (e) {
        logger.error('driver did not stop cleanly', { error: e });
      }
      unsubscribe();
      // An endpoint still binding when stop() came must not outlive it.
      await listening.catch(() => undefined);
      await Promise.all(endpoints.map((ep) => ep.close()));
      logger.info('controller stopped');
    })();
    return stopped;
  }

  return handle;
}

function driverScope(scope: ControllerScope): DriverScope {
  if (!scope.allNamespaces && !scope.namespace) {
    throw new Error('controller scope needs a namespace or allNamespaces (-n NAMESPACE or -A)');
  }
  return {
    ...(scope.allNamespaces ? {} : { namespace: scope.namespace }),
    ...(scope.labelSelector ? { labelSelector: scope.labelSelector } : {}),
  };
}
