// The fast path's `get` (and `list`): its own bundle, dist/fast-path/get.cjs (fast/command.ts).
import { getArgSpecs, getFlagSpecs } from '../lib/get-spec.js';
import { runGet } from '../services/get-command.js';
import { runFast } from './command.js';

export const fastCommand = (argv: string[]): Promise<boolean> =>
  runFast({ args: getArgSpecs, flags: getFlagSpecs, run: runGet as never }, argv);
