import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { KubeError } from '../kube/errors.js';
import { createJsonLogger } from './logger.js';

function capture() {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c.toString()));
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('createJsonLogger', () => {
  const now = () => new Date('2026-11-27T12:00:00.000Z');

  it('writes one JSON object per line with timestamp, level, msg and flat fields', () => {
    const out = capture();
    const log = createJsonLogger({ stream: out.stream, now });
    log.info('phase changed', {
      rollout: 'my-app',
      namespace: 'default',
      phase: 'Baking',
      skipped: undefined,
    });
    log.with({ identity: 'pod-a' }).warn('lease lost', { rollout: 'web' });
    expect(out.lines()).toEqual([
      {
        timestamp: '2026-11-27T12:00:00.000Z',
        level: 'info',
        msg: 'phase changed',
        rollout: 'my-app',
        namespace: 'default',
        phase: 'Baking',
      },
      {
        timestamp: '2026-11-27T12:00:00.000Z',
        level: 'warn',
        msg: 'lease lost',
        identity: 'pod-a',
        rollout: 'web',
      },
    ]);
  });

  it('drops lines below the level and keeps error messages and kinds readable', () => {
    const out = capture();
    const log = createJsonLogger({ stream: out.stream, now, level: 'info' });
    log.debug('noise');
    log.error('write failed', { error: new KubeError('Forbidden', 'cannot patch rollouts/status') });
    expect(out.lines()).toEqual([
      {
        timestamp: '2026-11-27T12:00:00.000Z',
        level: 'error',
        msg: 'write failed',
        error: 'cannot patch rollouts/status',
        errorKind: 'Forbidden',
      },
    ]);
  });
});
