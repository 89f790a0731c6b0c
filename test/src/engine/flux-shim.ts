// The Flux simulator, through @kuberik/core/sandbox once it re-exports it; until then from its folder
// (the same stopgap as test/src/cli/support.ts). Delete this file when the export lands.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sandboxModule from '@kuberik/core/sandbox';
import type { Sandbox } from '@kuberik/core/sandbox';

export interface FluxSimulator {
  publish(policy: { namespace: string; name: string }, tag: string): Promise<void>;
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export type StartFlux = (
  sandbox: Sandbox,
  opts: {
    clock?: { now(): Date; setTimeout(fn: () => void, ms: number): unknown; clearTimeout(h: unknown): void };
    reconcileDelayMs?: number;
    log?: (m: string) => void;
  },
) => FluxSimulator;

export async function loadFluxSimulator(): Promise<StartFlux> {
  const exported = (sandboxModule as unknown as { startFluxSimulator?: StartFlux }).startFluxSimulator;
  if (exported) return exported;
  const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
  const path = join(repo, 'core', 'src', 'sandbox', 'flux', 'index.ts');
  return ((await import(path)) as { startFluxSimulator: StartFlux }).startFluxSimulator;
}
