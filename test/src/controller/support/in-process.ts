// A sandbox with the CRDs and an in-process controller on loopback port 0, with its JSON log captured.
import { PassThrough } from 'node:stream';
import {
  type Controller,
  type ControllerOptions,
  createJsonLogger,
  startController,
} from '@kuberik/core/controller';
import { createKube, type Kube } from '@kuberik/core/kube';
import { allCrds } from '@kuberik/core/model';
import { type Sandbox, type SandboxOptions, startSandbox } from '@kuberik/core/sandbox';

export async function sandboxWithCrds(opts: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ port: 0, crds: allCrds(), ...opts });
}

export interface RunningController {
  controller: Controller;
  kube: Kube;
  /** Parsed JSON log lines so far. */
  log(): Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** Where the controller connects: the sandbox, or a test cluster of either backend (support/backend.ts). */
export interface KubeconfigSource {
  kubeconfig(opts: { token?: string }): string;
}

export function runInProcess(
  sandbox: KubeconfigSource,
  opts: Partial<ControllerOptions> & { identity: string; token?: string },
): RunningController {
  const kube = createKube({ kubeconfigText: sandbox.kubeconfig({ token: opts.token }) });
  const out = new PassThrough();
  let text = '';
  out.on('data', (c: Buffer) => (text += c.toString()));
  const controller = startController({
    kube,
    scope: { allNamespaces: true },
    metricsAddr: '127.0.0.1:0',
    healthAddr: '127.0.0.1:0',
    logger: createJsonLogger({ stream: out, level: 'debug' }),
    ...opts,
  });
  let stopped: Promise<void> | undefined;
  return {
    controller,
    kube,
    log: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    stop: () => (stopped ??= controller.stop().finally(() => kube.close())),
  };
}
