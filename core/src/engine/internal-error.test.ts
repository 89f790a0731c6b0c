// decide() is total: a failure nobody foresaw comes back as Ready=False/InternalError and one
// Warning Event, keeps the rest of the status, and is written once, not on every pass.
import { describe, expect, it } from 'vitest';
import type { Condition } from '../model/index.js';
import { decide } from './decide.js';
import type { Observed } from './plan.js';
import { observed, rollout } from './test-support/fixtures.js';

const NOW = new Date('2026-11-27T10:00:00Z');
const MESSAGE = 'The engine could not decide this rollout: Kustomizations unreadable';

/** A world whose Kustomizations throw when read: stands in for any bug below decide(). */
function broken(parts: Partial<Observed> = {}): Observed {
  const world = observed(parts);
  Object.defineProperty(world, 'kustomizations', {
    get() {
      throw new Error('Kustomizations unreadable');
    },
  });
  return world;
}

const ready = (c: Partial<Condition>): Condition => ({
  type: 'Ready',
  status: 'True',
  reason: 'Succeeded',
  message: 'fine',
  lastTransitionTime: '2026-11-27T09:00:00Z',
  ...c,
});

describe('an unforeseen failure', () => {
  it('becomes Ready=False/InternalError with one Warning Event, keeping the rest of the status', () => {
    const r = rollout();
    r.status = { currentVersion: 'v1.0.0', conditions: [ready({})] };
    const plan = decide(broken({ rollout: r }), NOW);
    expect(plan.patches).toEqual([]);
    expect(plan.healthCheckStatuses).toEqual([]);
    expect(plan.clearAnnotations).toEqual([]);
    expect(plan.events).toEqual([{ type: 'Warning', reason: 'InternalError', message: MESSAGE }]);
    expect(plan.status?.currentVersion).toBe('v1.0.0');
    expect(plan.status?.conditions).toEqual([
      {
        type: 'Ready',
        status: 'False',
        reason: 'InternalError',
        message: MESSAGE,
        lastTransitionTime: '2026-11-27T10:00:00Z',
      },
    ]);
  });

  it('says a non-Error throw in words too', () => {
    const world = observed();
    Object.defineProperty(world, 'gates', {
      get() {
        throw 'gates gone'; // not an Error: what some libraries throw
      },
    });
    expect(decide(world, NOW).events[0]?.message).toBe(
      'The engine could not decide this rollout: gates gone',
    );
  });

  it('is written once: the same failure on the next pass plans nothing', () => {
    const r = rollout();
    r.status = {
      conditions: [ready({ status: 'False', reason: 'InternalError', message: MESSAGE })],
    };
    expect(decide(broken({ rollout: r }), NOW)).toEqual({
      patches: [],
      healthCheckStatuses: [],
      clearAnnotations: [],
      events: [],
    });
  });

  it('is written again when the message, the reason or the status differs', () => {
    for (const before of [
      { status: 'False', reason: 'InternalError', message: 'an older failure' },
      { status: 'False', reason: 'ReconcileError', message: MESSAGE },
      { status: 'True', reason: 'InternalError', message: MESSAGE },
    ] as const) {
      const r = rollout();
      r.status = { conditions: [ready(before)] };
      const plan = decide(broken({ rollout: r }), NOW);
      expect(plan.events, JSON.stringify(before)).toHaveLength(1);
      expect(plan.status?.conditions?.[0]).toMatchObject({
        status: 'False',
        reason: 'InternalError',
        message: MESSAGE,
      });
    }
  });

  it('drops malformed condition entries and survives a rollout with no status', () => {
    const r = rollout();
    r.status = { conditions: [null, 'junk', ready({ type: 'Other' })] as unknown as Condition[] };
    const conditions = decide(broken({ rollout: r }), NOW).status?.conditions ?? [];
    expect(conditions.map((c) => c.type)).toEqual(['Ready', 'Other']);

    const odd = rollout();
    odd.status = { conditions: 'junk' as unknown as Condition[] };
    expect(decide(broken({ rollout: odd }), NOW).status?.conditions).toHaveLength(1);

    const bare = rollout();
    delete bare.status;
    expect(decide(broken({ rollout: bare }), NOW).status?.conditions).toHaveLength(1);
  });
});
