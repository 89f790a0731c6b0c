import { Args } from '@oclif/core';
import { KuberikCommand } from '../lib/base-command.js';
import { CLUSTER_EXIT_CODES_HELP } from '../lib/exit-codes.js';
import { outputFlag, type OutputFormat } from '../lib/flags.js';

export default class History extends KuberikCommand {
  static override summary = "Show a rollout's deployments: who deployed what, how its bake went.";
  static override description = `Columns: ID, VERSION, RESULT, STARTED, DURATION, BY, REASON. Newest first.
DURATION is how long the bake ran (start to end, or so far while baking), the same number the
watch screen and the editor show. REASON is what a person said with -m when deploying, rolling back,
approving or denying that version; for a failed bake without one, the failing health checks.
-o wide adds MESSAGE (the controller's message for the deploy and its bake).

${CLUSTER_EXIT_CODES_HELP}`;
  static override examples = ['<%= config.bin %> history my-app', '<%= config.bin %> history my-app -o json'];
  static override args = { rollout: Args.string({ description: 'Rollout name.', required: true }) };
  static override flags = { ...outputFlag };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(History);
    const { openSession } = await import('../services/session.js');
    const { readRollout } = await import('../services/read-rollout.js');
    const session = await openSession(flags);
    const rollout = await readRollout(session, args.rollout, flags.namespace);
    const history = rollout.status?.history ?? [];
    const output = flags.output as OutputFormat;
    if (output === 'table' || output === 'wide') {
      if (history.length === 0) {
        process.stderr.write(`No deployments yet.\n`);
        this.done();
      }
      const { renderHistoryTable } = await import('../format/history-table.js');
      const { historyView } = await import('../format/view.js');
      const { readVerdicts } = await import('../services/gate-decisions.js');
      const key = { namespace: rollout.metadata.namespace ?? session.namespace, name: args.rollout };
      const verdicts = await readVerdicts(session, key);
      const now = new Date();
      const views = history.map((h) => historyView(h, now, verdicts));
      this.out(renderHistoryTable(views, { painter: this.painter, now, wide: output === 'wide' }));
    } else if (output === 'name') {
      this.out(history.map((h) => `${args.rollout}/${h.version.tag}`).join('\n'));
    } else {
      const { renderMachine } = await import('../format/output.js');
      this.out(await renderMachine(output, history));
    }
    this.done();
  }
}
