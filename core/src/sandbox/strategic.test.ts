// Strategic merge patch directives as kubectl's client-side apply computes them for a Deployment.
import { describe, expect, it } from 'vitest';
import { strategicMergePatch } from './patch/strategic.js';

const pod = {
  containers: [
    {
      name: 'app',
      image: 'app:1',
      env: [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ],
    },
    { name: 'sidecar', image: 'proxy:1' },
  ],
  volumes: [{ name: 'cache', emptyDir: {} }],
};

describe('strategic merge patch', () => {
  it('merges object lists by their merge key and keeps what the patch does not mention', () => {
    const out = strategicMergePatch(pod, {
      containers: [{ name: 'app', image: 'app:2', env: [{ name: 'C', value: '3' }] }],
    });
    expect(out).toEqual({
      ...pod,
      containers: [
        {
          name: 'app',
          image: 'app:2',
          env: [
            { name: 'A', value: '1' },
            { name: 'B', value: '2' },
            { name: 'C', value: '3' },
          ],
        },
        { name: 'sidecar', image: 'proxy:1' },
      ],
    });
  });

  it('honours $patch: delete, $setElementOrder, $retainKeys and $deleteFromPrimitiveList', () => {
    const out = strategicMergePatch(
      { ...pod, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } }, args: ['-a', '-b'] },
      {
        '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'new' }],
        containers: [
          { name: 'app', $patch: 'delete' },
          { name: 'new', image: 'new:1' },
        ],
        strategy: { $retainKeys: ['type'], type: 'Recreate' },
        '$deleteFromPrimitiveList/args': ['-a'],
        volumes: null,
      },
    );
    expect(out).toEqual({
      containers: [
        { name: 'sidecar', image: 'proxy:1' },
        { name: 'new', image: 'new:1' },
      ],
      strategy: { type: 'Recreate' },
      args: ['-b'],
    });
  });

  it('replaces a list or map marked $patch: replace, and lists without a merge key', () => {
    expect(
      strategicMergePatch(pod, { containers: [{ $patch: 'replace' }, { name: 'only', image: 'x' }] }),
    ).toMatchObject({ containers: [{ name: 'only', image: 'x' }] });
    expect(
      strategicMergePatch({ data: { a: '1', b: '2' } }, { data: { $patch: 'replace', c: '3' } }),
    ).toEqual({
      data: { c: '3' },
    });
    expect(strategicMergePatch({ args: ['-a'] }, { args: ['-b'] })).toEqual({ args: ['-b'] });
  });
});
