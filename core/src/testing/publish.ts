// What Flux's image reflector does when a new tag appears, written straight into a sandbox's store
// (tests that run no Flux simulator, or want no reconcile delay).
import type { SandboxStore } from '../sandbox/index.js';

/** Publishes `tag` on the ImagePolicy `namespace/name` (status.latestRef and latestImage). */
export function publishTag(
  store: SandboxStore,
  namespace: string,
  name: string,
  tag: string,
  image = `ghcr.io/example/${name}`,
): void {
  store.patch(
    'image.toolkit.fluxcd.io/v1',
    'ImagePolicy',
    name,
    namespace,
    { status: { latestRef: { name: image, tag }, latestImage: `${image}:${tag}` } },
    { subresource: 'status' },
  );
}
