import { describe, expect, it } from 'vitest';
import { Kinds } from './kinds.js';
import { toKubeError } from './map-error.js';
import { HttpError } from './transport.js';

const server = 'https://prod.example:6443';
const http = (code: number, reason?: string, message = 'x'): HttpError =>
  new HttpError(
    code,
    { reason, message },
    'PATCH',
    '/apis/kuberik.com/v1alpha1/namespaces/prod/rolloutgates/g',
  );

describe('toKubeError: one line a human can act on', () => {
  it('names verb, resource and namespace on RBAC refusals, with the role to ask for', () => {
    const e = toKubeError(http(403, 'Forbidden'), {
      verb: 'patch',
      kind: Kinds.RolloutGate,
      namespace: 'prod',
      name: 'g',
      server,
    });
    expect(e.kind).toBe('Forbidden');
    expect(e.message).toBe(
      'you may not patch rolloutgates in namespace prod (RBAC) — ask for the kuberik-approver role',
    );
    const list = toKubeError(http(403), { verb: 'list', kind: Kinds.ClusterRolloutSchedule, server });
    expect(list.message).toBe(
      'you may not list clusterrolloutschedules cluster-wide (RBAC) — ask for the kuberik-viewer role',
    );
  });

  it.each([
    [404, 'NotFound', 'NotFound', 'rolloutgate g not found in namespace prod'],
    [
      409,
      'Conflict',
      'Conflict',
      'rolloutgate g was changed by someone else meanwhile — re-read and try again',
    ],
    [409, 'AlreadyExists', 'Conflict', 'rolloutgate g already exists in namespace prod'],
    [422, 'Invalid', 'Invalid', 'the API server refused the patch of rolloutgate g: x'],
    [
      500,
      'InternalError',
      'Unreachable',
      'the API server at https://prod.example:6443 answered 500 to patch rolloutgates: x',
    ],
  ] as const)('%i %s → %s', (code, reason, kind, message) => {
    const e = toKubeError(http(code, reason), {
      verb: 'patch',
      kind: Kinds.RolloutGate,
      namespace: 'prod',
      name: 'g',
      server,
    });
    expect(e.kind).toBe(kind);
    expect(e.message).toBe(message);
  });

  it('explains network failures', () => {
    const e = toKubeError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), {
      verb: 'get',
      server,
    });
    expect(e.kind).toBe('Unreachable');
    expect(e.message).toBe(
      'cannot reach the API server at https://prod.example:6443: connection refused — is the cluster (or `kubectl kuberik sandbox`) running?',
    );
  });
});
