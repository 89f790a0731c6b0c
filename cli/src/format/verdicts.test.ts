import { describe, expect, it } from 'vitest';
import { parseVerdictEvent } from './verdicts.js';

describe('approval events', () => {
  it('reads who approved or denied which version on which gate', () => {
    expect(
      parseVerdictEvent('Approved', 'v1.3.0 approved by alice on production-approval: QA signed off'),
    ).toEqual(['v1.3.0/production-approval', { verb: 'approved', by: 'alice', reason: 'QA signed off' }]);
    expect(parseVerdictEvent('Denied', 'v1.4.0 denied by system:serviceaccount:ci:bot on prod')).toEqual([
      'v1.4.0/prod',
      { verb: 'denied', by: 'system:serviceaccount:ci:bot' },
    ]);
  });
  it('ignores other events', () => {
    expect(parseVerdictEvent('Deployed', 'v1.3.0 deployed')).toBeUndefined();
    expect(parseVerdictEvent('Approved', undefined)).toBeUndefined();
  });
});
