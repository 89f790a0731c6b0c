import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKubeConfig } from './config.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

interface Applied {
  headers: Record<string, unknown>;
  ca?: string;
  cert?: string;
  key?: string;
  rejectUnauthorized?: boolean;
  servername?: string;
  auth?: string;
}

/** What a set of https options carries, comparable between client-node and us. */
function applied(opts: https.RequestOptions): Applied {
  const s = (v: unknown) => (v === undefined ? undefined : String(v));
  const out: Applied = { headers: { ...(opts.headers as Record<string, unknown>) } };
  for (const k of ['ca', 'cert', 'key', 'servername', 'auth'] as const)
    if (opts[k] !== undefined) out[k] = s(opts[k]);
  if (opts.rejectUnauthorized !== undefined) out.rejectUnauthorized = opts.rejectUnauthorized;
  return out;
}

async function ours(file: string, context?: string): Promise<Applied> {
  const opts: https.RequestOptions = {};
  await loadKubeConfig({ kubeconfig: file, context }).kc.applyToHTTPSOptions(opts);
  return applied(opts);
}

async function clientNodes(file: string, context?: string): Promise<Applied> {
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  if (context) kc.setCurrentContext(context);
  const opts: https.RequestOptions = {};
  await kc.applyToHTTPSOptions(opts);
  return applied(opts);
}

const config = (cluster: object, user: object, extra: object = {}) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'c', cluster: { server: 'https://127.0.0.1:6443', ...cluster } }],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'ctx', context: { cluster: 'c', user: 'u', namespace: 'team' } }],
    'current-context': 'ctx',
    ...extra,
  });

describe('the kubeconfig loader applies each auth form as client-node does', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kuberik-kcf-'));
    writeFileSync(join(dir, 'ca.crt'), 'CA FROM FILE');
    writeFileSync(join(dir, 'client.crt'), 'CERT FROM FILE');
    writeFileSync(join(dir, 'client.key'), 'KEY FROM FILE');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const cases: [string, object, object][] = [
    ['a bearer token', {}, { token: 'tok-123' }],
    [
      'certificate and key data, CA data',
      { 'certificate-authority-data': b64('CA DATA') },
      {
        'client-certificate-data': b64('CERT DATA'),
        'client-key-data': b64('KEY DATA'),
      },
    ],
    // relative paths are relative to the kubeconfig's directory (client-node makePathsAbsolute)
    [
      'certificate, key and CA files (relative paths)',
      { 'certificate-authority': 'ca.crt' },
      {
        'client-certificate': 'client.crt',
        'client-key': 'client.key',
      },
    ],
    [
      'insecure-skip-tls-verify and tls-server-name',
      {
        'insecure-skip-tls-verify': true,
        'tls-server-name': 'api.internal',
      },
      { token: 't' },
    ],
    ['basic auth and impersonation', {}, { username: 'bob', password: 'pw', as: 'alice' }],
    ['no credentials at all', {}, {}],
  ];
  for (const [what, cluster, user] of cases) {
    it(what, async () => {
      const file = join(dir, 'config');
      writeFileSync(file, config(cluster, user));
      const got = await ours(file);
      expect(got).toEqual(await clientNodes(file));
      expect(Object.keys(got).length + Object.keys(got.headers).length).toBeGreaterThan(
        what === 'no credentials at all' ? 0 : 1,
      );
    });
  }

  it('reads tokenFile per request and trims it (client-go; a rotated token is picked up)', async () => {
    const file = join(dir, 'config');
    writeFileSync(join(dir, 'token'), 'first\n');
    writeFileSync(file, config({}, { tokenFile: 'token' }));
    const loaded = loadKubeConfig({ kubeconfig: file });
    const opts: https.RequestOptions = {};
    await loaded.kc.applyToHTTPSOptions(opts);
    expect(opts.headers).toMatchObject({ Authorization: 'Bearer first' });
    writeFileSync(join(dir, 'token'), 'second');
    const again: https.RequestOptions = {};
    await loaded.kc.applyToHTTPSOptions(again);
    expect(again.headers).toMatchObject({ Authorization: 'Bearer second' });
  });

  it('hands exec users to client-node (loaded then), which runs the plugin', async () => {
    const file = join(dir, 'config');
    const exec = {
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      command: process.execPath,
      args: [
        '-e',
        'console.log(JSON.stringify({kind:"ExecCredential",apiVersion:"client.authentication.k8s.io/v1beta1",status:{token:"from-exec"}}))',
      ],
      interactiveMode: 'Never',
    };
    writeFileSync(file, config({}, { exec }));
    const got = await ours(file);
    expect(got.headers).toMatchObject({ Authorization: 'Bearer from-exec' });
    expect(got).toEqual(await clientNodes(file));
  });

  it('in-cluster: service host and port, the service account CA, token and namespace', async () => {
    const sa = join(dir, 'sa');
    mkdirSync(sa);
    writeFileSync(join(sa, 'ca.crt'), 'SA CA');
    writeFileSync(join(sa, 'token'), 'sa-token\n');
    writeFileSync(join(sa, 'namespace'), 'kuberik-system');
    const { inClusterKubeconfig } = await import('./kubeconfig-file.js');
    const { kubeAuth } = await import('./kube-auth.js');
    const kc = inClusterKubeconfig(
      { KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443' },
      sa,
    );
    expect(kc.clusters[0]!.server).toBe('https://[fd00::1]:443');
    expect(kc.contexts[0]!.namespace).toBe('kuberik-system');
    const opts: https.RequestOptions = {};
    await kubeAuth(kc, kc.currentContext!).applyToHTTPSOptions(opts);
    expect(applied(opts)).toEqual({ headers: { Authorization: 'Bearer sa-token' }, ca: 'SA CA' });
  });
});

