// Kubeconfig loading (KUBECONFIG, --kubeconfig, --context, namespace override). client-node's
// loadFromDefault() silently falls back to http://localhost:8080 when there is no config at all;
// we detect that and say what to do instead.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeError } from './errors.js';

export interface KubeConfigOptions {
  /** Path given with --kubeconfig; wins over KUBECONFIG. */
  kubeconfig?: string;
  /** Kubeconfig text (YAML or JSON), e.g. from the sandbox; wins over both paths. */
  kubeconfigText?: string;
  /** --context */
  context?: string;
  /** -n / --namespace; overrides the context's namespace. */
  namespace?: string;
  /** Defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** Per-request limit (--request-timeout); 0 = none; default 30 s. */
  requestTimeoutMs?: number;
}

export interface LoadedKubeConfig {
  kc: KubeConfig;
  context: string;
  /** Effective default namespace. */
  namespace: string;
  server: string;
  /** The kubeconfig user entry's name (identity fallback). */
  userName?: string;
  requestTimeoutMs?: number;
}

const NO_CONFIG_HINT =
  'no kubeconfig found (no --kubeconfig, no KUBECONFIG, no ~/.kube/config) — point KUBECONFIG at a cluster, ' +
  'or run `kubectl kuberik sandbox` for a local one';

export function loadKubeConfig(opts: KubeConfigOptions = {}): LoadedKubeConfig {
  const env = opts.env ?? process.env;
  const kc = new KubeConfig();
  try {
    if (opts.kubeconfigText !== undefined) {
      if (opts.kubeconfigText.trim() === '')
        throw new KubeError('NoConfig', `the kubeconfig is empty — ${NO_CONFIG_HINT}`);
      kc.loadFromString(opts.kubeconfigText);
    } else if (opts.kubeconfig) {
      if (!existsSync(opts.kubeconfig)) {
        throw new KubeError('NoConfig', `kubeconfig file ${opts.kubeconfig} does not exist (--kubeconfig)`);
      }
      loadFile(kc, opts.kubeconfig, '--kubeconfig');
    } else if (env.KUBECONFIG) {
      const files = env.KUBECONFIG.split(process.platform === 'win32' ? ';' : ':').filter(Boolean);
      const present = files.filter((f) => existsSync(f));
      if (present.length === 0) {
        throw new KubeError(
          'NoConfig',
          `KUBECONFIG names ${files.join(', ')}, which does not exist — ${NO_CONFIG_HINT}`,
        );
      }
      if (present.length === 1) loadFile(kc, present[0] as string, 'KUBECONFIG');
      else kc.loadFromDefault({}, false); // merges the files, as kubectl does
    } else {
      const home = env.HOME ?? homedir();
      const file = join(home, '.kube', 'config');
      if (existsSync(file)) loadFile(kc, file, 'the default location');
      else if (env.KUBERNETES_SERVICE_HOST) kc.loadFromCluster();
      else throw new KubeError('NoConfig', NO_CONFIG_HINT);
    }
  } catch (e) {
    if (e instanceof KubeError) throw e;
    throw new KubeError('NoConfig', `cannot read kubeconfig: ${firstLine(e)}`, e);
  }

  if (kc.getContexts().length === 0)
    throw new KubeError('NoConfig', `kubeconfig has no contexts — ${NO_CONFIG_HINT}`);
  if (opts.context) {
    const names = kc.getContexts().map((c) => c.name);
    if (!names.includes(opts.context)) {
      throw new KubeError(
        'NoConfig',
        `context "${opts.context}" not found in kubeconfig (available: ${names.join(', ')})`,
      );
    }
    kc.setCurrentContext(opts.context);
  }
  const ctx = kc.getContextObject(kc.getCurrentContext());
  if (!ctx)
    throw new KubeError('NoConfig', `kubeconfig has no current-context — pass --context (${NO_CONFIG_HINT})`);
  const cluster = kc.getCurrentCluster();
  if (!cluster?.server) {
    throw new KubeError('NoConfig', `context "${ctx.name}" names no cluster with a server address`);
  }
  if (cluster.server.replace(/\/$/, '') === 'http://localhost:8080' && ctx.name === 'loaded-context') {
    throw new KubeError('NoConfig', NO_CONFIG_HINT);
  }
  if (cluster.server.startsWith('http:') && !cluster.skipTLSVerify) {
    throw new KubeError(
      'NoConfig',
      `cluster ${cluster.name} uses plain http (${cluster.server}) without insecure-skip-tls-verify: true; ` +
        'client-node refuses that — set it in the kubeconfig',
    );
  }
  return {
    kc,
    context: ctx.name,
    namespace: opts.namespace || ctx.namespace || 'default',
    server: cluster.server.replace(/\/$/, ''),
    userName: ctx.user || undefined,
    ...(opts.requestTimeoutMs !== undefined ? { requestTimeoutMs: opts.requestTimeoutMs } : {}),
  };
}

/** client-node reads an empty file as nothing and then fails on `undefined.clusters`; say it plainly. */
function loadFile(kc: KubeConfig, path: string, from: string): void {
  if (readFileSync(path, 'utf8').trim() === '') {
    throw new KubeError('NoConfig', `kubeconfig file ${path} (${from}) is empty — ${NO_CONFIG_HINT}`);
  }
  kc.loadFromFile(path);
}

const firstLine = (e: unknown): string => String(e instanceof Error ? e.message : e).split('\n')[0] ?? '';
