import { describe, expect, it } from 'vitest';
import { bakingStory, entry, MIN, NOW, story } from '../testing/fixtures.js';
import { clockTime } from './duration.js';
import { lineChanges } from './line-log.js';
import { describeRollout } from './view.js';
import type { SnapshotLike } from './snapshot.js';

const view = (s = story(), now = NOW) => describeRollout(s, now);
/** The snapshot with a decision on v1.3.0 recorded on the approval gate's status, as core's actions write it. */
const recorded = (s: SnapshotLike, verdict: 'Approved' | 'Denied', user: string): SnapshotLike => ({
  ...s,
  gates: s.gates.map((g) =>
    g.metadata.name === 'production-approval'
      ? { ...g, status: { decisions: [{ verdict, version: 'v1.3.0', user, time: NOW.toISOString() }] } }
      : g,
  ),
});

describe('line log', () => {
  it('starts with a summary line and the gates', () => {
    expect(lineChanges(undefined, view())).toEqual([
      'v1.3.0 my-app: current v1.2.0 (Succeeded), pending v1.3.0, phase WaitingForGates, driven by this watch',
      `v1.3.0 gates: Business hours open (open until ${clockTime(new Date(NOW.getTime() + 5 * 3600_000)).slice(0, 5)})`,
      'v1.3.0 gates: Production approval awaiting approval',
    ]);
  });

  it('prints nothing when nothing changed', () => {
    expect(lineChanges(view(), view())).toEqual([]);
  });

  it('reports an approval, the deploy and the bake start', () => {
    const approved = story({
      gates: [
        {
          name: 'production-approval',
          kind: 'RolloutGate',
          prettyName: 'Production approval',
          decision: 'Approved',
          message: '',
        },
        {
          name: 'business-hours',
          kind: 'RolloutSchedule',
          prettyName: 'Business hours',
          decision: 'Approved',
          message: '',
          nextChange: new Date(NOW.getTime() + 5 * 3600_000).toISOString(),
        },
      ],
    });
    expect(lineChanges(view(), view(approved))).toEqual(['v1.3.0 gates: Production approval approved']);
    const withWho = view(recorded(approved, 'Approved', 'alice'));
    expect(lineChanges(view(), withWho)).toEqual(['v1.3.0 gates: Production approval approved by alice']);
    expect(lineChanges(view(approved), view(bakingStory()))).toEqual(
      [
        'v1.3.0 deployed (was v1.2.0)',
        'v1.3.0 phase: WaitingForGates → Baking',
        'v1.2.0 health: payments-slo Healthy',
        'v1.3.0 bake: started (15m)',
      ].map((l) => (l.startsWith('v1.2.0 health') ? l.replace('v1.2.0', 'v1.3.0') : l)),
    );
  });

  it('marks bake progress at quarters and the failure with its reason', () => {
    const at = (ms: number) => describeRollout(bakingStory(), new Date(NOW.getTime() + ms));
    expect(lineChanges(at(0), at(1000))).toEqual([]);
    expect(lineChanges(at(0), at(1 * MIN))).toEqual(['v1.3.0 bake: 50% (8m12s of 15m, remaining 6m48s)']);
    const failed = story({
      phase: 'Failed',
      pending: undefined,
      history: [
        entry({
          id: 13,
          tag: 'v1.3.0',
          bakeStatus: 'Failed',
          bakeStatusMessage: 'payments-slo: error rate 4%',
        }),
      ],
    });
    expect(lineChanges(at(0), view(failed))).toContain('v1.3.0 bake: failed: payments-slo: error rate 4%');
  });

  it('names the approver the driver copied into the gate summary (decidedBy)', () => {
    const approved = story({
      gates: [
        {
          name: 'production-approval',
          kind: 'RolloutGate',
          prettyName: 'Production approval',
          decision: 'Approved',
          message: '',
          decidedBy: { user: 'carol', time: NOW.toISOString() },
        },
      ],
    });
    expect(lineChanges(view(), view(approved))).toContain(
      'v1.3.0 gates: Production approval approved by carol',
    );
  });

  it('names who denied a rejected version', () => {
    const rejected = story({ phase: 'Rejected', rejected: ['v1.3.0'] });
    expect(lineChanges(view(), view(recorded(rejected, 'Denied', 'bob')))).toContain(
      'v1.3.0 rejected: denied by bob on production-approval',
    );
  });

  it('reports who drives when the lease moves', () => {
    const other = story({ driving: false, holder: 'bob@ci 7' });
    expect(lineChanges(view(), view(other))).toContain('v1.3.0 driver: driven by bob@ci 7');
  });
});
