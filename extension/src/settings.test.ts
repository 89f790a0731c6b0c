import { expect, it } from 'vitest';
import { readSettings } from './settings.js';

it('reads the kuberik.* settings with defaults for missing or malformed values', () => {
  const values: Record<string, unknown> = {
    kubeconfig: '  /tmp/k.yaml ',
    context: '',
    namespaces: ['team-b', 'team-a', 'team-b', 3, ' '],
    'notifications.bakeSucceeded': false,
  };
  expect(readSettings((k) => values[k])).toEqual({
    kubeconfig: '/tmp/k.yaml',
    context: undefined,
    namespaces: ['team-a', 'team-b'],
    notify: { awaitingApproval: true, bakeFailed: true, bakeSucceeded: false },
  });
  expect(readSettings(() => 'garbage').namespaces).toEqual([]);
});
