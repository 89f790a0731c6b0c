// A CLI refuses up front exactly what the driver would refuse (§10.10), with the driver's words.
import { describe, expect, it } from 'vitest';
import type { DeploymentHistoryEntry } from '../model/index.js';
import { previewRefusal } from './preview.js';
import { imagePolicy, observed, rollout } from './test-support/fixtures.js';

const now = new Date('2026-11-27T10:00:00Z');
const entry = (
  id: number,
  tag: string,
  bakeStatus: DeploymentHistoryEntry['bakeStatus'],
): DeploymentHistoryEntry => ({
  id,
  version: { tag },
  timestamp: '2026-11-27T09:00:00Z',
  bakeStatus,
});
const world = (history: DeploymentHistoryEntry[], annotations?: Record<string, string>) =>
  observed({
    rollout: rollout(
      {},
      {
        status: {
          availableReleases: [{ tag: 'v1' }, { tag: 'v2' }],
          currentVersion: history[0]?.version.tag,
          history,
        },
        ...(annotations ? { annotations } : {}),
      },
    ),
    imagePolicy: imagePolicy('v2'),
  });

describe('previewRefusal', () => {
  it('returns the force-deploy refusal the driver would give, for the version asked', () => {
    expect(
      previewRefusal(world([entry(1, 'v2', 'Succeeded')]), { kind: 'force-deploy', version: 'v9' }, now),
    ).toBe(
      'Force deploy of v9 refused: it is not in available releases (newest: v2, v1); request one of them',
    );
  });

  it('is undefined when the driver would act on the request', () => {
    expect(
      previewRefusal(world([entry(1, 'v2', 'Succeeded')]), { kind: 'force-deploy', version: 'v1' }, now),
    ).toBeUndefined();
    expect(previewRefusal(world([entry(1, 'v2', 'Failed')]), { kind: 'retry' }, now)).toBeUndefined();
  });

  it('returns the retry refusal, keeping the rollout’s other annotations', () => {
    const asked = world([entry(1, 'v2', 'Succeeded')], { 'rollout.kuberik.com/deploy-user': 'alice' });
    expect(previewRefusal(asked, { kind: 'retry' }, now)).toBe('Retry refused: v2 is Succeeded, not Failed');
    expect(asked.rollout.metadata.annotations).toEqual({ 'rollout.kuberik.com/deploy-user': 'alice' });
  });
});
