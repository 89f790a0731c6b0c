// What Flux's image reflector does when a new tag appears, written straight into a sandbox's store
// (tests that run no Flux simulator, or want no reconcile delay), or through any API server's status
// subresource (the same tests on a real kube-apiserver).
import { Kinds, type Kube } from '../kube/index.js';
import type { SandboxStore } from '../sandbox/index.js';

const latest = (name: string, tag: string, image = `ghcr.io/example/${name}`) => ({
  status: { latestRef: { name: image, tag }, latestImage: `${image}:${tag}` },
});

/** Publishes `tag` on the ImagePolicy `namespace/name` (status.latestRef and latestImage). */
export function publishTag(
  store: SandboxStore,
  namespace: string,
  name: string,
  tag: string,
  image?: string,
): void {
  store.patch('image.toolkit.fluxcd.io/v1', 'ImagePolicy', name, namespace, latest(name, tag, image), {
    subresource: 'status',
  });
}

/** publishTag as an ordinary client: a merge patch of the ImagePolicy's status subresource. */
export async function publishTagThroughApi(
  kube: Kube,
  namespace: string,
  name: string,
  tag: string,
  image?: string,
): Promise<void> {
  await kube.mergePatch(Kinds.ImagePolicy, namespace, name, latest(name, tag, image), { status: true });
}
