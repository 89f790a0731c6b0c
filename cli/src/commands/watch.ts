import { Args, Flags } from '@oclif/core';
import { KuberikCommand } from '../lib/base-command.js';
import { CliError } from '../lib/cli-error.js';
import { EXIT_CODES_HELP, ExitCode } from '../lib/exit-codes.js';

export default class Watch extends KuberikCommand {
  static override summary = 'Drive a rollout and show it live: gates, health, bake progress, history.';
  static override description = `Takes the rollout's lease and runs the engine for it while it runs (--observe never drives).
On a terminal: a live screen with keys [a] approve [d] deny [r] retry [p] pin/unpin [?] why [q] quit.
Elsewhere (pipes, CI): one timestamped line per change.

--until turns it into a CI step:
  deployed           the version pending at start (else the live one) is deployed
  succeeded          … and its bake succeeded
  done               nothing pending and no bake running
  awaiting-approval  the version waits for an approval gate (or went out without one)

${EXIT_CODES_HELP}`;
  static override examples = [
    '<%= config.bin %> watch my-app',
    '<%= config.bin %> watch my-app --observe',
    '<%= config.bin %> watch my-app --until succeeded --timeout 30m',
    '<%= config.bin %> watch my-app --until deployed --no-wait   # exit 13 when a human must approve',
  ];
  static override args = { rollout: Args.string({ description: 'Rollout name.', required: true }) };
  static override flags = {
    observe: Flags.boolean({ summary: 'Only watch: never take the lease, never drive.' }),
    until: Flags.string({
      summary: 'Exit when this holds (see above).',
      options: ['succeeded', 'done', 'deployed', 'awaiting-approval'],
    }),
    timeout: Flags.string({
      summary: 'With --until: give up after this long, start-up included (e.g. 30m, 1h30m); exit 11.',
      dependsOn: ['until'],
    }),
    version: Flags.string({
      summary:
        'With --until: the version to wait for (default: the pending one at start, else the live one).',
      dependsOn: ['until'],
    }),
    'no-wait': Flags.boolean({
      summary: 'With --until: exit 13 instead of waiting when a version needs approval.',
      dependsOn: ['until'],
    }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Watch);
    const { parseDuration } = await import('../format/duration.js');
    const timeoutMs = flags.timeout !== undefined ? parseDuration(flags.timeout) : undefined;
    if (flags.timeout !== undefined && timeoutMs === undefined) {
      throw new CliError(
        `--timeout "${flags.timeout}" is not a duration — use e.g. 90s, 30m, 1h30m`,
        ExitCode.Error,
      );
    }
    const { openSession } = await import('../services/session.js');
    const { startWatch } = await import('../services/watch.js');
    const { runWatch } = await import('../services/run-watch.js');
    const { interactiveTerminal } = await import('../services/terminal.js');
    // --timeout bounds the whole command, start-up included (a server that never answers).
    const startedAt = Date.now();
    const session = await openSession(flags);
    const giveUp = new AbortController();
    const startTimer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(
            () =>
              giveUp.abort(
                new CliError(
                  `timed out after ${flags.timeout} (--timeout): the API server at ${session.kube.config.server} has not answered the first reads of rollout ${args.rollout}`,
                  ExitCode.TimedOut,
                ),
              ),
            timeoutMs,
          );
    let handle;
    try {
      handle = await startWatch(session, {
        name: args.rollout,
        namespace: flags.namespace ?? session.namespace,
        observe: flags.observe,
        signal: giveUp.signal,
      });
    } finally {
      clearTimeout(startTimer);
    }
    let verdict;
    try {
      verdict = await runWatch({
        handle,
        context: session.context,
        tui: interactiveTerminal(),
        until: flags.until as never,
        version: flags.version,
        timeoutMs,
        startedAt,
        noWait: flags['no-wait'],
      });
    } finally {
      await handle.stop();
    }
    if (verdict)
      (verdict.code === 0 ? process.stdout : process.stderr).write(
        `${verdict.code === 0 ? '' : 'error: '}${verdict.message}\n`,
      );
    this.done(verdict?.code ?? 0);
  }
}
