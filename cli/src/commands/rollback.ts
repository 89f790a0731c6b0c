import { Args, Flags } from '@oclif/core';
import { ActionCommand } from '../lib/action-command.js';
import { CLUSTER_EXIT_CODES_HELP } from '../lib/exit-codes.js';

export default class Rollback extends ActionCommand {
  static override summary = 'Pin the previous succeeded version (or --to VERSION).';
  static override description = `A rollback is a pin (spec.wantedVersion): automation stays off until \`unpin\`.
Prompts for confirmation on a terminal; pass --yes in scripts.
Warns before rolling back to a version that never ran, failed or was rejected; off a terminal
that needs --yes.

${CLUSTER_EXIT_CODES_HELP}`;
  static override examples = [
    '<%= config.bin %> rollback my-app',
    '<%= config.bin %> rollback my-app --to v1.1.0 -m "v1.2 leaks memory" --yes',
  ];
  static override args = { rollout: Args.string({ description: 'Rollout name.', required: true }) };
  static override flags = {
    ...ActionCommand.flags,
    ...ActionCommand.waitFlag,
    to: Flags.string({ summary: 'The version to go back to (default: the previous succeeded one).' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Rollback);
    const { pinExpectation } = await import('../services/request-outcome.js');
    const { rollbackWarning } = await import('../format/guard-rails.js');
    await this.perform(flags, args.rollout, {
      request: { action: 'rollback', to: flags.to, message: flags.message },
      confirm: ({ rollout, version = '' }) => ({
        question: `Roll ${args.rollout} back to ${version} (a pin: automation stops until unpinned)?`,
        warning: rollbackWarning(rollout, version),
      }),
      expect: ({ version = '' }) => pinExpectation(version),
    });
  }
}
