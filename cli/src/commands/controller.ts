// `kubectl kuberik controller`: the headless engine for every rollout in scope. This is what runs
// in-cluster (config/manager), and what a developer can run from a laptop against any cluster.
import { Command, Flags } from '@oclif/core';
import { connectionFlags } from '../lib/flags.js';

export default class Controller extends Command {
  static override summary = 'Run the rollout engine for every rollout in scope (what runs in-cluster)';

  static override description = `Drives every Rollout in the namespace (-n), in all namespaces (-A) or matching a label selector (-l), sharing --shards shard Leases with the other replicas: a stable hash of namespace/name puts each rollout in a shard, and a replica drives the rollouts of the shards it holds. It records itself once in each rollout's Lease (kuberik-rollout-<name>), which stays live as long as the shard does, and leaves alone a rollout whose Lease a developer's \`watch\` holds. Steady Lease writes do not grow with the number of rollouts.

Logs are JSON, one event per line, on stdout. /healthz and /readyz answer on --health-addr, Prometheus metrics on --metrics-addr at /metrics. SIGTERM or Ctrl-C stops taking work, lets in-flight reconciles finish, releases the held Leases and exits 0; a second Ctrl-C exits at once.

Without -n or -A the namespace comes from the kubeconfig context (in a Pod: its own namespace).`;

  static override examples = [
    '<%= config.bin %> <%= command.id %> -A',
    '<%= config.bin %> <%= command.id %> -n payments -l team=payments --metrics-addr 127.0.0.1:9090',
  ];

  static override flags = {
    namespace: Flags.string({ char: 'n', summary: 'Drive the rollouts of this namespace.' }),
    'all-namespaces': Flags.boolean({
      char: 'A',
      summary: 'Drive the rollouts of every namespace.',
      exclusive: ['namespace'],
    }),
    selector: Flags.string({
      char: 'l',
      summary: 'Only rollouts matching this label selector (e.g. team=web).',
    }),
    // No oclif default: the default depends on where it runs (defaultListenAddress).
    'metrics-addr': Flags.string({
      summary: 'Address for Prometheus metrics at /metrics (default 127.0.0.1:8080; :8080 in a Pod).',
      description: 'A bare :PORT listens on every interface; config/manager passes :8080 explicitly.',
    }),
    'health-addr': Flags.string({
      summary: 'Address for the /healthz and /readyz probes (default 127.0.0.1:8081; :8081 in a Pod).',
    }),
    identity: Flags.string({
      summary: 'Lease holder identity.',
      description: 'Defaults to $POD_NAME, or the Pod name in a cluster, or user@host pid.',
    }),
    // Spec §2.6's 15 s / 5 s by default; they now time shard Leases, not one Lease per rollout.
    'lease-duration': Flags.integer({
      summary: 'Shard Lease duration in seconds (spec default 15).',
      description: "How long a replica that stopped renewing keeps its shards' rollouts.",
      default: 15,
      min: 1,
    }),
    'lease-renew': Flags.integer({
      summary: 'Shard Lease renew interval in seconds (spec default 5).',
      default: 5,
      min: 1,
    }),
    shards: Flags.integer({
      summary: 'Shard Leases the replicas share (default 16).',
      description:
        'Every replica must use the same number. Each shard is one Lease write per renew interval; more shards spread rollouts more evenly over many replicas.',
      default: 16,
      min: 1,
      max: 40,
    }),
    'lease-namespace': Flags.string({
      summary: "Namespace of the shard Leases (default: the Pod's, or the kubeconfig context's).",
    }),
    kubeconfig: Flags.string({
      summary: 'Path to the kubeconfig file (default: $KUBECONFIG or ~/.kube/config).',
    }),
    context: Flags.string({ summary: 'The kubeconfig context to use.' }),
    'request-timeout': connectionFlags['request-timeout'],
  };

  // Bad flags end at start with exit 1 and one line (oclif's default for parse errors is 2, which
  // this CLI uses for "not found").
  override async catch(err: Error & { code?: string }): Promise<never> {
    if (err?.code === 'EEXIT') throw err;
    // oclif's multi-line parse errors ("The following error occurred:\n  --x cannot also be provided…")
    // become one line.
    const first = (err?.message ?? String(err))
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !/^The following errors? occurred:?$/i.test(l) && !/^See more help with/i.test(l))
      .join(' ');
    process.stderr.write(`error: ${first}\nSee 'kubectl kuberik controller --help'.\n`);
    return this.exit(1);
  }

  async run(): Promise<void> {
    const { flags } = await this.parse(Controller);
    // Lazy: the driver and the Kubernetes client load only when this command runs.
    const { runController } = await import('@kuberik/core/controller');
    const { parseDuration } = await import('../format/duration.js');
    const requestTimeoutMs = parseDuration(flags['request-timeout']);
    if (requestTimeoutMs === undefined) {
      const { CliError } = await import('../lib/cli-error.js');
      throw new CliError(
        `--request-timeout "${flags['request-timeout']}" is not a duration — use e.g. 30s, 1m, or 0 for none`,
      );
    }
    const code = await runController({
      requestTimeoutMs,
      kubeconfig: flags.kubeconfig,
      context: flags.context,
      namespace: flags.namespace,
      allNamespaces: flags['all-namespaces'],
      selector: flags.selector,
      metricsAddr: flags['metrics-addr'],
      healthAddr: flags['health-addr'],
      identity: flags.identity,
      leaseDurationSeconds: flags['lease-duration'],
      leaseRenewSeconds: flags['lease-renew'],
      shards: flags.shards,
      leaseNamespace: flags['lease-namespace'],
    });
    if (code !== 0) this.exit(code);
  }
}
