import { Flags } from '@oclif/core';
import { KuberikCommand } from '../lib/base-command.js';
import { CliError } from '../lib/cli-error.js';
import { ExitCode, LOCAL_EXIT_CODES_HELP } from '../lib/exit-codes.js';
import { localFlags, type globalFlags } from '../lib/flags.js';

export default class SandboxCmd extends KuberikCommand {
  static override summary =
    'Run a local cluster with Kuberik installed: an API server, simulated Flux and the controller.';
  static override description = `No cluster needed: an in-memory API server that kubectl and this plugin talk to, with the
CRDs installed, a Flux simulator (image reflector and kustomize reconciler; publish a version with
\`kubectl annotate imagepolicy NAME sandbox.kuberik.com/publish=TAG\`) and the Kuberik controller
running inside, so rollouts move on their own as on a real cluster with Kuberik installed.
--no-controller leaves the controller out (drive from your laptop with \`watch\`, or test a driver of
your own). Writes a kubeconfig and prints the export line. Ctrl-C stops it. \`npm run sandbox\` in a
checkout runs this command with the same flags.
--demo installs the demo app (rollout my-app with an approval gate, a business-hours schedule and a
health check).

${LOCAL_EXIT_CODES_HELP}`;
  static override examples = [
    '<%= config.bin %> sandbox --demo',
    '<%= config.bin %> sandbox --kubeconfig-out /tmp/k.yaml --port 6443 --data ~/.kube/kuberik-sandbox.data',
    '<%= config.bin %> sandbox --no-controller',
  ];
  // The sandbox is the cluster: no connection flags.
  static override baseFlags = localFlags as unknown as typeof globalFlags; // typed as the base; only no-color and debug
  static override flags = {
    'kubeconfig-out': Flags.string({
      summary: 'Where to write the kubeconfig.',
      default: '~/.kube/kuberik-sandbox.yaml',
    }),
    port: Flags.integer({ summary: 'Port on 127.0.0.1 (default: any free port).', min: 0, max: 65535 }),
    data: Flags.string({
      summary:
        'Keep objects in this file (a journal, fsynced per write, mode 0600) and restore them on start.',
    }),
    demo: Flags.boolean({ summary: 'Install the demo app.' }),
    controller: Flags.boolean({
      summary: 'Run the Kuberik controller inside (--no-controller leaves it out).',
      default: true,
      allowNo: true,
    }),
    // Flux is always simulated now; the flag `npm run sandbox` used to need is still accepted.
    'simulate-flux': Flags.boolean({ summary: 'Simulate Flux (always on).', hidden: true }),
    pace: Flags.string({
      summary: 'Demo timing scale (0.1 = ten times faster).',
      default: '1',
      hidden: true,
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(SandboxCmd);
    const { homedir } = await import('node:os');
    const { dirname, resolve } = await import('node:path');
    const { mkdir } = await import('node:fs/promises');
    const pace = Number(flags.pace);
    if (!(pace > 0))
      throw new CliError(`--pace must be a positive number, got ${flags.pace}`, ExitCode.Error);
    const out = resolve(flags['kubeconfig-out'].replace(/^~(?=$|\/)/, homedir()));
    const { startSandboxRuntime } = await import('../services/sandbox-runtime.js');
    const { cliInvocation } = await import('../lib/invocation.js');
    const rt = await startSandboxRuntime({
      port: flags.port,
      dataFile: flags.data,
      demo: flags.demo,
      pace,
      controller: flags.controller,
    });
    await mkdir(dirname(out), { recursive: true });
    await rt.sandbox.writeKubeconfig(out);
    this.out(
      sandboxBanner({
        url: rt.sandbox.url,
        kubeconfig: out,
        demo: flags.demo,
        controller: flags.controller,
        cli: cliInvocation(),
      }),
    );
    await new Promise<void>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    await rt.close();
    this.done();
  }
}

export interface BannerFacts {
  url: string;
  kubeconfig: string;
  demo: boolean;
  controller: boolean;
  /** How to run this CLI from the user's shell (cliInvocation). */
  cli: string;
}

/** What the sandbox prints once it serves: where it is, how to point kubectl at it, what to do first. */
export function sandboxBanner(f: BannerFacts): string {
  const inside = f.controller
    ? 'the Kuberik controller runs inside and drives every rollout (--no-controller leaves it out)'
    : `no controller inside: \`${f.cli} watch NAME\` drives a rollout from this terminal`;
  const next = f.demo
    ? [`  ${f.cli} watch my-app`]
    : [
        '  kubectl apply -k config/samples     # a Rollout my-app, its ImagePolicy, Kustomization, gate',
        `  ${f.cli} get`,
      ];
  return [
    `Sandbox API server ready at ${f.url}${f.demo ? ' with the demo app (rollout my-app)' : ''}; ${inside}.`,
    `Kubeconfig written to ${f.kubeconfig}. Point kubectl at it:`,
    '',
    `  export KUBECONFIG=${f.kubeconfig}`,
    ...next,
    '',
    `Publish a version (the simulated Flux picks it up):`,
    `  kubectl annotate imagepolicy my-app sandbox.kuberik.com/publish=${f.demo ? 'v1.1.0' : 'v1.0.0'}`,
    'Press Ctrl-C to stop.',
  ].join('\n');
}
