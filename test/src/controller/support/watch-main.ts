// A developer's `watch` on one rollout as its own process, from sources: the driver exactly as
// `kubectl kuberik watch` creates it (one rollout in scope, renewed per-rollout Lease), printing
// one JSON line per snapshot so tests can see whether it drives. Started with
//   node --conditions=@kuberik/source --import tsx watch-main.ts --kubeconfig F -n NS --name N --identity X …
import { parseArgs } from 'node:util';
import { createDriver } from '@kuberik/core/driver';
import { createKube } from '@kuberik/core/kube';

const { values } = parseArgs({
  options: {
    kubeconfig: { type: 'string' },
    namespace: { type: 'string', short: 'n' },
    name: { type: 'string' },
    identity: { type: 'string' },
    'lease-duration': { type: 'string' },
    'lease-renew': { type: 'string' },
  },
});

const print = (o: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify({ timestamp: new Date().toISOString(), ...o })}\n`);
};
const kube = createKube({ kubeconfig: values.kubeconfig });
const driver = createDriver({
  kube,
  scope: { namespace: values.namespace, name: values.name },
  identity: 'developer',
  holderIdentity: values.identity,
  ...(values['lease-duration'] ? { leaseDurationMs: Number(values['lease-duration']) * 1000 } : {}),
  ...(values['lease-renew'] ? { renewMs: Number(values['lease-renew']) * 1000 } : {}),
});
driver.subscribe((e) => {
  if (e.type === 'snapshot') {
    print({
      msg: 'snapshot',
      driving: e.snapshot.lease.driving,
      holder: e.snapshot.lease.holder,
      phase: e.snapshot.rollout.status?.phase,
    });
  }
});
await driver.start();
print({ msg: 'watch started' });
process.once('SIGTERM', () => void driver.stop().then(() => process.exit(0)));
