// The bare API server as a process, for tests and benchmarks that want one line (`sandbox ready URL`)
// and no controller. Users run `npm run sandbox` / `kubectl kuberik sandbox` (cli/src/commands/sandbox.ts).
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { allCrds } from '../model/crds.js';
import { fluxSimulatorPlugin } from './flux/index.js';
import { startSandbox } from './sandbox.js';
import type { Sandbox } from './types.js';

/** Extra behaviour started with the sandbox (e.g. a Flux simulator); returns a stop function. */
export type SandboxPlugin = (sandbox: Sandbox) => Promise<(() => Promise<void> | void) | void>;

const USAGE =
  'usage: node --import tsx core/src/sandbox/main.ts --kubeconfig-out FILE [--port N] [--data FILE] [--simulate-flux]';

export async function main(argv: string[], plugins: SandboxPlugin[] = []): Promise<void> {
  let values: {
    'kubeconfig-out'?: string;
    port?: string;
    data?: string;
    'simulate-flux'?: boolean;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        'kubeconfig-out': { type: 'string' },
        port: { type: 'string' },
        data: { type: 'string' },
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
  const sandbox = await startSandbox({
    port,
    crds: allCrds() as object[],
    ...(values.data ? { dataFile: values.data } : {}),
  });
  const stops: Array<() => Promise<void> | void> = [];
  const active = values['simulate-flux'] ? [...plugins, fluxSimulatorPlugin()] : plugins;
  for (const plugin of active) {
    const stop = await plugin(sandbox);
    if (stop) stops.push(stop);
  }
  if (values['kubeconfig-out']) await sandbox.writeKubeconfig(values['kubeconfig-out']);
  process.stdout.write(`sandbox ready ${sandbox.url}\n`);
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    void (async () => {
      for (const stop of stops.reverse()) await stop();
      await sandbox.close();
      process.exit(0);
    })();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`sandbox: ${(e as Error).message}\n`);
    process.exit(1);
  });
}
