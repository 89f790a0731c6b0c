import { Args, Flags } from '@oclif/core';
import { ActionCommand, type ActionPlan } from '../lib/action-command.js';
import { CliError } from '../lib/cli-error.js';
import { CLUSTER_EXIT_CODES_HELP, ExitCode } from '../lib/exit-codes.js';

export default class Deploy extends ActionCommand {
  static override summary =
    'Deploy a version now, skipping gates (one-shot), pin it with --pin, or bypass its gates with --bypass-gates.';
  static override description = `deploy, --pin, --bypass-gates and rollback differ in what happens afterwards:
  deploy VERSION        one-shot (rollout.kuberik.com/force-deploy): deploys now, skipping gates. The
                        releases known at that moment stop being candidates, so automation does not
                        undo it; only releases discovered later start a new lifecycle.
  deploy VERSION --pin  sets spec.wantedVersion: deploys it and holds it; no automatic deploys until
                        \`unpin\`, which resumes with the releases newer than the live one. A tag the
                        ImagePolicy never reported is refused unless --allow-unknown (a hotfix).
  deploy VERSION --bypass-gates
                        rollout.kuberik.com/bypass-gates: a release candidate goes out through
                        automation with every gate set aside, but still waits for healthy
                        HealthChecks and behind a failed bake; the annotation goes after that deploy.
  rollback [--to V]     a pin of the previous succeeded version (or V).
A deploy the rollout cannot carry out now (invalid spec, no annotated Kustomization, pinned to another
version, unknown version) is refused before anything is written. After writing, the command waits
(--wait) for whoever drives the rollout and prints what happened — or that nothing drives it.
Prompts for confirmation on a terminal; pass --yes in scripts.

${CLUSTER_EXIT_CODES_HELP}`;
  static override examples = [
    '<%= config.bin %> deploy my-app v1.3.0 -m "hotfix"',
    '<%= config.bin %> deploy my-app v1.2.0 --pin --yes',
    '<%= config.bin %> deploy my-app v1.2.1-hotfix --pin --allow-unknown --yes',
    '<%= config.bin %> deploy my-app v1.3.0 --bypass-gates -m "approved in the change meeting"',
  ];
  static override args = {
    rollout: Args.string({ description: 'Rollout name.', required: true }),
    version: Args.string({ description: 'Version (tag) to deploy.', required: true }),
  };
  static override flags = {
    ...ActionCommand.flags,
    ...ActionCommand.waitFlag,
    pin: Flags.boolean({ summary: 'Pin (spec.wantedVersion) instead of a one-shot deploy.' }),
    'allow-unknown': Flags.boolean({
      summary: 'With --pin: accept a tag the ImagePolicy never reported.',
    }),
    'bypass-gates': Flags.boolean({
      summary: 'Deploy a release candidate through automation with its gates set aside.',
    }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Deploy);
    // Checked here, not with oclif's exclusive/dependsOn: their multi-line errors lose the reason.
    if (flags['bypass-gates'] && flags.pin) {
      throw new CliError(
        '--bypass-gates and --pin cannot be combined: a pin already skips gates',
        ExitCode.Error,
      );
    }
    if (flags['allow-unknown'] && !flags.pin) {
      throw new CliError(
        '--allow-unknown only applies with --pin: deploy and --bypass-gates need a known release',
        ExitCode.Error,
      );
    }
    const outcomes = await import('../services/request-outcome.js');
    const { version, rollout } = args;
    const message = flags.message;
    const plan: ActionPlan = flags.pin
      ? {
          request: { action: 'pin', version, message, allowUnknown: flags['allow-unknown'] },
          confirm: () => ({
            question: `Pin ${rollout} to ${version}? Automatic deploys stop until unpinned.`,
          }),
          expect: () => outcomes.pinExpectation(version),
        }
      : flags['bypass-gates']
        ? {
            request: { action: 'bypassGates', version, message },
            confirm: () => ({
              question: `Bypass every gate of ${rollout} for ${version}? It deploys once health allows.`,
            }),
            expect: () => outcomes.bypassExpectation(version),
          }
        : {
            request: { action: 'deploy', version, message },
            confirm: () => ({ question: `Deploy ${version} to ${rollout} now, skipping gates?` }),
            expect: () => outcomes.forceDeployExpectation(version),
          };
    await this.perform(flags, rollout, plan);
  }
}
