// startFluxSimulator(): the image reflector and the kustomize reconciler, running against a sandbox's
// in-process store or (startFluxSimulatorOverApi) against any API server through an informer cache.
// Everything timed goes through the injected clock; stop() cancels all of it.
import type { Kube } from '../../kube/index.js';
import type { SandboxStore } from '../types.js';
import { ApiFluxStore } from './api-store.js';
import { systemClock, type SimulatorClock } from './clock.js';
import { ImageReflector, type PolicyRef } from './image-reflector.js';
import { DEFAULT_RECONCILE_DELAY_MS, KustomizeReconciler } from './kustomize-reconciler.js';
import { OCIRepositoryReconciler } from './oci-reconciler.js';
import type { FluxStore } from './store.js';

export interface FluxSimulatorOptions {
  /** Defaults to the wall clock. */
  now?: () => Date;
  setTimeout?: SimulatorClock['setTimeout'];
  clearTimeout?: SimulatorClock['clearTimeout'];
  /** Or all three at once (a fake clock in tests). */
  clock?: SimulatorClock;
  /** Delay from a Kustomization spec change to its outcome, unless annotated (default 3000). */
  reconcileDelayMs?: number;
  /** Where problems with odd input are reported (default console.warn). */
  log?: (message: string) => void;
  /** Over the API only: reconcile just these namespaces (default: every namespace). */
  namespaces?: string[];
}

export interface FluxSimulator {
  /** Moves the ImagePolicy to `tag` now (status.latestRef). */
  publish(policy: PolicyRef, tag: string): Promise<void>;
  /** Resolves once every observed change has been handled (timers still pending are not waited for). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export function startFluxSimulator(
  sandbox: { store: FluxStore },
  opts: FluxSimulatorOptions = {},
): FluxSimulator {
  const base = opts.clock ?? systemClock;
  const clock: SimulatorClock = {
    now: opts.now ?? (() => base.now()),
    setTimeout: opts.setTimeout ?? ((fn, ms) => base.setTimeout(fn, ms)),
    clearTimeout: opts.clearTimeout ?? ((h) => base.clearTimeout(h)),
  };
  const log = opts.log ?? ((message: string) => console.warn(message));
  const images = new ImageReflector(sandbox.store, clock, log);
  const kustomizations = new KustomizeReconciler(
    sandbox.store,
    clock,
    opts.reconcileDelayMs ?? DEFAULT_RECONCILE_DELAY_MS,
    log,
  );
  const oci = new OCIRepositoryReconciler(
    sandbox.store,
    clock,
    opts.reconcileDelayMs ?? DEFAULT_RECONCILE_DELAY_MS,
    log,
  );
  images.start();
  kustomizations.start();
  oci.start();
  let stopped = false;

  return {
    async publish(policy, tag) {
      if (stopped) throw new Error('the flux simulator is stopped');
      images.publish(policy, tag);
    },
    async settled() {
      await Promise.all([images.settled(), kustomizations.settled(), oci.settled()]);
      await sandbox.store.flushed?.();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      images.stop();
      kustomizations.stop();
      oci.stop();
      await Promise.all([images.settled(), kustomizations.settled(), oci.settled()]);
      await sandbox.store.flushed?.();
    },
  };
}

/**
 * The same simulator as an ordinary API client of any server (a real kube-apiserver in tests):
 * it lists and watches ImagePolicies, ImageRepositories and Kustomizations with `kube`'s identity
 * and writes their statuses with merge patches. Resolves once the first lists are done.
 */
export async function startFluxSimulatorOverApi(
  kube: Kube,
  opts: FluxSimulatorOptions = {},
): Promise<FluxSimulator> {
  const log = opts.log ?? ((message: string) => console.warn(message));
  const store = new ApiFluxStore(kube, log, opts.namespaces);
  await store.start();
  const sim = startFluxSimulator({ store }, { ...opts, log });
  return {
    publish: (policy, tag) => sim.publish(policy, tag),
    settled: () => sim.settled(),
    async stop() {
      await sim.stop();
      store.stop();
    },
  };
}

/** For `npm run sandbox -- --simulate-flux`: a sandbox plugin whose stop function stops the simulator. */
export const fluxSimulatorPlugin =
  (opts: FluxSimulatorOptions = {}) =>
  async (sandbox: { store: SandboxStore }): Promise<() => Promise<void>> => {
    const sim = startFluxSimulator(sandbox, opts);
    return () => sim.stop();
  };
