// Adopt and resume: take over what runs, re-apply a recorded deploy that did not land.
import { describe, expect, it } from 'vitest';
import type { DeploymentHistoryEntry } from '../../model/index.js';
import { ADOPTED } from '../outcome.js';
import { kustomization, observed, rollout } from '../test-support/fixtures.js';
import { before, frozen } from '../test-support/phases.js';
import { adopt, resume } from './adopt.js';

const now = new Date('2026-11-27T10:00:00Z');
const running = (tag: string) => [kustomization('app', { substitute: { APP_VERSION: tag } })];
const entry = (tag: string, extra: Partial<DeploymentHistoryEntry> = {}): DeploymentHistoryEntry => ({
  id: 2,
  version: { tag },
  timestamp: '2026-11-27T09:00:00Z',
  bakeStatus: 'Succeeded',
  ...extra,
});

describe('adopt phase', () => {
  it('with no history, the running version becomes a Succeeded history[0] and leads the releases', () => {
    const r = rollout({}, { status: { availableReleases: [{ tag: 'v1' }, { tag: 'v2' }] } });
    const { ctx, state } = before(adopt, observed({ rollout: r, kustomizations: running('v2') }), now);
    const out = adopt(ctx, frozen(state));
    expect(out.history).toEqual([
      expect.objectContaining({ id: 1, version: { tag: 'v2' }, message: ADOPTED, bakeStatus: 'Succeeded' }),
    ]);
    expect(out.availableReleases.map((v) => v.tag)).toEqual(['v2', 'v1', 'v1.0.0']);
    expect(out.events).toEqual([
      { type: 'Normal', reason: 'Adopted', message: 'Adopted running version v2' },
    ]);
  });

  it('adopts nothing when history exists, when nothing runs, or when the spec is invalid', () => {
    const withHistory = observed({
      rollout: rollout({}, { status: { history: [entry('v1')] } }),
      kustomizations: running('v2'),
    });
    const idle = observed({ kustomizations: [kustomization('app')] });
    const invalid = observed({ rollout: rollout({ bakeTime: 'soon' }), kustomizations: running('v2') });
    for (const w of [withHistory, idle, invalid]) {
      const { ctx, state } = before(adopt, w, now);
      expect(adopt(ctx, frozen(state))).toBe(state);
    }
  });
});

describe('resume phase', () => {
  it('re-patches a target that does not run the recorded history[0]', () => {
    const r = rollout({}, { status: { history: [entry('v2'), entry('v1', { id: 1 })] } });
    const { ctx, state } = before(resume, observed({ rollout: r, kustomizations: running('v1') }), now);
    const out = resume(ctx, frozen(state));
    expect(out.patches).toHaveLength(1);
    expect(out.patches[0]).toMatchObject({
      target: { kind: 'Kustomization', name: 'app' },
      patch: { spec: { postBuild: { substitute: { APP_VERSION: 'v2' } } } },
    });
  });

  it('leaves adopted, failed and running entries alone', () => {
    const cases = [
      { h: entry('v2', { message: ADOPTED }), runs: 'v1' },
      { h: entry('v2', { bakeStatus: 'Failed' }), runs: 'v1' },
      { h: entry('v2'), runs: 'v2' },
    ];
    for (const c of cases) {
      const w = observed({
        rollout: rollout({}, { status: { history: [c.h] } }),
        kustomizations: running(c.runs),
      });
      const { ctx, state } = before(resume, w, now);
      expect(resume(ctx, frozen(state)).patches).toEqual([]);
    }
  });
});
