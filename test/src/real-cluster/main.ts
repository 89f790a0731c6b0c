// `npm run cluster:real -- --kubeconfig-out FILE [--port N] [--simulate-flux]`: the sandbox's command,
// with a real kube-apiserver and etcd behind it (built once and cached; docs/real-cluster.md).
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createKube } from '@kuberik/core/kube';
import { startFluxSimulatorOverApi, type FluxSimulator } from '@kuberik/core/sandbox';
import { startRealCluster } from './cluster.js';

const USAGE = 'usage: npm run cluster:real -- --kubeconfig-out FILE [--port N] [--simulate-flux]';

export async function main(argv: string[]): Promise<void> {
  let values: { 'kubeconfig-out'?: string; port?: string; 'simulate-flux'?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'kubeconfig-out': { type: 'string' },
        port: { type: 'string' },
        'simulate-flux': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be a port number, got ${values.port}\n`);
    process.exitCode = 2;
    return;
  }
  const started = Date.now();
  // Signals during start-up wait for it, then stop what was started.
  let stopRequested = false;
  let shutdown: () => void = () => (stopRequested = true);
  const onSignal = (): void => shutdown();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const cluster = await startRealCluster({ ...(port ? { port } : {}) });
  let sim: FluxSimulator | undefined;
  let kube: ReturnType<typeof createKube> | undefined;
  if (values['simulate-flux']) {
    kube = createKube({ kubeconfigText: cluster.kubeconfig() });
    sim = await startFluxSimulatorOverApi(kube);
  }
  if (values['kubeconfig-out']) await cluster.writeKubeconfig(values['kubeconfig-out']);
  let stopping = false;
  shutdown = () => {
    if (stopping) return;
    stopping = true;
    void (async () => {
      await sim?.stop();
      kube?.close();
      await cluster.close();
      process.exit(0);
    })();
  };
  if (stopRequested) {
    shutdown();
    return;
  }
  const v = cluster.versions;
  process.stderr.write(
    `kube-apiserver ${v.kubernetes ?? '?'}, etcd ${v.etcd ?? '?'}; up in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  process.stdout.write(`cluster ready ${cluster.url}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`cluster:real: ${(e as Error).message}\n`);
    process.exit(1);
  });
}
