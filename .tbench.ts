import { createKube, Informer, Kinds, type Lease } from '@kuberik/core/kube';
import { startRealCluster } from './test/src/support/real-cluster.js';
import { startSandbox } from '@kuberik/core/sandbox';
const which = process.argv[2] ?? 'real';
let kc: string; let close: () => Promise<void>;
if (which === 'real') { const c = await startRealCluster({ log: () => {} }); kc = c.kubeconfig(); await c.ensureNamespace('tb'); close = () => c.close(); }
else { const sb = await startSandbox({ port: 0 }); sb.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'tb' } }); kc = sb.kubeconfig(); close = () => sb.close(); }
const kube = createKube({ kubeconfigText: kc });
const inf = new Informer<Lease>(kube, Kinds.Lease, { namespace: 'tb' });
await inf.start();
const N = 200;
await Promise.all(Array.from({ length: N }, (_, i) => kube.create(Kinds.Lease, { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: `l${i}`, namespace: 'tb', labels: { a: 'b' } }, spec: { holderIdentity: 'x', leaseDurationSeconds: 15 } } as Lease)));
for (let round = 0; round < 3; round++) {
  const M = 4000; let next = 0;
  const c0 = process.cpuUsage(); const t0 = Date.now();
  await Promise.all(Array.from({ length: 16 }, async () => { while (next < M) { const i = next++; await kube.mergePatch(Kinds.Lease, 'tb', `l${i % N}`, { spec: { holderIdentity: `h${round}-${i}` } }); } }));
  // wait for echoes
  await new Promise((r) => setTimeout(r, 1000));
  const c = process.cpuUsage(c0);
  console.log(which, 'round', round, 'cpu us/request', (((c.user + c.system) - 1000 * 0) / M).toFixed(1), 'wall', Date.now() - t0, 'echoes', (kube.stats as any).echoesReused);
}
inf.stop(); kube.close(); await close(); process.exit(0);
