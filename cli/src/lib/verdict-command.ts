// approve and deny share everything but the verb.
import { Args, Flags } from '@oclif/core';
import { ActionCommand } from './action-command.js';

export abstract class VerdictCommand extends ActionCommand {
  static override args = {
    rollout: Args.string({ description: 'Rollout name.', required: true }),
    version: Args.string({ description: 'Version (tag); default: the pending version.' }),
  };
  static override flags = {
    ...ActionCommand.flags,
    gate: Flags.string({
      summary: 'Only this RolloutGate (default: every approval gate that holds the version).',
    }),
  };

  protected async verdict(verb: 'approve' | 'deny'): Promise<void> {
    const { args, flags } = await this.parse(this.constructor as typeof VerdictCommand);
    const { approveWarning, denyWarning, stillHeld } = await import('../format/guard-rails.js');
    const where = flags.gate ? `gate ${flags.gate}` : 'every approval gate that holds it';
    await this.perform(flags, args.rollout!, {
      request: { action: verb, version: args.version, gate: flags.gate, message: flags.message },
      confirm: ({ rollout, version = '' }) =>
        verb === 'approve'
          ? {
              question: `Approve ${version} of ${args.rollout} on ${where}?`,
              warning: approveWarning(rollout, version),
            }
          : {
              question: `Deny ${version} of ${args.rollout} on ${where}? It will not be deployed automatically.`,
              warning: denyWarning(rollout, version),
            },
      after: ({ rollout, version = '' }) =>
        verb === 'approve' ? stillHeld(rollout, version, new Date()) : undefined,
    });
  }
}
