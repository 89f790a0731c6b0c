// Reading kubeconfig files without client-node (~0.5 MB that every `get` paid for): parse, validate
// and merge them the way kubectl does. Entries come out in client-node's own shapes (Cluster, User,
// Context), so a user that needs client-node after all (exec, auth-provider) can be handed to it as is.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { isIPv6 } from 'node:net';
// js-yaml, not `yaml`: a third of the code to load on every `get` and TAB (docs/cli-startup.md);
// client-node read kubeconfigs with it too. The core schema is YAML 1.2's, as `yaml` parses by default.
import { CORE_SCHEMA, load } from 'js-yaml';

export interface KcCluster {
  name: string;
  server: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
  tlsServerName?: string;
  proxyUrl?: string;
}

export interface KcUser {
  name: string;
  token?: string;
  /** kubectl's `tokenFile` (read per request, as the token may rotate). */
  tokenFile?: string;
  certData?: string;
  certFile?: string;
  keyData?: string;
  keyFile?: string;
  username?: string;
  password?: string;
  impersonateUser?: string;
  exec?: unknown;
  authProvider?: { name?: string; config?: Record<string, string> };
}

export interface KcContext {
  name: string;
  cluster: string;
  user?: string;
  namespace?: string;
}

export interface KubeconfigData {
  clusters: KcCluster[];
  users: KcUser[];
  contexts: KcContext[];
  currentContext?: string;
}

type Raw = Record<string, unknown>;
const obj = (v: unknown): Raw | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * One file's text → entries. Missing names, clusters without a server and contexts without a
 * cluster are errors with client-node's wording (config_types.js), so messages stay what they were.
 * Relative file paths are resolved against `dir`, the file's directory (client-go's
 * ResolveLocalPaths; client-node's makePathsAbsolute does the same for CA, cert and key).
 */
export function parseKubeconfig(text: string, dir?: string): KubeconfigData {
  const doc = obj(load(text, { schema: CORE_SCHEMA })) ?? {};
  const abs = (p: string | undefined) => (p && dir && !isAbsolute(p) ? join(dir, p) : p);
  const list = (key: string) => (Array.isArray(doc[key]) ? (doc[key] as unknown[]) : []);
  const clusters = list('clusters').map((e, i): KcCluster => {
    const el = obj(e) ?? {};
    const c = obj(el.cluster);
    if (!el.name) throw new Error(`clusters[${i}].name is missing`);
    if (!c) throw new Error(`clusters[${i}].cluster is missing`);
    if (!str(c.server)) throw new Error(`clusters[${i}].cluster.server is missing`);
    return {
      name: String(el.name),
      server: String(c.server).replace(/\/$/, ''),
      caData: str(c['certificate-authority-data']),
      caFile: abs(str(c['certificate-authority'])),
      skipTLSVerify: c['insecure-skip-tls-verify'] === true,
      tlsServerName: str(c['tls-server-name']),
      proxyUrl: str(c['proxy-url']),
    };
  });
  const users = list('users').map((e, i): KcUser => {
    const el = obj(e) ?? {};
    if (!el.name) throw new Error(`users[${i}].name is missing`);
    const u = obj(el.user) ?? {};
    const provider = obj(u['auth-provider']);
    return {
      name: String(el.name),
      token: str(u.token),
      tokenFile: abs(str(u.tokenFile) ?? str(u['token-file'])),
      certData: str(u['client-certificate-data']),
      certFile: abs(str(u['client-certificate'])),
      keyData: str(u['client-key-data']),
      keyFile: abs(str(u['client-key'])),
      username: str(u.username),
      password: str(u.password),
      impersonateUser: str(u.as),
      exec: obj(u.exec),
      authProvider: provider as KcUser['authProvider'],
    };
  });
  const contexts = list('contexts').map((e, i): KcContext => {
    const el = obj(e) ?? {};
    const c = obj(el.context);
    if (!el.name) throw new Error(`contexts[${i}].name is missing`);
    if (!c) throw new Error(`contexts[${i}].context is missing`);
    if (!str(c.cluster)) throw new Error(`contexts[${i}].context.cluster is missing`);
    return {
      name: String(el.name),
      cluster: String(c.cluster),
      user: str(c.user),
      namespace: str(c.namespace),
    };
  });
  return { clusters, users, contexts, currentContext: str(doc['current-context']) };
}

export function readKubeconfigFile(path: string): KubeconfigData {
  return parseKubeconfig(readFileSync(path, 'utf8'), dirname(path));
}

/**
 * kubectl's merge of a KUBECONFIG list (client-go clientcmd, ClientConfigLoadingRules.Load): for
 * clusters, users and contexts the first file that defines a name wins; current-context comes from
 * the first file that sets one. (client-node's mergeConfig instead throws on a duplicate name and
 * takes the last current-context; we follow kubectl, as a kubectl plugin should.)
 */
export function mergeKubeconfigs(files: KubeconfigData[]): KubeconfigData {
  const firstByName = <T extends { name: string }>(lists: T[][]): T[] => {
    const seen = new Map<string, T>();
    for (const l of lists) for (const e of l) if (!seen.has(e.name)) seen.set(e.name, e);
    return [...seen.values()];
  };
  return {
    clusters: firstByName(files.map((f) => f.clusters)),
    users: firstByName(files.map((f) => f.users)),
    contexts: firstByName(files.map((f) => f.contexts)),
    currentContext: files.find((f) => f.currentContext)?.currentContext,
  };
}

const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * In-cluster config, as client-node's loadFromCluster (and client-go's InClusterConfig): the
 * service's host and port from the environment, the service account's CA and token files (the token
 * is re-read per request: it rotates), the namespace file when present.
 */
export function inClusterKubeconfig(env: Record<string, string | undefined>, saDir = SA_DIR): KubeconfigData {
  const host = env.KUBERNETES_SERVICE_HOST ?? '';
  const port = env.KUBERNETES_SERVICE_PORT ?? '';
  // client-node: these ports mean plain http
  const scheme = port === '80' || port === '8080' || port === '8001' ? 'http' : 'https';
  let namespace: string | undefined;
  try {
    namespace = readFileSync(join(saDir, 'namespace'), 'utf8').trim() || undefined;
  } catch {
    namespace = undefined;
  }
  return {
    clusters: [
      {
        name: 'inCluster',
        server: `${scheme}://${isIPv6(host) ? `[${host}]` : host}:${port}`,
        caFile: join(saDir, 'ca.crt'),
        skipTLSVerify: false,
      },
    ],
    users: [{ name: 'inClusterUser', tokenFile: join(saDir, 'token') }],
    contexts: [{ name: 'inClusterContext', cluster: 'inCluster', user: 'inClusterUser', namespace }],
    currentContext: 'inClusterContext',
  };
}
