import { Flags } from '@oclif/core';
import { KuberikCommand } from '../lib/base-command.js';
import { CliError } from '../lib/cli-error.js';
import { ExitCode, exitCodesHelp } from '../lib/exit-codes.js';
import { localFlags, type globalFlags } from '../lib/flags.js';

export default class Demo extends KuberikCommand {
  static override summary =
    'See Kuberik in one minute: a local sandbox, a demo app, versions arriving, the live watch.';
  static override description = `Starts an in-process sandbox with the Kuberik controller inside (no cluster, no kubectl needed),
installs the demo app, watches it and publishes versions over time: v1.1.0 waits for your approval (press a), bakes and succeeds; v1.2.0 fails its
bake; a teammate deploys the fix v1.2.1. --headless tells the same story as a log, approving by
itself, and exits 0 when it ends.

${exitCodesHelp(ExitCode.Ok, ExitCode.Error, ExitCode.BakeFailed)}`;
  static override examples = ['<%= config.bin %> demo', '<%= config.bin %> demo --headless'];
  // The demo makes its own cluster: no connection flags.
  static override baseFlags = localFlags as unknown as typeof globalFlags; // typed as the base; only no-color and debug
  static override flags = {
    headless: Flags.boolean({
      summary: 'No screen: log lines, approve automatically, exit when the story ends.',
    }),
    pace: Flags.string({ summary: 'Timing scale: 1 is about a minute, 0.1 ten times faster.', default: '1' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Demo);
    const pace = Number(flags.pace);
    if (!(pace > 0))
      throw new CliError(`--pace must be a positive number, got ${flags.pace}`, ExitCode.Error);
    const { startSandboxRuntime } = await import('../services/sandbox-runtime.js');
    const { openSession } = await import('../services/session.js');
    const { startWatch } = await import('../services/watch.js');
    const { runWatch } = await import('../services/run-watch.js');
    const { runDemoStory } = await import('../services/demo-story.js');
    const { interactiveTerminal } = await import('../services/terminal.js');
    const { clockTime } = await import('../format/duration.js');
    const { DEMO } = await import('../services/demo-app.js');

    const { cliInvocation } = await import('../lib/invocation.js');
    const { createJsonLogger } = await import('@kuberik/core/controller');
    const { Writable } = await import('node:stream');
    // The controller inside drives, as on a cluster with Kuberik installed; the screen only observes
    // (two drivers would contend for the Lease). Its logs would tear the screen: drop them.
    const silent = new Writable({ write: (_c, _e, done) => done() });
    const rt = await startSandboxRuntime({
      demo: true,
      pace,
      controller: true,
      controllerLogger: createJsonLogger({ level: 'error', stream: silent }),
    });
    const session = await openSession({ kubeconfigText: rt.sandbox.kubeconfig() });
    const handle = await startWatch(session, {
      name: DEMO.rollout,
      namespace: DEMO.namespace,
      observe: true,
    });
    const tui = !flags.headless && interactiveTerminal();
    const write = (line: string) => process.stdout.write(`${line}\n`);
    const { createActions } = await import('@kuberik/core/actions');
    const core = createActions({ kube: session.kube, identity: 'teammate' });
    const key = { namespace: DEMO.namespace, name: DEMO.rollout };
    const story = runDemoStory({
      source: handle.store,
      publish: rt.publish,
      approve: handle.actions.approve,
      deploy: async (version, message) => (await core.deploy(key, version, { message })).summary,
      autoApprove: !tui,
      gapMs: Math.round(2000 * pace),
      // Headless: printed after the change that prompted it (the line log hears the store first).
      narrate: (line) =>
        tui
          ? handle.store.push({ note: line })
          : setImmediate(() => write(`${clockTime(new Date())} ${line}`)),
    });
    // On the screen the story has no exit of its own: say it is over, and how to leave.
    if (tui) void story.done.then((v) => handle.store.push({ note: `${v.message} — press q to quit` }));
    let verdict;
    try {
      verdict = await runWatch({
        handle,
        context: 'kuberik-sandbox',
        tui,
        banner: tui
          ? 'Demo: new versions arrive by themselves — press a to approve each one, q to quit'
          : undefined,
        stopWhen: tui ? undefined : story.done,
        tickMs: Math.max(100, Math.round(1000 * pace)),
      });
    } finally {
      story.stop();
      await handle.stop();
      await rt.close();
    }
    if (verdict) (verdict.code === 0 ? process.stdout : process.stderr).write(`${verdict.message}\n`);
    else if (tui) this.out('Demo ended.');
    // A command that works from where the user stands (README set-up: the plugin is not on PATH yet).
    this.out(`Try it on a sandbox you can poke at: ${cliInvocation()} sandbox --demo`);
    this.done(verdict?.code ?? 0);
  }
}
