import { Args, Flags } from '@oclif/core';
import { ActionCommand } from '../lib/action-command.js';
import { EXIT_CODES_HELP } from '../lib/exit-codes.js';

export default class Deploy extends ActionCommand {
  static override summary = 'Deploy a version now, skipping gates (one-shot), or pin it with --pin.';
  static override description = `Without --pin: sets the rollout.kuberik.com/force-deploy annotation; the version must be a known release.
With --pin: sets spec.wantedVersion; automatic deploys stop until \`unpin\`.
Prompts for confirmation on a terminal; pass --yes in scripts.

${EXIT_CODES_HELP}`;
  static override examples = [
    '<%= config.bin %> deploy my-app v1.3.0 -m "hotfix"',
    '<%= config.bin %> deploy my-app v1.2.0 --pin --yes',
  ];
  static override args = {
    rollout: Args.string({ description: 'Rollout name.', required: true }),
    version: Args.string({ description: 'Version (tag) to deploy.', required: true }),
  };
  static override flags = {
    ...ActionCommand.flags,
    pin: Flags.boolean({ summary: 'Pin (spec.wantedVersion) instead of a one-shot deploy.' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Deploy);
    const { openSession } = await import('../services/session.js');
    const { readRollout } = await import('../services/read-rollout.js');
    const { openActions, requireRelease } = await import('../services/actions.js');
    const session = await openSession(flags);
    const rollout = await readRollout(session, args.rollout, flags.namespace);
    if (!flags.pin) requireRelease(rollout, args.version);
    const question = flags.pin
      ? `Pin ${args.rollout} to ${args.version}? Automatic deploys stop until unpinned.`
      : `Deploy ${args.version} to ${args.rollout} now, skipping gates?`;
    if (!(await this.confirmed(flags.yes, question))) this.cancelled();
    const actions = await openActions(session);
    const key = { namespace: rollout.metadata.namespace ?? session.namespace, name: args.rollout };
    const result = flags.pin
      ? await actions.pin(key, args.version, { message: flags.message })
      : await actions.deploy(key, args.version, { message: flags.message });
    await this.report(flags.output, result);
  }
}
