import { VerdictCommand } from '../lib/verdict-command.js';
import { CLUSTER_EXIT_CODES_HELP } from '../lib/exit-codes.js';

export default class Deny extends VerdictCommand {
  static override summary = 'Deny a version: it is rejected and never deployed automatically.';
  static override description = `Adds the version to each approval gate's spec.deniedVersions (and removes it from allowedVersions);
the rollout marks it Rejected. Prompts for confirmation on a terminal; pass --yes in scripts.
Warns before denying the live version; off a terminal that needs --yes.

${CLUSTER_EXIT_CODES_HELP}`;
  static override examples = ['<%= config.bin %> deny my-app v1.3.0 -m "breaks checkout" --yes'];

  // oclif copies only a command's own statics when parsing, so args are restated here.
  static override args = VerdictCommand.args;

  async run(): Promise<void> {
    await this.verdict('deny');
  }
}
