// `why`'s arguments and flags, shared by the command class and the fast path (fast/command.ts).
import * as Args from '@oclif/core/args';
import * as Flags from '@oclif/core/flags';

export const whyArgs = {
  rollout: Args.string({ description: 'Rollout name.', required: true }),
  version: Args.string({ description: 'Version (tag); default: the pending version.' }),
};

export const whyFlags = {
  output: Flags.string({
    char: 'o',
    summary: 'Output format.',
    options: ['text', 'json', 'yaml'],
    default: 'text',
  }),
};
