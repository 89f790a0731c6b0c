// A real in-process sandbox with every CRD installed, a fake clock and a simulator on top.
import { allCrds } from '../../../model/crds.js';
import type { Condition } from '../../../model/meta.js';
import { startSandbox } from '../../index.js';
import type { Sandbox, StoredObject } from '../../types.js';
import { startFluxSimulator, type FluxSimulator, type FluxSimulatorOptions } from '../simulator.js';
import { FakeClock } from './fake-clock.js';

export interface Harness {
  sandbox: Sandbox;
  clock: FakeClock;
  sim: FluxSimulator;
  logs: string[];
  /** Advances the fake clock, then lets the simulator handle what that caused. */
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(opts: FluxSimulatorOptions = {}): Promise<Harness> {
  const sandbox = await startSandbox({ crds: allCrds() });
  const clock = new FakeClock();
  const logs: string[] = [];
  const sim = startFluxSimulator(sandbox, { clock, log: (m) => logs.push(m), ...opts });
  return {
    sandbox,
    clock,
    sim,
    logs,
    async advance(ms) {
      await sim.settled();
      clock.advance(ms);
      await sim.settled();
    },
    async close() {
      await sim.stop();
      await sandbox.close();
    },
  };
}

export const ready = (obj: StoredObject | undefined): Condition | undefined =>
  ((obj?.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).find(
    (c) => c.type === 'Ready',
  );
