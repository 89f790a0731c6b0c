// What the engine looks at for one rollout (ImagePolicy, gates, schedules, Kustomizations, …), read
// once by an observe-only driver (which never runs the engine: it drives nothing): `why` needs it
// only to ask the engine whether a deploy it suggests would be refused, so the engine runs once.
import { createDriver, type RolloutKey } from '@kuberik/core/driver';
import type { Observed } from '@kuberik/core/engine';
import type { Session } from './session.js';

export async function readObserved(session: Session, key: RolloutKey): Promise<Observed | undefined> {
  const driver = createDriver({
    kube: session.kube,
    scope: { namespace: key.namespace, name: key.name },
    identity: 'kubectl-kuberik',
    observe: true,
  });
  try {
    await driver.start();
    await driver.idle();
    return driver.observed(key);
  } finally {
    await driver.stop();
  }
}
