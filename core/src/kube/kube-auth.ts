// TLS material and auth headers for one kubeconfig context, applied to node:https options the way
// client-node's KubeConfig.applyToHTTPSOptions does (the transport calls only that). Tokens, token
// files, client certificates and basic auth are handled here; users with `exec` or `auth-provider`
// (plugins that run programs or refresh OIDC tokens) are handed to client-node, loaded only then.
import { readFileSync } from 'node:fs';
import type https from 'node:https';
import type { KcCluster, KcUser, KubeconfigData } from './kubeconfig-file.js';

export interface KubeAuth {
  applyToHTTPSOptions(opts: https.RequestOptions): Promise<void>;
  getContexts(): { name: string }[];
}

/** A file's bytes, else the base64 data: client-node's bufferFromFileOrString (the file wins). */
const fileOrData = (file?: string, data?: string): Buffer | undefined =>
  file ? readFileSync(file) : data ? Buffer.from(data, 'base64') : undefined;

export function kubeAuth(config: KubeconfigData, contextName: string): KubeAuth {
  const ctx = config.contexts.find((c) => c.name === contextName);
  const cluster = config.clusters.find((c) => c.name === ctx?.cluster);
  const user = config.users.find((u) => u.name === ctx?.user);
  const getContexts = () => config.contexts.map((c) => ({ name: c.name }));
  if (user && (user.exec || user.authProvider)) {
    // 'tokenFile' is client-node's own auth-provider (its in-cluster user); everything else is a plugin.
    if (!(user.authProvider?.config?.tokenFile && !user.exec)) {
      return { getContexts, applyToHTTPSOptions: viaClientNode(config, contextName) };
    }
  }
  return {
    getContexts,
    applyToHTTPSOptions: async (opts) => {
      // client-node applies nothing at all when the context names no known user
      if (!user) return;
      applyTls(opts, cluster, user);
      const headers = (opts.headers ??= {}) as Record<string, string>;
      if (user.impersonateUser) headers['Impersonate-User'] = user.impersonateUser;
      const token = user.token ?? readToken(user.tokenFile ?? user.authProvider?.config?.tokenFile);
      if (token) headers.Authorization = `Bearer ${token}`;
      if (user.username) opts.auth = `${user.username}:${user.password}`;
    },
  };
}

function applyTls(opts: https.RequestOptions, cluster: KcCluster | undefined, user: KcUser): void {
  if (cluster?.skipTLSVerify) opts.rejectUnauthorized = false;
  if (cluster?.tlsServerName) opts.servername = cluster.tlsServerName;
  const ca = cluster && fileOrData(cluster.caFile, cluster.caData);
  if (ca) opts.ca = ca;
  const cert = fileOrData(user.certFile, user.certData);
  if (cert) opts.cert = cert;
  const key = fileOrData(user.keyFile, user.keyData);
  if (key) opts.key = key;
}

/**
 * Read per request: a projected service-account token rotates. Trimmed, as client-go does
 * (a trailing newline would make the header invalid).
 */
const readToken = (file?: string): string | undefined =>
  file ? readFileSync(file, 'utf8').trim() || undefined : undefined;

function viaClientNode(config: KubeconfigData, contextName: string): KubeAuth['applyToHTTPSOptions'] {
  let kc: Promise<{ applyToHTTPSOptions(o: https.RequestOptions): Promise<void> }> | undefined;
  return async (opts) => {
    kc ??= import('./client-node.js').then(({ KubeConfig }) => {
      const k = new KubeConfig();
      // Our entries use client-node's field names; its loaders would produce the same objects.
      k.loadFromOptions({
        clusters: config.clusters,
        users: config.users.map((u) => ({ ...u, token: u.token ?? readToken(u.tokenFile) })),
        contexts: config.contexts,
        currentContext: contextName,
      });
      return k;
    });
    await (await kc).applyToHTTPSOptions(opts);
  };
}
