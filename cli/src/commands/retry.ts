import { Args } from '@oclif/core';
import { ActionCommand } from '../lib/action-command.js';
import { EXIT_CODES_HELP } from '../lib/exit-codes.js';

export default class Retry extends ActionCommand {
  static override summary =
    'Retry a failed bake: the version goes back to Deploying; earlier errors no longer count.';
  static override description = EXIT_CODES_HELP;
  static override examples = ['<%= config.bin %> retry my-app'];
  static override args = { rollout: Args.string({ description: 'Rollout name.', required: true }) };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Retry);
    await this.act(flags, args.rollout, (actions, key) => actions.retry(key));
  }
}
