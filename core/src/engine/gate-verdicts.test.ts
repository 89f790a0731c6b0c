// One RolloutGate's verdict, who recorded it, and the "approved/total" column (spec §2.2, §3.4):
// what `kubectl kuberik get`, the history entry and the gate list show for a version.
import { describe, expect, it } from 'vitest';
import type { GateDecisionRecord, RolloutGate, RolloutGateSummary } from '../model/index.js';
import { approvalsOf, decidedBy, gateDecision, gatesSummaryText } from './gates.js';
import { gate } from './test-support/fixtures.js';

const recorded = (g: RolloutGate, decisions: GateDecisionRecord[]): RolloutGate => ({
  ...g,
  status: { decisions },
});
const alice = { user: 'alice', time: '2026-11-27T09:00:00Z' };

describe('gateDecision messages', () => {
  it('names the denied, the approved and the awaited version', () => {
    expect(gateDecision(gate('g', { deniedVersions: ['v2'] }), 'v2')).toEqual({
      decision: 'Denied',
      message: 'v2 was denied',
    });
    expect(gateDecision(gate('g', { allowedVersions: ['v2'] }), 'v2')).toEqual({
      decision: 'Approved',
      message: 'v2 is approved',
    });
    expect(gateDecision(gate('g', { allowedVersions: ['v1'] }), 'v2')).toEqual({
      decision: 'Pending',
      message: 'Waiting for approval of v2',
    });
    expect(gateDecision(gate('g', { passing: true }), 'v2')).toEqual({
      decision: 'Approved',
      message: 'Gate is passing',
    });
  });

  it('without a pending version answers for the next one, which no list names yet', () => {
    const lists = gate('g', { allowedVersions: ['v2'], deniedVersions: ['v3'] });
    expect(gateDecision(lists, undefined)).toEqual({
      decision: 'Pending',
      message: 'Waiting for approval of the next version',
    });
    expect(gateDecision(gate('g', {}), undefined).message).toBe('Waiting for approval of the next version');
    expect(gateDecision(gate('g', { passing: true }), undefined).decision).toBe('Approved');
  });

  it('a gate without a spec waits for approval', () => {
    expect(gateDecision({ ...gate('g'), spec: undefined } as unknown as RolloutGate, 'v2')).toEqual({
      decision: 'Pending',
      message: 'Waiting for approval of v2',
    });
  });
});

describe('decidedBy', () => {
  const g = recorded(gate('g', { allowedVersions: ['v2'] }), [
    { version: 'v2', verdict: 'Denied', user: 'bob', time: '2026-11-27T08:00:00Z' },
    { version: 'v1', verdict: 'Approved', ...alice },
    { version: 'v2', verdict: 'Approved', ...alice, message: 'looks good' },
  ]);

  it('finds the record of this version with this verdict, its message included', () => {
    expect(decidedBy(g, 'v2', 'Approved')).toEqual({ ...alice, message: 'looks good' });
    expect(decidedBy(g, 'v2', 'Denied')).toEqual({ user: 'bob', time: '2026-11-27T08:00:00Z' });
    expect(decidedBy(g, 'v1', 'Approved')).toEqual(alice);
  });

  it('names nobody for a pending verdict, for no version, or where nothing was recorded', () => {
    expect(decidedBy(g, 'v2', 'Pending')).toBeUndefined();
    expect(decidedBy(g, undefined, 'Approved')).toBeUndefined();
    expect(decidedBy(g, 'v3', 'Approved')).toBeUndefined();
    expect(decidedBy(gate('g', { allowedVersions: ['v2'] }), 'v2', 'Approved')).toBeUndefined();
  });
});

describe('decidedBy with a hand-edited record list', () => {
  const odd = recorded(gate('g', {}), [
    { verdict: 'Approved', user: 'mallory', time: '2026-11-27T08:00:00Z' },
    { version: 'v2', verdict: 'Pending', user: 'mallory', time: '2026-11-27T08:00:00Z' },
  ] as unknown as GateDecisionRecord[]);

  it('names nobody for a record without a version or with a pending verdict', () => {
    expect(decidedBy(odd, undefined, 'Approved')).toBeUndefined();
    expect(decidedBy(odd, 'v2', 'Pending')).toBeUndefined();
  });
});

describe('approvalsOf (the history entry)', () => {
  it('lists, by gate name, who approved the version on each gate that approves it now', () => {
    const gates = [
      recorded(gate('zeta', { allowedVersions: ['v2'] }), [{ version: 'v2', verdict: 'Approved', ...alice }]),
      recorded(gate('alpha', { allowedVersions: ['v2'] }), [
        { version: 'v2', verdict: 'Approved', user: 'carol', time: '2026-11-27T09:30:00Z' },
      ]),
      // Approved by hand-editing the list: nobody to name.
      gate('by-hand', { allowedVersions: ['v2'] }),
      // A recorded approval that a later edit took back.
      recorded(gate('revoked', { allowedVersions: [] }), [{ version: 'v2', verdict: 'Approved', ...alice }]),
    ];
    expect(approvalsOf(gates, 'v2')).toEqual([
      { gate: 'alpha', user: 'carol', time: '2026-11-27T09:30:00Z' },
      { gate: 'zeta', ...alice },
    ]);
    expect(gates.map((x) => x.metadata.name)).toEqual(['zeta', 'alpha', 'by-hand', 'revoked']);
  });
});

describe('gatesSummaryText', () => {
  const summary = (decision: RolloutGateSummary['decision']): RolloutGateSummary => ({
    name: 'g',
    kind: 'RolloutGate',
    decision,
    message: '',
  });

  it('counts approved out of all', () => {
    expect(gatesSummaryText([summary('Approved'), summary('Pending'), summary('Denied')])).toBe('1/3');
    expect(gatesSummaryText([])).toBe('0/0');
  });
});
