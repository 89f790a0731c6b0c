// What the engine looks at for one rollout (ImagePolicy, gates, schedules, Kustomizations, …), read
// once by an observe-only driver whose own engine run is skipped: `why` needs it only to ask the
// engine whether a deploy it suggests would be refused, so the engine runs once, for that question.
import type { RolloutKey } from '@kuberik/core/driver';
import type { Observed, Plan } from '@kuberik/core/engine';
import type { Session } from './session.js';

const noPlan = (): Plan => ({ patches: [], healthCheckStatuses: [], clearAnnotations: [], events: [] });

export async function readObserved(session: Session, key: RolloutKey): Promise<Observed | undefined> {
  const { createDriver } = await import('@kuberik/core/driver');
  const driver = createDriver({
    kube: session.kube,
    scope: { namespace: key.namespace, name: key.name },
    identity: 'kubectl-kuberik',
    observe: true,
    decide: noPlan,
  });
  try {
    await driver.start();
    await driver.idle();
    return driver.observed(key);
  } finally {
    await driver.stop();
  }
}
