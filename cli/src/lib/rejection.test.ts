import { ActionRejected, type Rejection } from '@kuberik/core/actions';
import { describe, expect, it } from 'vitest';
import { toCliError } from './cli-error.js';

const base = { rollout: 'my-app', hint: 'Invalid' as const };

describe('a refused action on the command line: one line and the exit code by kind', () => {
  it.each<[Rejection, string, number]>([
    [
      {
        ...base,
        kind: 'RolloutNotFound',
        action: 'deploy',
        namespace: 'prod',
        suggestions: [],
        others: 2,
        hint: 'NotFound',
        message: 'rollout "x" not found in namespace prod',
      },
      'rollout "x" not found in namespace prod — list them with: kubectl kuberik get -n prod',
      2,
    ],
    [
      {
        ...base,
        kind: 'RolloutNotFound',
        action: 'unpin',
        namespace: 'prod',
        suggestions: ['my-app'],
        others: 1,
        hint: 'NotFound',
        message: 'rollout "my-ap" not found in namespace prod (did you mean "my-app"?)',
      },
      'rollout "my-ap" not found in namespace prod (did you mean "my-app"?)',
      2,
    ],
    [
      {
        ...base,
        kind: 'VersionUnknown',
        action: 'pin',
        version: 'v9',
        suggestions: [],
        hint: 'NotFound',
        message: 'version "v9" is not a release of my-app',
      },
      'version "v9" is not a release of my-app; to pin a tag the ImagePolicy never reported, add --allow-unknown',
      2,
    ],
    [
      {
        ...base,
        kind: 'NoPendingVersion',
        action: 'deny',
        message: 'my-app has no pending version to deny — name one',
      },
      'my-app has no pending version to deny — name one: kubectl kuberik deny my-app VERSION',
      1,
    ],
    [
      { ...base, kind: 'NoRollbackTarget', action: 'rollback', message: 'no earlier one — name one' },
      'no earlier one — name one: kubectl kuberik rollback my-app --to VERSION',
      1,
    ],
    [
      {
        ...base,
        kind: 'GateNotFound',
        action: 'approve',
        gate: 'g',
        gates: [],
        hint: 'NotFound',
        message: 'gate "g"',
      },
      'gate "g"',
      2,
    ],
    [
      {
        ...base,
        kind: 'Forbidden',
        action: 'approve',
        hint: 'Forbidden',
        message: 'you may not patch rolloutgates',
      },
      'you may not patch rolloutgates',
      3,
    ],
    [
      { ...base, kind: 'WouldBeRefused', action: 'retry', message: 'Retry refused: …' },
      'Retry refused: …',
      1,
    ],
  ])('%j', (rejection, line, exit) => {
    const e = toCliError(new ActionRejected(rejection));
    expect(e.message).toBe(line);
    expect(e.exitCode).toBe(exit);
  });
});
