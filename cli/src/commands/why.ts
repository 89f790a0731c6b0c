import { KuberikCommand } from '../lib/base-command.js';
import { CLUSTER_EXIT_CODES_HELP } from '../lib/exit-codes.js';
import { oclifArgs, oclifFlags } from '../lib/flags.js';
import { whyArgSpecs, whyFlagSpecs } from '../lib/why-spec.js';

export default class Why extends KuberikCommand {
  static override summary = 'Explain why a version is not live yet, and print the command that unblocks it.';
  static override description = `Walks the lifecycle in order — known to the ImagePolicy? pinned elsewhere? rejected? failed before?
older than the live one? skipped for a newer one? waiting for the current bake? blocked by a failed bake?
held by a gate or schedule? environment unhealthy? nobody driving? — and stops at the first cause.
VERSION defaults to the pending version.

${CLUSTER_EXIT_CODES_HELP}`;
  static override examples = ['<%= config.bin %> why my-app', '<%= config.bin %> why my-app v1.4.2 -o json'];
  static override args = oclifArgs(whyArgSpecs);
  static override flags = oclifFlags(whyFlagSpecs);

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Why);
    const { runWhy } = await import('../services/why-command.js');
    this.done(await runWhy({ args, flags }, { out: (text) => this.out(text), painter: this.painter }));
  }
}