describe('KUBECONFIG lists merge as kubectl merges them', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kuberik-kcm-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, doc: object) => {
    const p = join(dir, name);
    writeFileSync(p, JSON.stringify({ apiVersion: 'v1', kind: 'Config', ...doc }));
    return p;
  };

  // client-go clientcmd (ClientConfigLoadingRules.Load, "first file to set a value wins"): the
  // first file that defines a cluster/user/context name keeps it, current-context comes from the
  // first file that sets one, and files of the list that do not exist are skipped.
  it('the first file that names an entry wins, and the first current-context', () => {
    const a = file('a', {
      clusters: [{ name: 'shared', cluster: { server: 'https://a:1' } }],
      users: [{ name: 'me', user: { token: 'a' } }],
      contexts: [{ name: 'one', context: { cluster: 'shared', user: 'me', namespace: 'from-a' } }],
    });
    const b = file('b', {
      clusters: [
        { name: 'shared', cluster: { server: 'https://b:1' } },
        { name: 'only-b', cluster: { server: 'https://b:2' } },
      ],
      users: [{ name: 'me', user: { token: 'b' } }],
      contexts: [
        { name: 'one', context: { cluster: 'only-b', user: 'me' } },
        { name: 'two', context: { cluster: 'only-b', user: 'me', namespace: 'from-b' } },
      ],
      'current-context': 'two',
    });
    const c = file('c', { 'current-context': 'one' });
    const env = { KUBECONFIG: [join(dir, 'missing'), a, b, c].join(':') };
    expect(loadKubeConfig({ env })).toMatchObject({
      context: 'two',
      server: 'https://b:2',
      namespace: 'from-b',
    });
    expect(loadKubeConfig({ env, context: 'one' })).toMatchObject({
      server: 'https://a:1',
      namespace: 'from-a',
    });
  });

  it('a token from the first file that defines the user', async () => {
    const a = file('a', {
      clusters: [{ name: 'c', cluster: { server: 'https://a:1' } }],
      users: [{ name: 'me', user: { token: 'a' } }],
      contexts: [{ name: 'x', context: { cluster: 'c', user: 'me' } }],
      'current-context': 'x',
    });
    const b = file('b', { users: [{ name: 'me', user: { token: 'b' } }] });
    const opts: https.RequestOptions = {};
    await loadKubeConfig({ env: { KUBECONFIG: `${b}:${a}` } }).kc.applyToHTTPSOptions(opts);
    expect(opts.headers).toMatchObject({ Authorization: 'Bearer b' });
  });

  it('names the broken entry as client-node did', () => {
    const a = file('a', { clusters: [{ name: 'c', cluster: {} }] });
    expect(() => loadKubeConfig({ kubeconfig: a })).toThrow(
      'cannot read kubeconfig: clusters[0].cluster.server is missing',
    );
  });
});

// The loader parses with js-yaml's core schema (smaller to load than `yaml`, docs/cli-startup.md):
// kubeconfig YAML as kubectl and people write it must read as `yaml` read it before.
describe('kubeconfig YAML', () => {
  const text = `# written by hand, then by kubectl
apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority-data: ${b64('-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n')}
    server: https://127.0.0.1:6443/
    insecure-skip-tls-verify: true
    tls-server-name: "api.internal"
  name: 'kind-kind'
contexts:
- context: {cluster: kind-kind, user: kind-kind, namespace: "0123"}
  name: kind-kind
current-context: kind-kind
preferences: {}
users:
- name: kind-kind
  user:
    token: 'abc:def#ghi'
    as: null
    username: ~
    password: yes
`;

  it('reads to the same document as the `yaml` library (YAML 1.2 core schema)', async () => {
    const { load, CORE_SCHEMA } = await import('js-yaml');
    const { parse } = await import('yaml');
    expect(load(text, { schema: CORE_SCHEMA })).toEqual(parse(text));
  });

  it('applies as client-node applies it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kuberik-kcy-'));
    try {
      const file = join(dir, 'config');
      writeFileSync(file, text);
      expect(await ours(file)).toEqual(await clientNodes(file));
      expect(loadKubeConfig({ kubeconfig: file })).toMatchObject({
        server: 'https://127.0.0.1:6443',
        namespace: '0123',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says in one line where a file is not YAML', () => {
    let message = '';
    try {
      loadKubeConfig({ kubeconfigText: 'clusters:\n  - name: a\n   server: b\n' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^cannot read kubeconfig: \S.*\(\d+:\d+\)$/);
  });
});
