import { Flags } from '@oclif/core';
import { KuberikCommand } from '../lib/base-command.js';
import { CliError } from '../lib/cli-error.js';
import { EXIT_CODES_HELP, ExitCode } from '../lib/exit-codes.js';

export default class SandboxCmd extends KuberikCommand {
  static override summary = 'Run a local Kubernetes API server with the Kuberik CRDs and simulated Flux.';
  static override description = `No cluster needed: an in-memory API server that kubectl and this plugin talk to, with the
CRDs installed and a Flux simulator (image reflector and kustomize reconciler; steer it with the
sandbox.kuberik.com/* annotations). Writes a kubeconfig and prints the export line. Ctrl-C stops it.
--demo installs the demo app (rollout my-app with an approval gate, a business-hours schedule and a
health check).

${EXIT_CODES_HELP}`;
  static override examples = [
    '<%= config.bin %> sandbox --demo',
    '<%= config.bin %> sandbox --kubeconfig-out /tmp/k.yaml --port 6443 --data ~/.kube/kuberik-sandbox.data',
  ];
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
    const rt = await startSandboxRuntime({ port: flags.port, dataFile: flags.data, demo: flags.demo, pace });
    await mkdir(dirname(out), { recursive: true });
    await rt.sandbox.writeKubeconfig(out);
    this.out(
      [
        `Sandbox API server ready at ${rt.sandbox.url}${flags.demo ? ' with the demo app (rollout my-app)' : ''}.`,
        `Kubeconfig written to ${out}. Point kubectl at it:`,
        '',
        `  export KUBECONFIG=${out}`,
        `  kubectl kuberik ${flags.demo ? 'watch my-app' : 'get'}`,
        '',
        flags.demo
          ? `Publish a version: kubectl annotate imagepolicy my-app sandbox.kuberik.com/publish=v1.1.0`
          : 'Apply your Rollout, ImagePolicy and Kustomization YAML with kubectl apply -f.',
        'Press Ctrl-C to stop.',
      ].join('\n'),
    );
    await new Promise<void>((done) => {
      process.once('SIGINT', done);
      process.once('SIGTERM', done);
    });
    await rt.close();
    this.done();
  }
}
