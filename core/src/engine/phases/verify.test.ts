// Verify: HealthChecks refreshed and the bake stepped, as observed and again after a deploy.
import { describe, expect, it } from 'vitest';
import type { DeploymentHistoryEntry } from '../../model/index.js';
import { healthCheck, kustomization, observed, rollout } from '../test-support/fixtures.js';
import { before, frozen } from '../test-support/phases.js';
import { verify, verifyObserved } from './verify.js';

const now = new Date('2026-11-27T10:00:00Z');
const baking: DeploymentHistoryEntry = {
  id: 1,
  version: { tag: 'v1' },
  timestamp: '2026-11-27T09:50:00Z',
  bakeStatus: 'InProgress',
  bakeStartTime: '2026-11-27T09:55:00Z',
};
const sick = healthCheck('ext', {
  class: 'external',
  status: {
    status: 'Unhealthy',
    message: 'down',
    lastChangeTime: '2026-11-27T09:58:00Z',
    lastErrorTime: '2026-11-27T09:58:00Z',
  },
});
const running = [kustomization('app', { substitute: { APP_VERSION: 'v1' } })];

describe('verifyObserved phase', () => {
  it('steps an active bake and asks to be woken when it ends', () => {
    const r = rollout(
      { bakeTime: '10m', healthCheckSelector: { selector: {} } },
      { status: { history: [baking] } },
    );
    const { ctx, state } = before(verifyObserved, observed({ rollout: r, kustomizations: running }), now);
    const out = verifyObserved(ctx, frozen(state));
    expect(out.history[0]?.bakeStatus).toBe('InProgress');
    expect(out.wakeAt).toBe(Date.parse('2026-11-27T10:05:00Z'));
    expect(out.unhealthy).toEqual([]);
  });

  it('fails the bake on an unhealthy check and records it as unhealthy for the gates', () => {
    const r = rollout(
      { bakeTime: '10m', healthCheckSelector: { selector: {} } },
      { status: { history: [baking] } },
    );
    const w = observed({ rollout: r, kustomizations: running, healthChecks: [sick] });
    const { ctx, state } = before(verifyObserved, w, now);
    const out = verifyObserved(ctx, frozen(state));
    expect(out.history[0]?.bakeStatus).toBe('Failed');
    expect(out.unhealthy.map((hc) => hc.metadata.name)).toEqual(['ext']);
    expect(out.events.map((e) => e.reason)).toContain('Failed');
  });

  it('with an invalid spec, neither refreshes nor bakes, but still records what is unhealthy', () => {
    const r = rollout(
      { bakeTime: 'soon', healthCheckSelector: { selector: {} } },
      { status: { history: [baking] } },
    );
    const w = observed({ rollout: r, kustomizations: running, healthChecks: [sick] });
    const { ctx, state } = before(verifyObserved, w, now);
    const out = verifyObserved(ctx, frozen(state));
    expect(out.history).toEqual(state.history);
    expect(out.events).toEqual([]);
    expect(out.unhealthy.map((hc) => hc.metadata.name)).toEqual(['ext']);
  });
});

describe('verify', () => {
  it('a later refresh replaces an earlier HealthCheck write for the same check', () => {
    const r = rollout({ healthCheckSelector: { selector: {} } }, { status: { history: [baking] } });
    const ks = healthCheck('ks', { kustomization: 'app' });
    const w = observed({ rollout: r, kustomizations: running, healthChecks: [ks] });
    const { ctx, state } = before(verifyObserved, w, now);
    const once = verify(ctx, state);
    expect([...once.healthCheckWrites.keys()]).toEqual(['prod/ks']);
    const twice = verify(ctx, { ...once, healthChecks: state.healthChecks });
    expect([...twice.healthCheckWrites.keys()]).toEqual(['prod/ks']);
  });
});
