import { describe, expect, it } from 'vitest';
import { entry, HOUR, later, MIN, NOW, story } from '../testing/fixtures.js';
import { approveWarning, denyWarning, rollbackWarning, stillHeld } from './guard-rails.js';

const r = () => story().rollout; // v1.2.0 live, v1.1.9 failed before, v1.3.0 pending

describe('guard rails', () => {
  it('warns before denying the live version only', () => {
    expect(denyWarning(r(), 'v1.2.0')).toMatch(
      /^v1\.2\.0 is the live version of my-app: denying it marks it rejected/,
    );
    expect(denyWarning(r(), 'v1.3.0')).toBeUndefined();
  });
  it('warns before approving a version older than the live one', () => {
    expect(approveWarning(r(), 'v1.1.9')).toContain('kubectl kuberik rollback my-app --to v1.1.9');
    expect(approveWarning(r(), 'v1.3.0')).toBeUndefined();
  });
  it('warns before rolling back to a version that never ran, failed or was rejected', () => {
    expect(rollbackWarning(r(), 'v1.3.0')).toBe(
      'v1.3.0 never ran on my-app, so a rollback to it goes to an untried version',
    );
    expect(rollbackWarning(r(), 'v1.1.9')).toContain('failed its bake');
    const rejected = story({ rejected: ['v1.2.0'] }).rollout;
    expect(rollbackWarning(rejected, 'v1.2.0')).toContain('was rejected');
    const fine = story({
      history: [entry({ id: 2, tag: 'v1.2.0' }), entry({ id: 1, tag: 'v1.1.9' })],
    }).rollout;
    expect(rollbackWarning(fine, 'v1.1.9')).toBeUndefined();
  });
  it('after approving, names the schedule that still holds the version and when it opens', () => {
    const held = story({
      gates: [
        {
          name: 'business-hours',
          kind: 'RolloutSchedule',
          decision: 'Pending',
          message: 'closed',
          nextChange: later(2 * HOUR + 24 * MIN),
        },
      ],
    }).rollout;
    expect(stillHeld(held, 'v1.3.0', NOW)).toBe('still held by business-hours, opens in 2h24m');
    expect(stillHeld(r(), 'v1.3.0', NOW)).toBeUndefined();
  });
});
