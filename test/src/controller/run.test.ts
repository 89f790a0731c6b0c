// runController(): what `kubectl kuberik controller` does as a process — kubeconfig loading, the
// namespace default, signals, exit codes — with signals sent through an EventEmitter.
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createJsonLogger, runController } from '@kuberik/core/controller';
import type { Sandbox } from '@kuberik/core/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/tmp.js';
import {
  KUSTOMIZATION,
  ensureNamespace,
  leaseHolder,
  seedApp,
  substituted,
  waitFor,
} from './support/fixtures.js';
import { sandboxWithCrds } from './support/in-process.js';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString()));
  return {
    logger: createJsonLogger({ stream }),
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

describe('runController', () => {
  it("drives the kubeconfig context's namespace by default and returns 0 after SIGTERM", async () => {
    sandbox = await sandboxWithCrds();
    ensureNamespace(sandbox.store, 'payments');
    seedApp(sandbox.store, { namespace: 'payments', name: 'ledger', tag: 'v7' });
    seedApp(sandbox.store, { namespace: 'default', name: 'ledger', tag: 'v7' });
    const kubeconfig = join(makeTempDir('run-controller'), 'kubeconfig');
    await sandbox.writeKubeconfig(kubeconfig, { namespace: 'payments' });

    const signals = new EventEmitter();
    const log = capture();
    const exit = runController({
      kubeconfig,
      identity: 'laptop-controller',
      metricsAddr: '127.0.0.1:0',
      healthAddr: '127.0.0.1:0',
      logger: log.logger,
      signals,
    });
    const store = sandbox.store;
    await waitFor(
      'payments/ledger deployed',
      () =>
        substituted(store.get(KUSTOMIZATION.apiVersion, KUSTOMIZATION.kind, 'ledger', 'payments')) === 'v7',
    );
    expect(leaseHolder(store, 'payments', 'ledger')).toBe('laptop-controller');
    signals.emit('SIGTERM');
    expect(await exit).toBe(0);
    expect(signals.listenerCount('SIGTERM') + signals.listenerCount('SIGINT')).toBe(0);
    expect(leaseHolder(store, 'payments', 'ledger')).toBeUndefined();
    expect(
      substituted(store.get(KUSTOMIZATION.apiVersion, KUSTOMIZATION.kind, 'ledger', 'default')),
    ).toBeUndefined();
    expect(log.lines()).toContainEqual(
      expect.objectContaining({ msg: 'controller starting', namespace: 'payments' }),
    );
    expect(log.lines()).toContainEqual(
      expect.objectContaining({ msg: 'signal received, shutting down', signal: 'SIGTERM' }),
    );
  });

  it('returns 1 with one clear log line for a missing kubeconfig, a bad address, or a taken port', async () => {
    const missing = capture();
    expect(
      await runController({
        kubeconfig: '/nonexistent/kubeconfig',
        allNamespaces: true,
        logger: missing.logger,
      }),
    ).toBe(1);
    expect(missing.lines()).toEqual([
      expect.objectContaining({
        level: 'error',
        msg: 'kubeconfig file /nonexistent/kubeconfig does not exist (--kubeconfig)',
        errorKind: 'NoConfig',
      }),
    ]);

    sandbox = await sandboxWithCrds();
    const kubeconfig = join(makeTempDir('run-controller'), 'kubeconfig');
    await sandbox.writeKubeconfig(kubeconfig);
    const bad = capture();
    expect(
      await runController({ kubeconfig, allNamespaces: true, metricsAddr: 'localhost', logger: bad.logger }),
    ).toBe(1);
    expect(bad.lines().at(-1)).toEqual(
      expect.objectContaining({
        level: 'error',
        msg: expect.stringMatching(/invalid metrics address "localhost"/),
      }),
    );

    const shards = capture();
    expect(await runController({ kubeconfig, allNamespaces: true, shards: 0, logger: shards.logger })).toBe(
      1,
    );
    expect(shards.lines().at(-1)).toEqual(
      expect.objectContaining({
        level: 'error',
        msg: '--shards must be a whole number from 1 to 40 (got 0)',
      }),
    );

    const port = new URL(sandbox.url).port;
    const taken = capture();
    expect(
      await runController({
        kubeconfig,
        allNamespaces: true,
        metricsAddr: `127.0.0.1:${port}`,
        healthAddr: '127.0.0.1:0',
        logger: taken.logger,
        signals: new EventEmitter(),
      }),
    ).toBe(1);
    expect(taken.lines()).toContainEqual(
      expect.objectContaining({ level: 'error', msg: expect.stringMatching(/cannot start: .*EADDRINUSE/) }),
    );
  });
});
