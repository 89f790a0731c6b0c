// The watch echo of a write we made is recognised by its text and not parsed a second time
// (core/src/kube/transport.ts, docs/controller.md "The controller's own CPU"). That saving must
// never hide a change: another writer's patch of the same object, even one that sets the same
// value our own write set, reaches the cache. Runs on both backends (KUBERIK_TEST_BACKEND=real).
import { type Kube, Informer, Kinds, type Lease, createKube } from '@kuberik/core/kube';
import { afterEach, expect, it } from 'vitest';
import { type TestCluster, testCluster } from '../support/backend.js';
import { waitFor } from './support/fixtures.js';

let cluster: TestCluster | undefined;
const kubes: Kube[] = [];
const informers: Array<Informer<Lease>> = [];
afterEach(async () => {
  for (const i of informers.splice(0)) i.stop();
  for (const k of kubes.splice(0)) k.close();
  await cluster?.close();
  cluster = undefined;
});

const holderOf = (l: Lease | undefined): string | undefined => l?.spec?.holderIdentity ?? undefined;

it('an echo of our own write is reused; another writer’s change to the same object is never missed', async () => {
  cluster = await testCluster({ namespace: 'echoes' });
  const ns = cluster.ns;
  const ours = createKube({ kubeconfigText: cluster.kubeconfig() });
  const theirs = createKube({ kubeconfigText: cluster.kubeconfig() });
  kubes.push(ours, theirs);
  const informer = new Informer(ours, Kinds.Lease, { namespace: ns });
  informers.push(informer);
  const seen: string[] = [];
  informer.on({
    add: (l) => seen.push(`${l.metadata.resourceVersion}:${holderOf(l)}`),
    update: (l) => seen.push(`${l.metadata.resourceVersion}:${holderOf(l)}`),
  });
  await informer.start();
  const cached = (): Lease | undefined => informer.get(ns, 'echo');

  // Our writes: a create and two patches. Their echoes carry the answers' exact text.
  const created = await ours.create(Kinds.Lease, {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: 'echo', namespace: ns },
    spec: { holderIdentity: 'a' },
  });
  await waitFor(
    'the create echoed',
    () => cached()?.metadata.resourceVersion === created.metadata.resourceVersion,
  );
  let last = created;
  for (const holder of ['b', 'c']) {
    last = await ours.mergePatch(Kinds.Lease, ns, 'echo', { spec: { holderIdentity: holder } });
    const rv = last.metadata.resourceVersion;
    await waitFor(`the patch to ${holder} echoed`, () => cached()?.metadata.resourceVersion === rv);
  }
  await waitFor('the echoes recognised', () => ours.stats.echoesReused >= 3);
  expect(ours.stats.echoesReused).toBe(3);
  expect(cached()).toEqual(last);

  // Another writer sets a value, then the value our last write had: both reach our cache.
  const reused = ours.stats.echoesReused;
  const other = await theirs.mergePatch(Kinds.Lease, ns, 'echo', { spec: { holderIdentity: 'other' } });
  await waitFor('the other writer seen', () => holderOf(cached()) === 'other');
  const back = await theirs.mergePatch(Kinds.Lease, ns, 'echo', { spec: { holderIdentity: 'c' } });
  await waitFor(
    'the other writer’s second patch seen',
    () => cached()?.metadata.resourceVersion === back.metadata.resourceVersion,
  );
  expect(holderOf(cached())).toBe('c');
  expect(cached()).toEqual(back);
  expect(ours.stats.echoesReused).toBe(reused);
  expect(seen).toEqual([
    `${created.metadata.resourceVersion}:a`,
    ...seen.slice(1, 3),
    `${other.metadata.resourceVersion}:other`,
    `${back.metadata.resourceVersion}:c`,
  ]);
  expect(seen.slice(1, 3).map((s) => s.split(':')[1])).toEqual(['b', 'c']);
});
