// Warnings are announced from status differences: a new problem, or one that says something new.
import { describe, expect, it } from 'vitest';
import type { Condition } from '../model/index.js';
import { problemEvents } from './events.js';

const c = (
  type: string,
  status: Condition['status'],
  reason: string,
  message = `${reason} here`,
): Condition => ({
  type,
  status,
  reason,
  message,
  lastTransitionTime: '2026-12-03T10:00:00Z',
});

describe('problemEvents', () => {
  it('warns for a problem condition that is in its bad state', () => {
    expect(problemEvents([], [c('Ready', 'False', 'InvalidSpec', 'bakeTime: not a duration')])).toEqual([
      { type: 'Warning', reason: 'InvalidSpec', message: 'bakeTime: not a duration' },
    ]);
    expect(problemEvents([], [c('DeploymentBlocked', 'True', 'ReadForbidden')])).toEqual([
      { type: 'Warning', reason: 'ReadForbidden', message: 'ReadForbidden here' },
    ]);
    expect(problemEvents([], [c('DeploymentBlocked', 'True', 'UnhealthyHealthChecks')])[0]?.reason).toBe(
      'HealthCheckBlocking',
    );
  });

  it('is silent for the good state of a problem reason and for reasons that are no problem', () => {
    expect(problemEvents([], [c('Ready', 'True', 'InvalidSpec')])).toEqual([]);
    expect(problemEvents([], [c('DeploymentBlocked', 'False', 'ReadForbidden')])).toEqual([]);
    expect(problemEvents([], [c('Ready', 'False', 'Baking')])).toEqual([]);
  });

  it('repeats nothing already said, but warns again when the status, reason or message changes', () => {
    const now = c('Ready', 'False', 'RolloutFailed', 'v2 failed');
    expect(problemEvents([now], [now])).toEqual([]);
    expect(problemEvents([{ ...now, lastTransitionTime: '2026-12-03T11:00:00Z' }], [now])).toEqual([]);
    for (const before of [
      { ...now, status: 'Unknown' as const },
      { ...now, reason: 'InvalidSpec' },
      { ...now, message: 'v1 failed' },
      { ...now, type: 'Released' },
    ]) {
      expect(problemEvents([before], [now])).toEqual([
        { type: 'Warning', reason: 'RolloutFailed', message: 'v2 failed' },
      ]);
    }
  });
});
