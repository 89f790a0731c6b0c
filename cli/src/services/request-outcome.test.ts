import type { Rollout } from '@kuberik/core/model';
import { describe, expect, it } from 'vitest';
import { bypassExpectation } from './request-outcome.js';

const BYPASS = 'rollout.kuberik.com/bypass-gates';
const rollout = (o: {
  annotations?: Record<string, string>;
  top?: { id: number; tag: string };
  phase?: NonNullable<Rollout['status']>['phase'];
  conditions?: NonNullable<Rollout['status']>['conditions'];
}): Rollout => ({
  apiVersion: 'kuberik.com/v1alpha1',
  kind: 'Rollout',
  metadata: {
    name: 'my-app',
    namespace: 'default',
    ...(o.annotations ? { annotations: o.annotations } : {}),
  },
  spec: { releasesImagePolicy: { name: 'my-app' } },
  status: {
    ...(o.phase ? { phase: o.phase } : {}),
    history: o.top
      ? [
          {
            id: o.top.id,
            version: { tag: o.top.tag },
            timestamp: '2026-01-01T00:00:00Z',
            bakeStatus: 'Deploying',
          },
        ]
      : [],
    ...(o.conditions ? { conditions: o.conditions } : {}),
  },
});
const T = '2026-01-01T00:00:00Z';

describe('bypassExpectation', () => {
  const e = bypassExpectation('v2');
  const before = rollout({ top: { id: 1, tag: 'v1' } });

  it('reports the deploy once the annotation is gone and history has the bypassed version', () => {
    expect(e.acted(rollout({ top: { id: 2, tag: 'v2' } }), before)).toBe(
      'deployed v2 to my-app with gate bypass (bake: Deploying)',
    );
  });

  it('reports a bypass in force that waits for health', () => {
    const waiting = rollout({
      annotations: { [BYPASS]: 'v2' },
      top: { id: 1, tag: 'v1' },
      phase: 'Blocked',
      conditions: [
        { type: 'GatesPassing', status: 'True', reason: 'GatesBypassed', message: '', lastTransitionTime: T },
      ],
    });
    expect(e.acted(waiting, before)).toContain(
      'gates bypassed for v2 on my-app; it waits for a healthy environment',
    );
  });

  it('says nothing while the driver has not read it, and passes on its refusal', () => {
    expect(
      e.acted(rollout({ annotations: { [BYPASS]: 'v2' }, top: { id: 1, tag: 'v1' } }), before),
    ).toBeUndefined();
    const refused = rollout({
      top: { id: 1, tag: 'v1' },
      conditions: [
        {
          type: 'ManualRequest',
          status: 'False',
          reason: 'BypassRefused',
          message:
            'Gate bypass for v2 refused: the rollout is pinned to v1 by spec.wantedVersion; unpin it first',
          lastTransitionTime: T,
        },
      ],
    });
    expect(e.acted(refused, before)).toBeUndefined();
    expect(e.refused?.(refused, before)).toBe(
      'Gate bypass for v2 refused: the rollout is pinned to v1 by spec.wantedVersion; unpin it first',
    );
  });
});
