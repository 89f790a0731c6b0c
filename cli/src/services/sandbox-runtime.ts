// A sandbox with simulated Flux, optionally with the demo app: what `sandbox` and `demo` run.
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
}

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
  return {
    sandbox,
    timings,
    publish: (tag) => flux.publish({ namespace: DEMO.namespace, name: DEMO.rollout }, tag),
    close: async () => {
      await flux.stop();
      await sandbox.close();
    },
  };
}
