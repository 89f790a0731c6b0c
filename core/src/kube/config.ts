// Kubeconfig loading (KUBECONFIG, --kubeconfig, --context, namespace override, in-cluster) without
// client-node: kubeconfig-file.ts reads and merges the files as kubectl does, kube-auth.ts applies
// the chosen user (client-node is loaded only for exec and auth-provider users). No config at all
// is an error that says what to do (client-node would fall back to http://localhost:8080).
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { KubeError } from './errors.js';
import { type KubeAuth, kubeAuth } from './kube-auth.js';
import {
  inClusterKubeconfig,
  type KubeconfigData,
  mergeKubeconfigs,
  parseKubeconfig,
  readKubeconfigFile,
} from './kubeconfig-file.js';

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
  /** TLS material and auth headers of the chosen context (client-node only for exec/auth-provider). */
  kc: KubeAuth;
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
  const kc = readConfig(opts, opts.env ?? process.env);
  if (kc.contexts.length === 0)
    throw new KubeError('NoConfig', `kubeconfig has no contexts — ${NO_CONFIG_HINT}`);
  if (opts.context) {
    const names = kc.contexts.map((c) => c.name);
    if (!names.includes(opts.context)) {
      throw new KubeError(
        'NoConfig',
        `context "${opts.context}" not found in kubeconfig (available: ${names.join(', ')})`,
      );
    }
  }
  const ctx = kc.contexts.find((c) => c.name === (opts.context || kc.currentContext));
  if (!ctx)
    throw new KubeError('NoConfig', `kubeconfig has no current-context — pass --context (${NO_CONFIG_HINT})`);
  const cluster = kc.clusters.find((c) => c.name === ctx.cluster);
  if (!cluster?.server) {
    throw new KubeError('NoConfig', `context "${ctx.name}" names no cluster with a server address`);
  }
  if (cluster.server.startsWith('http:') && !cluster.skipTLSVerify) {
    throw new KubeError(
      'NoConfig',
      `cluster ${cluster.name} uses plain http (${cluster.server}) without insecure-skip-tls-verify: true; ` +
        'client-node refuses that — set it in the kubeconfig',
    );
  }
  return {
    kc: kubeAuth(kc, ctx.name),
    context: ctx.name,
    namespace: opts.namespace || ctx.namespace || 'default',
    server: cluster.server,
    userName: ctx.user || undefined,
    ...(opts.requestTimeoutMs !== undefined ? { requestTimeoutMs: opts.requestTimeoutMs } : {}),
  };
}

/** The kubeconfig in effect: the text, --kubeconfig, the KUBECONFIG list, ~/.kube/config, in-cluster. */
function readConfig(opts: KubeConfigOptions, env: Record<string, string | undefined>): KubeconfigData {
  try {
    if (opts.kubeconfigText !== undefined) {
      if (opts.kubeconfigText.trim() === '')
        throw new KubeError('NoConfig', `the kubeconfig is empty — ${NO_CONFIG_HINT}`);
      return parseKubeconfig(opts.kubeconfigText);
    } else if (opts.kubeconfig) {
      if (!existsSync(opts.kubeconfig)) {
        throw new KubeError('NoConfig', `kubeconfig file ${opts.kubeconfig} does not exist (--kubeconfig)`);
      }
      return loadFile(opts.kubeconfig, '--kubeconfig');
    } else if (env.KUBECONFIG) {
      const files = env.KUBECONFIG.split(process.platform === 'win32' ? ';' : ':').filter(Boolean);
      // kubectl skips the files of the list that do not exist
      const present = files.filter((f) => existsSync(f));
      if (present.length === 0) {
        throw new KubeError(
          'NoConfig',
          `KUBECONFIG names ${files.join(', ')}, which does not exist — ${NO_CONFIG_HINT}`,
        );
      }
      return present.length === 1
        ? loadFile(present[0] as string, 'KUBECONFIG')
        : mergeKubeconfigs(present.map((f) => readKubeconfigFile(f)));
    } else {
      const home = env.HOME ?? homedir();
      const file = join(home, '.kube', 'config');
      if (existsSync(file)) return loadFile(file, 'the default location');
      if (env.KUBERNETES_SERVICE_HOST) return inClusterKubeconfig(env);
      throw new KubeError('NoConfig', NO_CONFIG_HINT);
    }
  } catch (e) {
    if (e instanceof KubeError) throw e;
    throw new KubeError('NoConfig', `cannot read kubeconfig: ${firstLine(e)}`, e);
  }
}

/** An empty file is no config: say it plainly (client-node failed on `undefined.clusters`). */
function loadFile(path: string, from: string): KubeconfigData {
  const text = readFileSync(path, 'utf8');
  if (text.trim() === '') {
    throw new KubeError('NoConfig', `kubeconfig file ${path} (${from}) is empty — ${NO_CONFIG_HINT}`);
  }
  return parseKubeconfig(text, dirname(path));
}

const firstLine = (e: unknown): string => String(e instanceof Error ? e.message : e).split('\n')[0] ?? '';
