// `get`'s arguments and flags as plain data (flag-spec.ts): the command class turns them into oclif's
// (lib/flags.ts) and the fast path (fast/get.ts) parses argv with them without loading oclif.
import { booleanFlag, listFlagSpecs, outputFlagSpec, type ArgSpec } from './flag-spec.js';

export const getArgSpecs = {
  rollout: {
    description: 'Rollout name (default: all in the namespace).',
    ignoreStdin: true,
  } satisfies ArgSpec,
};

export const getFlagSpecs = {
  ...listFlagSpecs,
  ...outputFlagSpec,
  'show-managed-fields': booleanFlag({
    summary: 'With -o json/yaml: keep metadata.managedFields (left out by default, as kubectl does).',
  }),
};
