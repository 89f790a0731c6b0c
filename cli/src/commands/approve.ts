import { VerdictCommand } from '../lib/verdict-command.js';
import { CLUSTER_EXIT_CODES_HELP } from '../lib/exit-codes.js';

export default class Approve extends VerdictCommand {
  static override summary = 'Approve a version on the approval gates that hold it.';
  static override description = `Adds the version to each RolloutGate's spec.allowedVersions (and removes it from deniedVersions),
records who and why as an Event on the rollout. Gates owned by a schedule are refused.
Prompts for confirmation on a terminal; pass --yes in scripts.
Warns before approving a version older than the live one (it would not deploy it); off a
terminal that needs --yes. Says when a schedule still holds the version after approval.

${CLUSTER_EXIT_CODES_HELP}`;
  static override examples = [
    '<%= config.bin %> approve my-app',
    '<%= config.bin %> approve my-app v1.3.0 --gate production-approval -m "QA signed off" --yes',
  ];

  // oclif copies only a command's own statics when parsing, so args are restated here.
  static override args = VerdictCommand.args;

  async run(): Promise<void> {
    await this.verdict('approve');
  }
}
