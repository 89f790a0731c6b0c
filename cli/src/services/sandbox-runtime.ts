// A sandbox with simulated Flux and (unless asked not to) the controller running inside, like a
// cluster with kuberik installed (spec §10.8); optionally with the demo app. What `sandbox` and `demo` run.
import type { Logger } from '@kuberik/core/controller';
import type { Sandbox } from '@kuberik/core/sandbox';
import { demoTimings, seedDemoApp, DEMO, type DemoTimings } from './demo-app.js';

/** The part of core's startFluxSimulator this file uses. */
export type StartFlux = (
  sandbox: Sandbox,
  opts: { reconcileDelayMs?: number; log?: (message: string) => void },
) => {
  publish(policy: { namespace: string; name: string }, tag: string): Promise<void>;
  stop(): Promise<void>;
};

export interface SandboxRuntime {
  sandbox: Sandbox;
  publish(tag: string): Promise<void>;
  timings: DemoTimings;
  close(): Promise<void>;
}

export interface SandboxRuntimeOptions {
  port?: number;
  dataFile?: string;
  demo: boolean;
  pace?: number;
  /** Where the simulator reports odd input (default: nowhere, so the TUI stays clean). */
  log?: (message: string) => void;
  /** The Flux simulator to start (default: core's, from @kuberik/core/sandbox). */
  startFlux?: StartFlux;
  /** Run the controller inside, driving every rollout (default true; `--no-controller` says false). */
  controller?: boolean;
  /** Where the in-sandbox controller logs (default: errors only, to stderr). */
  controllerLogger?: Logger;
}

/** The identity the in-sandbox controller records and holds Leases as. */
export const SANDBOX_CONTROLLER = 'kuberik-controller (sandbox)';

export async function startSandboxRuntime(o: SandboxRuntimeOptions): Promise<SandboxRuntime> {
  const [sandboxModule, { allCrds }] = await Promise.all([
    import('@kuberik/core/sandbox'),
    import('@kuberik/core/model'),
  ]);
  const { startSandbox } = sandboxModule;
  const startFluxSimulator: StartFlux = o.startFlux ?? sandboxModule.startFluxSimulator;

  const sandbox = await startSandbox({
    port: o.port ?? 0,
    host: '127.0.0.1',
    crds: allCrds() as object[],
    ...(o.dataFile ? { dataFile: o.dataFile } : {}),
  });
  const timings = demoTimings(o.pace ?? 1);
  const flux = startFluxSimulator(sandbox, {
    reconcileDelayMs: timings.reconcileMs,
    log: o.log ?? (() => undefined),
  });
  if (o.demo && !sandbox.store.get('kuberik.com/v1alpha1', 'Rollout', DEMO.rollout, DEMO.namespace)) {
    seedDemoApp(sandbox.store, new Date(), timings);
  }
  const controller =
    o.controller === false ? undefined : await startInsideController(sandbox, o.controllerLogger);
  return {
    sandbox,
    timings,
    publish: (tag) => flux.publish({ namespace: DEMO.namespace, name: DEMO.rollout }, tag),
    close: async () => {
      // The controller first: it releases its Leases while the API server still answers.
      await controller?.stop();
      await flux.stop();
      await sandbox.close();
    },
  };
}

/** The same controller `kubectl kuberik controller -A` runs, in this process, without endpoints. */
async function startInsideController(sandbox: Sandbox, logger?: Logger): Promise<{ stop(): Promise<void> }> {
  const [{ startController, createJsonLogger }, { createKube }] = await Promise.all([
    import('@kuberik/core/controller'),
    import('@kuberik/core/kube'),
  ]);
  const kube = createKube({ kubeconfigText: sandbox.kubeconfig() });
  const controller = startController({
    kube,
    scope: { allNamespaces: true },
    identity: SANDBOX_CONTROLLER,
    metricsAddr: false,
    healthAddr: false,
    logger: logger ?? createJsonLogger({ level: 'error', stream: process.stderr }),
  });
  try {
    await controller.ready;
  } catch (e) {
    await controller.stop();
    kube.close();
    throw e;
  }
  return {
    stop: async () => {
      await controller.stop();
      kube.close();
    },
  };
}
