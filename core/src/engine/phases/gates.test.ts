// Gates: candidates, standing rejections, the target, its gates, and the automatic deployment.
import { describe, expect, it } from 'vitest';
import type { DeploymentHistoryEntry } from '../../model/index.js';
import {
  gate as rolloutGate,
  healthCheck,
  kustomization,
  observed,
  rollout,
} from '../test-support/fixtures.js';
import { before, frozen } from '../test-support/phases.js';
import { gate, narrowCandidates } from './gates.js';

const now = new Date('2026-11-27T10:00:00Z');
const releases = [{ tag: 'v1' }, { tag: 'v2' }, { tag: 'v3' }];
const h0: DeploymentHistoryEntry = {
  id: 1,
  version: { tag: 'v1' },
  timestamp: '2026-11-27T09:00:00Z',
  bakeStatus: 'Succeeded',
};
const world = (parts: Parameters<typeof observed>[0] = {}, rejectedVersions?: string[]) =>
  observed({
    rollout: rollout(
      {},
      {
        status: {
          availableReleases: releases,
          history: [h0],
          ...(rejectedVersions ? { rejectedVersions } : {}),
        },
      },
    ),
    imagePolicy: undefined,
    kustomizations: [kustomization('app', { substitute: { APP_VERSION: 'v1' } })],
    ...parts,
  });
const tags = (vs: { tag: string }[]) => vs.map((v) => v.tag);

describe('narrowCandidates phase', () => {
  it('candidates come after history[0] and leave out rejected versions', () => {
    const { ctx, state } = before(narrowCandidates, world({}, ['v3']), now);
    const out = narrowCandidates(ctx, frozen(state));
    expect(tags(out.releaseCandidates)).toEqual(['v2']);
    expect(out.rejectedVersions).toEqual(['v3']);
  });

  it('a rejection ends when a gate allows the version again and none denies it', () => {
    const w = world({ gates: [rolloutGate('a', { allowedVersions: ['v3'] })] }, ['v3']);
    const { ctx, state } = before(narrowCandidates, w, now);
    const out = narrowCandidates(ctx, frozen(state));
    expect(out.rejectedVersions).toEqual([]);
    expect(tags(out.releaseCandidates)).toEqual(['v3', 'v2']);
  });
});

describe('gate phase', () => {
  it('with every gate open, the newest candidate is deployed automatically, naming what it skips', () => {
    const { ctx, state } = before(gate, world({ gates: [rolloutGate('a', { passing: true })] }), now);
    const out = gate(ctx, frozen(state));
    expect(out.target).toMatchObject({ tag: 'v3', skipped: ['v2'] });
    expect(out.deployment).toEqual({ tag: 'v3', manual: false, force: false, pin: false, skipped: ['v2'] });
  });

  it('a denied newest candidate is rejected with a Warning, and the next one is worked towards', () => {
    const w = world({ gates: [rolloutGate('a', { deniedVersions: ['v3'] })] });
    const { ctx, state } = before(gate, w, now);
    const out = gate(ctx, frozen(state));
    expect(out.rejectedVersions).toEqual(['v3']);
    expect(out.events).toEqual([{ type: 'Warning', reason: 'Rejected', message: 'v3 was rejected by a' }]);
    expect(out.target.tag).toBe('v2');
  });

  it('a closed gate, an unhealthy check or a refused read holds the automatic deployment', () => {
    const sick = healthCheck('ext', {
      class: 'external',
      status: { status: 'Unhealthy', lastChangeTime: '2026-11-27T09:59:00Z' },
    });
    const worlds = [
      world({ gates: [rolloutGate('a', { passing: false })] }),
      world({
        healthChecks: [sick],
        rollout: rollout(
          { healthCheckSelector: { selector: {} } },
          { status: { availableReleases: releases, history: [h0] } },
        ),
      }),
      world({ unreadable: [{ resource: 'namespaces', verb: 'list' }] }),
    ];
    for (const w of worlds) {
      const { ctx, state } = before(gate, w, now);
      const out = gate(ctx, frozen(state));
      expect(out.target.tag).toBe('v3');
      expect(out.deployment).toBeUndefined();
    }
  });

  it('with an invalid spec, only the target is chosen: no gates decided, nothing deployed', () => {
    const w = world({
      rollout: rollout({ bakeTime: 'soon' }, { status: { availableReleases: releases, history: [h0] } }),
    });
    const { ctx, state } = before(gate, w, now);
    const out = gate(ctx, frozen(state));
    expect(out.target.tag).toBe('v3');
    expect(out.gateSet).toEqual({ summaries: [], problems: [] });
    expect(out.deployment).toBeUndefined();
  });
});
