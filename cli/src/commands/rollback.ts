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
    const { openSession } = await import('../services/session.js');
    const { observeOne } = await import('../services/rollouts.js');
    const { openActions, requireRelease } = await import('../services/actions.js');
    const { pinExpectation } = await import('../services/request-outcome.js');
    await this.waitMs(flags.wait);
    const session = await openSession(flags);
    const { snapshot, observation } = await observeOne(session, args.rollout, flags.namespace);
    try {
      const rollout = snapshot.rollout;
      if (flags.to) requireRelease(rollout, flags.to);
      const current = rollout.status?.currentVersion;
      const previous =
        flags.to ??
        rollout.status?.history?.find((h) => h.bakeStatus === 'Succeeded' && h.version.tag !== current)
          ?.version.tag;
      const question = previous
        ? `Roll ${args.rollout} back to ${previous} (a pin: automation stops until unpinned)?`
        : `Roll ${args.rollout} back?`;
      const { rollbackWarning } = await import('../format/guard-rails.js');
      const warning = previous ? rollbackWarning(rollout, previous) : undefined;
      if (!(await this.guarded(flags.yes, warning, question))) this.cancelled();
      const actions = await openActions(session);
      const result = await actions.rollback(snapshot.key, { to: flags.to, message: flags.message });
      const expect = pinExpectation(result.version ?? previous ?? '');
      await this.reportOutcome(flags, session.kube, observation, snapshot.key, rollout, result, expect);
    } finally {
      await observation.driver.stop();
    }
  }
}
