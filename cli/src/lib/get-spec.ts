// `get`'s arguments and flags, in a module of their own: the command class and the fast path
// (fast/get.ts, which parses argv with oclif's parser without loading the rest of oclif) share them.
import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';
import { listFlags, outputFlag } from './flags.js';

export const getArgs = {
  rollout: Args.string({ description: 'Rollout name (default: all in the namespace).' }),
};

export const getFlags = {
  ...listFlags,
  ...outputFlag,
  'show-managed-fields': Flags.boolean({
    summary: 'With -o json/yaml: keep metadata.managedFields (left out by default, as kubectl does).',
  }),
};
