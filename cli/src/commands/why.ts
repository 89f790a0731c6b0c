import { Args } from '@oclif/core';
import { KuberikCommand } from '../lib/base-command.js';
import { CLUSTER_EXIT_CODES_HELP } from '../lib/exit-codes.js';
import { Flags } from '@oclif/core';

export default class Why extends KuberikCommand {
  static override summary = 'Explain why a version is not live yet, and print the command that unblocks it.';
  static override description = `Walks the lifecycle in order — known to the ImagePolicy? pinned elsewhere? rejected? failed before?
older than the live one? skipped for a newer one? waiting for the current bake? blocked by a failed bake?
held by a gate or schedule? environment unhealthy? nobody driving? — and stops at the first cause.
VERSION defaults to the pending version.

${CLUSTER_EXIT_CODES_HELP}`;
  static override examples = ['<%= config.bin %> why my-app', '<%= config.bin %> why my-app v1.4.2 -o json'];
  static override args = {
    rollout: Args.string({ description: 'Rollout name.', required: true }),
    version: Args.string({ description: 'Version (tag); default: the pending version.' }),
  };
  static override flags = {
    output: Flags.string({
      char: 'o',
      summary: 'Output format.',
      options: ['text', 'json', 'yaml'],
      default: 'text',
    }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Why);
    const { openSession } = await import('../services/session.js');
    const { readRollouts } = await import('../services/read-rollouts.js');
    const { fatalReadError, rolloutNotFound } = await import('../services/rollouts.js');
    const { explainWhy, renderWhy, suggestsDeploy, withoutRefusedDeploy } = await import('../format/why.js');
    const session = await openSession(flags);
    const namespace = flags.namespace ?? session.namespace;
    const { snapshots, errors } = await readRollouts(session, { namespace, name: args.rollout, gates: true });
    const snapshot = snapshots[0];
    if (!snapshot) {
      const fatal = fatalReadError({ errors });
      throw fatal ?? (await rolloutNotFound(session, args.rollout, namespace));
    }
    const now = new Date();
    const explained = explainWhy(snapshot, now, args.version);
    // The engine runs only to check a deploy we are about to suggest (and reads what it needs then).
    let refusal: string | undefined;
    if (explained.version && suggestsDeploy(explained)) {
      const { readObserved } = await import('../services/observed.js');
      const { previewRefusal } = await import('@kuberik/core/engine');
      const observed = await readObserved(session, snapshot.key);
      if (observed)
        refusal = previewRefusal(observed, { kind: 'force-deploy', version: explained.version }, now);
    }
    const answer = withoutRefusedDeploy(explained, refusal);
    if ((answer.recorded ?? answer.state) === 'unknown-version' && args.version) {
      const { CliError } = await import('../lib/cli-error.js');
      const { ExitCode } = await import('../lib/exit-codes.js');
      const { closeNames, didYouMean } = await import('@kuberik/core/present');
      const tags = (snapshot.rollout.status?.availableReleases ?? []).map((r) => r.tag);
      throw new CliError(
        `version "${args.version}" is unknown to rollout ${args.rollout}${didYouMean(closeNames(args.version, tags))}` +
          (tags.length
            ? ` — available: ${tags.slice(-5).join(', ')}`
            : ' — the ImagePolicy has published no version yet'),
        ExitCode.NotFound,
      );
    }
    if (flags.output === 'text') this.out(renderWhy(answer));
    else {
      const { renderMachine } = await import('../format/output.js');
      this.out(await renderMachine(flags.output as 'json' | 'yaml', answer));
    }
    this.done();
  }
}
