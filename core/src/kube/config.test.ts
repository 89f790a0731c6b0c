import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKubeConfig } from './config.js';
import { KubeError } from './errors.js';

const kubeconfig = (server: string, ns?: string): string =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'sandbox', cluster: { server, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'alice', user: { token: 'alice-token' } }],
    contexts: [
      { name: 'sandbox', context: { cluster: 'sandbox', user: 'alice', namespace: ns } },
      { name: 'other', context: { cluster: 'sandbox', user: 'alice' } },
    ],
    'current-context': 'sandbox',
  });

describe('loadKubeConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kuberik-kc-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('says how to get a cluster when there is no kubeconfig at all (instead of localhost:8080)', () => {
    const err = (() => {
      try {
        loadKubeConfig({ env: { HOME: dir } });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(KubeError);
    expect((err as KubeError).kind).toBe('NoConfig');
    expect((err as KubeError).message).toMatch(/no kubeconfig found.*kubectl kuberik sandbox/);
  });

  it('honours KUBECONFIG, --kubeconfig over it, --context and the namespace override', () => {
    const a = join(dir, 'a.yaml');
    const b = join(dir, 'b.yaml');
    writeFileSync(a, kubeconfig('http://127.0.0.1:1111', 'team-a'));
    writeFileSync(b, kubeconfig('http://127.0.0.1:2222', 'team-b'));
    expect(loadKubeConfig({ env: { KUBECONFIG: a, HOME: dir } })).toMatchObject({
      server: 'http://127.0.0.1:1111',
      namespace: 'team-a',
      userName: 'alice',
    });
    expect(loadKubeConfig({ kubeconfig: b, env: { KUBECONFIG: a } }).server).toBe('http://127.0.0.1:2222');
    expect(loadKubeConfig({ kubeconfig: b, context: 'other' })).toMatchObject({
      context: 'other',
      namespace: 'default',
    });
    expect(loadKubeConfig({ kubeconfig: b, namespace: 'prod' }).namespace).toBe('prod');
  });

  it('names the missing file and the unknown context', () => {
    expect(() => loadKubeConfig({ kubeconfig: join(dir, 'nope') })).toThrow(/nope does not exist/);
    const a = join(dir, 'a.yaml');
    writeFileSync(a, kubeconfig('http://127.0.0.1:1111'));
    expect(() => loadKubeConfig({ kubeconfig: a, context: 'prod' })).toThrow(
      'context "prod" not found in kubeconfig (available: sandbox, other)',
    );
  });
});
