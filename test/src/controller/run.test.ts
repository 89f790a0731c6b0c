// runController(): what `kubectl kuberik controller` does as a process — kubeconfig loading, the
// namespace default, signals, exit codes — with signals sent through an EventEmitter.
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createJsonLogger, runController } from '@kuberik/core/controller';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/tmp.js';
import { type ControllerCluster, controllerCluster, eventually } from './support/cluster.js';

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

let c: ControllerCluster | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

describe('runController', () => {
  it("drives the kubeconfig context's namespace by default and returns 0 after SIGTERM", async () => {
    const cc = (c = await controllerCluster(['payments', 'default']));
    const [payments, other] = [cc.ns('payments'), cc.ns('default')];
    await cc.seedApp({ namespace: payments, name: 'ledger', tag: 'v7' });
    await cc.seedApp({ namespace: other, name: 'ledger', tag: 'v7' });
    const kubeconfig = join(makeTempDir('run-controller'), 'kubeconfig');
    await cc.cluster.writeKubeconfig(kubeconfig, { namespace: payments });

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
    await eventually(
      'payments/ledger deployed',
      async () => (await cc.deployed(payments, 'ledger')) === 'v7',
    );
    expect(await cc.leaseHolder(payments, 'ledger')).toBe('laptop-controller');
    signals.emit('SIGTERM');
    expect(await exit).toBe(0);
    expect(signals.listenerCount('SIGTERM') + signals.listenerCount('SIGINT')).toBe(0);
    expect(await cc.leaseHolder(payments, 'ledger')).toBeUndefined();
    expect(await cc.deployed(other, 'ledger')).toBeUndefined();
    expect(log.lines()).toContainEqual(
      expect.objectContaining({ msg: 'controller starting', namespace: payments }),
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

    // The scope is the kubeconfig's namespace (not -A: on the shared real server a controller of
    // every namespace that got as far as starting would drive other files' rollouts).
    const cc = (c = await controllerCluster(['ops']));
    const kubeconfig = join(makeTempDir('run-controller'), 'kubeconfig');
    await cc.cluster.writeKubeconfig(kubeconfig);
    const bad = capture();
    expect(await runController({ kubeconfig, metricsAddr: 'localhost', logger: bad.logger })).toBe(1);
    expect(bad.lines().at(-1)).toEqual(
      expect.objectContaining({
        level: 'error',
        msg: expect.stringMatching(/invalid metrics address "localhost"/),
      }),
    );

    const shards = capture();
    expect(await runController({ kubeconfig, shards: 0, logger: shards.logger })).toBe(1);
    expect(shards.lines().at(-1)).toEqual(
      expect.objectContaining({
        level: 'error',
        msg: '--shards must be a whole number from 1 to 40 (got 0)',
      }),
    );

    const port = new URL(cc.cluster.url).port; // the API server's: taken
    const taken = capture();
    expect(
      await runController({
        kubeconfig,
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
