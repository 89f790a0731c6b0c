// `why`'s arguments and flags as plain data, shared by the command class (through lib/flags.ts) and
// the fast path (fast/why.ts).
import { optionFlag, type ArgSpec } from './flag-spec.js';

export const whyArgSpecs = {
  rollout: { description: 'Rollout name.', required: true, ignoreStdin: true } satisfies ArgSpec,
  version: {
    description: 'Version (tag); default: the pending version.',
    ignoreStdin: true,
  } satisfies ArgSpec,
};

export const whyFlagSpecs = {
  output: optionFlag({
    char: 'o',
    summary: 'Output format.',
    options: ['text', 'json', 'yaml'],
    default: 'text',
  }),
};
