// The fast path's `why`: its own bundle, dist/fast-path/why.cjs (fast/command.ts), since only `why`
// needs the engine and the driver (its deploy check).
import { whyArgSpecs, whyFlagSpecs } from '../lib/why-spec.js';
import { runWhy } from '../services/why-command.js';
import { runFast } from './command.js';

export const fastCommand = (argv: string[]): Promise<boolean> =>
  runFast({ args: whyArgSpecs, flags: whyFlagSpecs, run: runWhy as never }, argv);
