import { describe, expect, it } from 'vitest';
import { SUBSTITUTE_ANNOTATION, leaseName } from './annotations.js';

describe('annotation keys', () => {
  it('reads the variable name from a substitute annotation and refuses dotted names', () => {
    expect('rollout.kuberik.com/substitute.APP_VERSION.from'.match(SUBSTITUTE_ANNOTATION)?.[1]).toBe(
      'APP_VERSION',
    );
    expect('rollout.kuberik.com/substitute.A.B.from'.match(SUBSTITUTE_ANNOTATION)).toBeNull();
  });
  it('names the lease after the rollout', () => {
    expect(leaseName('my-app')).toBe('kuberik-rollout-my-app');
  });
});
