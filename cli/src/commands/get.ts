import { KuberikCommand } from '../lib/base-command.js';
import { CLUSTER_EXIT_CODES_HELP } from '../lib/exit-codes.js';
import { oclifArgs, oclifFlags } from '../lib/flags.js';
import { getArgSpecs, getFlagSpecs } from '../lib/get-spec.js';

export default class Get extends KuberikCommand {
  static override summary = 'List rollouts: current and pending version, phase, gates, health, bake, age.';
  static override description = `With ROLLOUT, shows that one rollout (exit code 2 when it does not exist).
Columns: NAME, CURRENT, PENDING, PHASE, GATES (approved/total), HEALTH, BAKE (remaining),
DRIVER (who holds the rollout's lease and reconciles it; <none> means nothing does, and a note says
how to start one), AGE; -o wide adds MESSAGE (recovery mode, a blocking condition or the last deploy).

${CLUSTER_EXIT_CODES_HELP}`;
  // `list` works, but help lists the command once.
  static override hiddenAliases = ['list'];
  static override examples = [
    '<%= config.bin %> get',
    '<%= config.bin %> get -A -l team=payments -o wide',
    '<%= config.bin %> get my-app -o json',
  ];
  static override args = oclifArgs(getArgSpecs);
  static override flags = oclifFlags(getFlagSpecs);

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Get);
    const { runGet } = await import('../services/get-command.js');
    this.done(await runGet({ args, flags }, { out: (text) => this.out(text), painter: this.painter }));
  }
}
