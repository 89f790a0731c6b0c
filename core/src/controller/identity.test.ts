import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { controllerIdentity } from './identity.js';

describe('controllerIdentity', () => {
  it('prefers --identity, then POD_NAME, then the Pod hostname inside Kubernetes', () => {
    expect(controllerIdentity(' ci-runner ', { POD_NAME: 'kuberik-controller-abc' })).toBe('ci-runner');
    expect(controllerIdentity(undefined, { POD_NAME: 'kuberik-controller-abc', HOSTNAME: 'x' })).toBe(
      'kuberik-controller-abc',
    );
    expect(
      controllerIdentity(undefined, {
        KUBERNETES_SERVICE_HOST: '10.0.0.1',
        HOSTNAME: 'kuberik-controller-def',
      }),
    ).toBe('kuberik-controller-def');
  });

  it('is `user@host pid` on a laptop, where HOSTNAME is not trusted', () => {
    expect(controllerIdentity(undefined, { HOSTNAME: 'whatever' })).toMatch(
      new RegExp(`^.+@${hostname().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} ${process.pid}$`),
    );
  });
});
