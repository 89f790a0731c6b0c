import { Args, Flags } from '@oclif/core';
import { ActionCommand } from '../lib/action-command.js';
import { EXIT_CODES_HELP } from '../lib/exit-codes.js';

export default class Deploy extends ActionCommand {
  static override summary = 'Deploy a version now, skipping gates (one-shot), or pin it with --pin.';
  static override description = `deploy, --pin and rollback differ in what happens afterwards:
  deploy VERSION        one-shot (rollout.kuberik.com/force-deploy): deploys now, skipping gates. The
                        releases known at that moment stop being candidates, so automation does not
                        undo it; only releases discovered later start a new lifecycle.
  deploy VERSION --pin  sets spec.wantedVersion: deploys it and holds it; no automatic deploys until
                        \`unpin\`, which resumes with the releases newer than the live one.
  rollback [--to V]     a pin of the previous succeeded version (or V).
A deploy the rollout cannot carry out now (invalid spec, no annotated Kustomization, pinned to another
version, unknown version) is refused before anything is written. After writing, the command waits
(--wait) for whoever drives the rollout and prints what happened — or that nothing drives it.
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
    ...ActionCommand.waitFlag,
    pin: Flags.boolean({ summary: 'Pin (spec.wantedVersion) instead of a one-shot deploy.' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Deploy);
    const { openSession } = await import('../services/session.js');
    const { observeOne } = await import('../services/rollouts.js');
    const { openActions, requireRelease } = await import('../services/actions.js');
    const outcomes = await import('../services/request-outcome.js');
    await this.waitMs(flags.wait);
    const session = await openSession(flags);
    const { snapshot, observation } = await observeOne(session, args.rollout, flags.namespace);
    try {
      const rollout = snapshot.rollout;
      const key = snapshot.key;
      if (!flags.pin) {
        requireRelease(rollout, args.version);
        await outcomes.refuseUpFront(observation, key, { kind: 'force-deploy', version: args.version });
      }
      const question = flags.pin
        ? `Pin ${args.rollout} to ${args.version}? Automatic deploys stop until unpinned.`
        : `Deploy ${args.version} to ${args.rollout} now, skipping gates?`;
      if (!(await this.confirmed(flags.yes, question))) this.cancelled();
      const actions = await openActions(session);
      const result = flags.pin
        ? await actions.pin(key, args.version, { message: flags.message })
        : await actions.deploy(key, args.version, { message: flags.message });
      const expect = flags.pin
        ? outcomes.pinExpectation(args.version)
        : outcomes.forceDeployExpectation(args.version);
      await this.reportOutcome(flags, session.kube, observation, key, rollout, result, expect);
    } finally {
      await observation.driver.stop();
    }
  }
}
