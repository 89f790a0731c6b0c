// Kubeconfig for the sandbox. `insecure-skip-tls-verify` is required by client-node for http:// servers.
import { stringify } from 'yaml';
import type { KubeconfigOptions } from './types.js';

export function kubeconfigYaml(url: string, opts: KubeconfigOptions = {}): string {
  const user = opts.user ?? 'sandbox';
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'sandbox', cluster: { server: url, 'insecure-skip-tls-verify': true } }],
    contexts: [
      { name: 'sandbox', context: { cluster: 'sandbox', user, namespace: opts.namespace ?? 'default' } },
    ],
    'current-context': 'sandbox',
    preferences: {},
    users: [
      {
        name: user,
        user: { ...(opts.token ? { token: opts.token } : {}), ...(opts.as ? { as: opts.as } : {}) },
      },
    ],
  });
}
