// What `kubectl kuberik why` does once its argv is parsed; shared by the Why command and the fast
// path (fast/command.ts), so both print the same bytes. Errors are thrown; the caller prints them.
// Static imports, as in get-command.ts; the driver (observed.ts) is read only for a deploy suggestion.
import { previewRefusal } from '@kuberik/core/engine';
import { closeNames, didYouMean } from '@kuberik/core/present';
import { explainWhy, renderWhy, suggestsDeploy, withoutRefusedDeploy } from '../format/why.js';
import { renderMachine } from '../format/output.js';
import { CliError } from '../lib/cli-error.js';
import { ExitCode, type ExitCodeValue } from '../lib/exit-codes.js';
import type { CommandOutput } from './get-command.js';
import { readRollouts } from './read-rollouts.js';
import { fatalReadError, rolloutNotFound } from './rollouts.js';
import { openSession, type KubeTarget } from './session.js';

export interface WhyInput {
  args: { rollout: string; version?: string };
  flags: KubeTarget & { output: string };
}

export async function runWhy({ args, flags }: WhyInput, io: CommandOutput): Promise<ExitCodeValue> {
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
    const { readObserved } = await import('./observed.js');
    const observed = await readObserved(session, snapshot.key);
    if (observed)
      refusal = previewRefusal(observed, { kind: 'force-deploy', version: explained.version }, now);
  }
  const answer = withoutRefusedDeploy(explained, refusal);
  if ((answer.recorded ?? answer.state) === 'unknown-version' && args.version) {
    const tags = (snapshot.rollout.status?.availableReleases ?? []).map((r) => r.tag);
    throw new CliError(
      `version "${args.version}" is unknown to rollout ${args.rollout}${didYouMean(closeNames(args.version, tags))}` +
        (tags.length
          ? ` — available: ${tags.slice(-5).join(', ')}`
          : ' — the ImagePolicy has published no version yet'),
      ExitCode.NotFound,
    );
  }
  if (flags.output === 'text') io.out(renderWhy(answer));
  else {
    io.out(await renderMachine(flags.output as 'json' | 'yaml', answer));
  }
  return ExitCode.Ok;
}
