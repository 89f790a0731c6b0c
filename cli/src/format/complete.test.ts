import { describe, expect, it } from 'vitest';
import { cobraOutput, completionNeed, type CommandSpec } from './complete.js';

const commands: CommandSpec[] = [
  {
    id: 'get',
    aliases: ['list'],
    flags: { output: { char: 'o', type: 'option', options: ['table', 'json'] } },
    args: ['rollout'],
  },
  {
    id: 'approve',
    aliases: [],
    flags: { gate: { type: 'option' }, yes: { char: 'y', type: 'boolean' } },
    args: ['rollout', 'version'],
  },
  { id: '__complete', aliases: [], hidden: true, flags: {}, args: [] },
];

describe('completion', () => {
  it('offers commands first, without hidden ones', () => {
    expect(completionNeed([], 'ap', commands)).toEqual({ kind: 'words', words: ['approve', 'get', 'list'] });
    expect(cobraOutput(['approve', 'get', 'list'], 'ap')).toBe('approve\n:4');
  });
  it('offers rollout names, then versions of that rollout', () => {
    expect(completionNeed(['approve'], '', commands)).toEqual({ kind: 'rollouts' });
    expect(completionNeed(['approve', '-n', 'prod', 'my-app'], 'v1', commands)).toEqual({
      kind: 'versions',
      rollout: 'my-app',
    });
    expect(completionNeed(['list'], 'my', commands)).toEqual({ kind: 'rollouts' });
  });
  it('completes flag values and flag names', () => {
    expect(completionNeed(['get', '-o'], '', commands)).toEqual({ kind: 'words', words: ['table', 'json'] });
    expect(completionNeed(['get', '-n'], '', commands)).toEqual({ kind: 'namespaces' });
    expect(completionNeed(['get', '--context'], '', commands)).toEqual({ kind: 'contexts' });
    const flags = completionNeed(['approve'], '--', commands);
    expect(flags.kind === 'words' && flags.words).toEqual([
      '--context',
      '--gate',
      '--kubeconfig',
      '--namespace',
      '--yes',
    ]);
  });
});
