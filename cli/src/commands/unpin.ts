import { Args } from '@oclif/core';
import { ActionCommand } from '../lib/action-command.js';
import { CLUSTER_EXIT_CODES_HELP } from '../lib/exit-codes.js';

export default class Unpin extends ActionCommand {
  static override summary = 'Remove the pin (spec.wantedVersion): automatic deploys resume.';
  static override description = CLUSTER_EXIT_CODES_HELP;
  static override examples = ['<%= config.bin %> unpin my-app'];
  static override args = { rollout: Args.string({ description: 'Rollout name.', required: true }) };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Unpin);
    await this.perform(flags, args.rollout, { request: { action: 'unpin' } });
  }
}
