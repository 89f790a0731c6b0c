import { describe, expect, it } from 'vitest';
import type { RolloutGate } from '../model/index.js';
import { editGate, gateAlready, type GateLists, isApprovalGate, withDecision } from './gate-edit.js';
import { GATE_DECISIONS_LIMIT } from '../model/index.js';

const gate = (spec: Partial<RolloutGate['spec']>, labels?: Record<string, string>): RolloutGate => ({
  apiVersion: 'kuberik.com/v1alpha1',
  kind: 'RolloutGate',
  metadata: { name: 'production-approval', namespace: 'prod', labels },
  spec: { rolloutRef: { name: 'my-app' }, ...spec },
});

describe('approve/deny list edits (spec §2.2)', () => {
  type Row = [string, Partial<RolloutGate['spec']>, 'approve' | 'deny', GateLists];
  it.each<Row>([
    [
      'approve on a bare gate creates allowedVersions',
      {},
      'approve',
      { allowedVersions: ['v2'], deniedVersions: undefined },
    ],
    [
      'approve removes the version from deniedVersions',
      { deniedVersions: ['v2', 'v3'] },
      'approve',
      { allowedVersions: ['v2'], deniedVersions: ['v3'] },
    ],
    [
      'deny adds to deniedVersions and removes from allowedVersions',
      { allowedVersions: ['v1', 'v2'] },
      'deny',
      { allowedVersions: ['v1'], deniedVersions: ['v2'] },
    ],
    [
      'deny on a bare gate leaves allowedVersions absent',
      {},
      'deny',
      { allowedVersions: undefined, deniedVersions: ['v2'] },
    ],
  ])('%s', (_t, spec, verdict, expected) => {
    expect(editGate(gate(spec), 'v2', verdict)).toEqual(expected);
  });

  it('is idempotent: approving an approved version or denying a denied one changes nothing', () => {
    expect(editGate(gate({ allowedVersions: ['v2'] }), 'v2', 'approve')).toBeUndefined();
    expect(editGate(gate({ deniedVersions: ['v2'] }), 'v2', 'deny')).toBeUndefined();
  });

  it('knows which gates already approve and which are approval gates', () => {
    expect(gateAlready(gate({ passing: true }), 'v2', 'approve')).toBe(true);
    expect(gateAlready(gate({ passing: true, allowedVersions: ['v1'] }), 'v2', 'approve')).toBe(false);
    expect(gateAlready(gate({ allowedVersions: ['v2'], deniedVersions: ['v2'] }), 'v2', 'approve')).toBe(
      false,
    );
    expect(isApprovalGate(gate({ passing: false }), 'v2')).toBe(false);
    expect(isApprovalGate(gate({}), 'v2')).toBe(true);
  });
});

describe('the decision record on the gate (spec §10.5)', () => {
  const rec = (n: number) => ({
    verdict: 'Approved' as const,
    version: `v${n}`,
    user: 'alice',
    time: '2026-12-03T08:00:00Z',
  });

  it('puts the newest first and drops the oldest beyond the cap', () => {
    const g = gate({});
    g.status = {
      decisions: Array.from({ length: GATE_DECISIONS_LIMIT }, (_, i) => rec(GATE_DECISIONS_LIMIT - i)),
    };
    const next = withDecision(g, rec(99));
    expect(next).toHaveLength(GATE_DECISIONS_LIMIT);
    expect(next[0]?.version).toBe('v99');
    expect(next.at(-1)?.version).toBe('v2');
  });

  it('starts a record on a gate that has none', () => {
    expect(withDecision(gate({}), rec(1))).toEqual([rec(1)]);
  });
});
