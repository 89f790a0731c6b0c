// Status conditions (meta.SetStatusCondition semantics): the transition time moves only with the
// status, observedGeneration is written when known, and conditions keep one order for readers.
import { describe, expect, it } from 'vitest';
import type { Condition } from '../model/index.js';
import { setCondition } from './conditions.js';

const c = (type: string, status: Condition['status'] = 'True'): Condition => ({
  type,
  status,
  reason: 'R',
  message: '',
  lastTransitionTime: '2026-12-03T09:00:00Z',
});
const NOW = '2026-12-03T10:00:00Z';

describe('setCondition', () => {
  it('keeps the documented order, Ready first and unknown types last', () => {
    const out = setCondition(
      [c('Custom'), c('GatesPassing')],
      'Ready',
      { status: 'True', reason: 'R', message: '' },
      NOW,
    );
    expect(out.map((x) => x.type)).toEqual(['Ready', 'GatesPassing', 'Custom']);
  });

  it('writes observedGeneration only when given', () => {
    const value = { status: 'False' as const, reason: 'R', message: 'm' };
    expect(setCondition([], 'Ready', value, NOW, 4)[0]).toEqual({
      type: 'Ready',
      ...value,
      lastTransitionTime: NOW,
      observedGeneration: 4,
    });
    expect(setCondition([], 'Ready', value, NOW)[0]).not.toHaveProperty('observedGeneration');
  });

  it('moves lastTransitionTime only when the status changes', () => {
    expect(
      setCondition([c('Ready')], 'Ready', { status: 'True', reason: 'X', message: 'y' }, NOW)[0]
        ?.lastTransitionTime,
    ).toBe('2026-12-03T09:00:00Z');
    expect(
      setCondition([c('Ready')], 'Ready', { status: 'False', reason: 'R', message: '' }, NOW)[0]
        ?.lastTransitionTime,
    ).toBe(NOW);
  });
});
