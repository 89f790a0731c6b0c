import { Args, Flags } from '@oclif/core';
import { KuberikCommand } from '../lib/base-command.js';
import { CLUSTER_EXIT_CODES_HELP } from '../lib/exit-codes.js';
import { listFlags, outputFlag, type OutputFormat } from '../lib/flags.js';

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
  static override args = {
    rollout: Args.string({ description: 'Rollout name (default: all in the namespace).' }),
  };
  static override flags = {
    ...listFlags,
    ...outputFlag,
    'show-managed-fields': Flags.boolean({
      summary: 'With -o json/yaml: keep metadata.managedFields (left out by default, as kubectl does).',
    }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Get);
    const { openSession } = await import('../services/session.js');
    const { readRollouts } = await import('../services/read-rollouts.js');
    const { fatalReadError, rolloutNotFound } = await import('../services/rollouts.js');
    const session = await openSession(flags);
    const output = flags.output as OutputFormat;
    const namespace =
      flags['all-namespaces'] && !args.rollout ? undefined : (flags.namespace ?? session.namespace);
    const { snapshots, errors } = await readRollouts(session, {
      namespace,
      name: args.rollout,
      selector: args.rollout ? undefined : flags.selector,
      gates: output === 'wide',
      rolloutsOnly: output !== 'table' && output !== 'wide',
    });
    if (snapshots.length === 0) {
      const fatal = fatalReadError({ errors });
      if (fatal) throw fatal;
      if (args.rollout) throw await rolloutNotFound(session, args.rollout, namespace!);
    }
    if (output === 'table' || output === 'wide') {
      if (snapshots.length === 0) {
        const where = flags['all-namespaces']
          ? 'any namespace'
          : `namespace ${flags.namespace ?? session.namespace}`;
        process.stderr.write(`No rollouts found in ${where}.\n`);
        this.done();
      }
      const { recoveryNotes, renderRolloutTable, undrivenFootnote } = await import('../format/get-table.js');
      this.out(
        renderRolloutTable(snapshots, {
          wide: output === 'wide',
          allNamespaces: flags['all-namespaces'],
          painter: this.painter,
          now: new Date(),
        }),
      );
      const notes = [...recoveryNotes(snapshots), undrivenFootnote(snapshots)].filter(Boolean);
      if (notes.length) process.stderr.write(`\n${notes.join('\n')}\n`);
    } else {
      const { asList, renderMachine } = await import('../format/output.js');
      const { withoutManagedFields } = await import('../format/output.js');
      const objects = snapshots.map((s) =>
        flags['show-managed-fields'] ? s.rollout : withoutManagedFields(s.rollout),
      );
      this.out(await renderMachine(output, args.rollout ? objects[0] : asList(objects)));
    }
    this.done();
  }
}
