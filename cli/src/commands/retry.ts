import { Args } from '@oclif/core';
import { ActionCommand } from '../lib/action-command.js';
import { CLUSTER_EXIT_CODES_HELP } from '../lib/exit-codes.js';

export default class Retry extends ActionCommand {
  static override summary =
    'Retry a failed bake: the version goes back to Deploying; earlier errors no longer count.';
  static override description = `A retry the rollout cannot carry out now (nothing failed, invalid spec) is refused before anything
is written. After writing, the command waits (--wait) for whoever drives the rollout and prints what
happened — or that nothing drives it.

${CLUSTER_EXIT_CODES_HELP}`;
  static override examples = ['<%= config.bin %> retry my-app'];
  static override args = { rollout: Args.string({ description: 'Rollout name.', required: true }) };
  static override flags = { ...ActionCommand.flags, ...ActionCommand.waitFlag };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Retry);
    const { retryExpectation } = await import('../services/request-outcome.js');
    await this.perform(flags, args.rollout, {
      request: { action: 'retry' },
      expect: ({ version = '' }) => retryExpectation(version),
    });
  }
}
