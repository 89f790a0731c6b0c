import { describe, expect, it } from 'vitest';
import type { RolloutGate } from '../model/index.js';
import { approvalReason, verdictReason, verdictsOf } from './verdicts.js';

const gate = (name: string, decisions: NonNullable<RolloutGate['status']>['decisions']): RolloutGate => ({
  apiVersion: 'kuberik.com/v1alpha1',
  kind: 'RolloutGate',
  metadata: { name, namespace: 'default' },
  spec: { rolloutRef: { name: 'my-app' } },
  status: { decisions },
});

describe('decisions recorded on gates', () => {
  it('reads who approved or denied which version on which gate, the newest record winning', () => {
    const v = verdictsOf([
      gate('production-approval', [
        {
          verdict: 'Approved',
          version: 'v1.3.0',
          user: 'alice',
          time: '2026-12-03T08:02:00Z',
          message: 'QA ok',
        },
        { verdict: 'Denied', version: 'v1.3.0', user: 'bob', time: '2026-12-03T08:01:00Z' },
      ]),
      gate('security', [
        {
          verdict: 'Denied',
          version: 'v1.4.0',
          user: 'system:serviceaccount:ci:bot',
          time: '2026-12-03T08:00:00Z',
        },
      ]),
    ]);
    expect(v).toEqual({
      'v1.3.0/production-approval': {
        verb: 'approved',
        by: 'alice',
        at: '2026-12-03T08:02:00Z',
        reason: 'QA ok',
      },
      'v1.4.0/security': { verb: 'denied', by: 'system:serviceaccount:ci:bot', at: '2026-12-03T08:00:00Z' },
    });
    expect(verdictReason(v, 'v1.3.0')).toBe('approved by alice: QA ok');
  });

  it('names nobody for a gate without a record (edited by hand)', () => {
    expect(verdictsOf([gate('production-approval', undefined)])).toEqual({});
  });

  it("words a history entry's approvals", () => {
    const t = '2026-12-03T08:00:00Z';
    expect(approvalReason(undefined)).toBeUndefined();
    expect(approvalReason([{ gate: 'a', user: 'alice', time: t }])).toBe('approved by alice');
    expect(
      approvalReason([
        { gate: 'a', user: 'alice', time: t },
        { gate: 'b', user: 'carol', time: t, message: 'QA ok' },
      ]),
    ).toBe('approved by alice, carol: QA ok');
  });
});
