// What a pass reads before any phase: the observed status cleaned of what cannot be an entry, and
// the rollout's namespace (`default` when the object has none, as the API server would).
import { describe, expect, it } from 'vitest';
import type { DeploymentHistoryEntry } from '../../model/index.js';
import { NOW, conditionOf, markWorld, selectChecks, sick } from '../test-support/mark-world.js';
import { decideOrFail } from '../test-support/world.js';

describe('the state a pass starts from', () => {
  it('drops history entries that are not entries, so they are not written back', () => {
    const w = markWorld();
    w.rollout.status!.history = [null as never, { id: 7 } as unknown as DeploymentHistoryEntry];
    const plan = decideOrFail(w, NOW);
    // The running v1 is adopted as on a clean start, then v2 deployed; nothing else is kept.
    expect(plan.status?.history?.map((e) => [e?.id, e?.version?.tag])).toEqual([
      [2, 'v2'],
      [1, 'v1'],
    ]);
  });

  it('reads a rollout without a namespace as in `default`', () => {
    const check = sick();
    delete check.metadata.namespace;
    const w = markWorld({ spec: selectChecks, parts: { healthChecks: [check] } });
    delete w.rollout.metadata.namespace;
    const plan = decideOrFail(w, NOW);
    expect(conditionOf(plan.status, 'DeploymentBlocked')).toMatchObject({
      status: 'True',
      message: expect.stringContaining("HealthCheck 'api' in namespace 'default' is not healthy"),
    });
  });
});
