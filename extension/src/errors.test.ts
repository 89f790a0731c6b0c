import { KubeError } from '@kuberik/core/kube';
import { expect, it } from 'vitest';
import { errorMessage } from './errors.js';

it('shows a KubeError message as is (the same line the CLI prints)', () => {
  const e = new KubeError('Forbidden', 'alice may not patch rolloutgates.kuberik.com in namespace team-a');
  expect(errorMessage(e)).toBe('alice may not patch rolloutgates.kuberik.com in namespace team-a');
});

it('never puts a stack trace or a multi-line cause in a notification', () => {
  expect(errorMessage(new Error('socket hang up\n    at TLSSocket.onclose'))).toBe('socket hang up');
  expect(errorMessage('plain')).toBe('plain');
  expect(errorMessage(new Error(''))).toBe('unknown error');
});

it('recognises core KubeErrors structurally, by kind', async () => {
  const { isKubeError } = await import('./errors.js');
  expect(isKubeError(new KubeError('NoConfig', 'x'), 'NoConfig')).toBe(true);
  expect(isKubeError(new KubeError('NoConfig', 'x'), 'Forbidden')).toBe(false);
  expect(isKubeError(new Error('x'))).toBe(false);
});
