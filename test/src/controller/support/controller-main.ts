// `kubectl kuberik controller` as its own process, from sources: the same runController() the CLI
// command calls, so tests and the bench need no build. Started with
//   node --conditions=@kuberik/source --import tsx controller-main.ts --kubeconfig F -A --identity X …
import { parseArgs } from 'node:util';
import { runController } from '@kuberik/core/controller';

const { values } = parseArgs({
  options: {
    kubeconfig: { type: 'string' },
    namespace: { type: 'string', short: 'n' },
    'all-namespaces': { type: 'boolean', short: 'A' },
    selector: { type: 'string', short: 'l' },
    'metrics-addr': { type: 'string' },
    'health-addr': { type: 'string' },
    identity: { type: 'string' },
    'lease-duration': { type: 'string' },
    'lease-renew': { type: 'string' },
    shards: { type: 'string' },
    'lease-namespace': { type: 'string' },
  },
});

process.exitCode = await runController({
  kubeconfig: values.kubeconfig,
  namespace: values.namespace,
  allNamespaces: values['all-namespaces'],
  selector: values.selector,
  metricsAddr: values['metrics-addr'],
  healthAddr: values['health-addr'],
  identity: values.identity,
  leaseDurationSeconds: values['lease-duration'] ? Number(values['lease-duration']) : undefined,
  leaseRenewSeconds: values['lease-renew'] ? Number(values['lease-renew']) : undefined,
  shards: values.shards ? Number(values.shards) : undefined,
  leaseNamespace: values['lease-namespace'],
});
