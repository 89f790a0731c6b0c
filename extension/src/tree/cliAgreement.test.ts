// Issue 12 point 4: the CLI and the extension show one bake. Both UIs render core's bake model, so
// for the same rollout they print the same elapsed, total and remaining, and both refuse to draw a
// bar for a bakeTime the controller cannot read (`1d` is no Go duration).
import { createElement } from 'react';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
// The one place a UI reads the other's sources: this test compares what the two print.
/* eslint-disable no-restricted-imports */
import { BakeBar } from '../../../cli/src/ui/BakeBar.js';
import { describeRollout } from '../../../cli/src/format/view.js';
/* eslint-enable no-restricted-imports */
import { childrenOf, rolloutNode } from './children.js';
import { describeNode } from './describe.js';
import { RolloutIndex } from './rolloutIndex.js';
import { entry, snapshot } from '../test-support/fakeCluster.js';

const NOW = new Date('2026-01-01T10:01:00.500Z'); // 60.5 s into the bake

function both(bakeTime: string) {
  const snap = snapshot({
    phase: 'Baking',
    current: 'v2',
    bakeTime,
    holder: 'kuberik-controller',
    history: [
      entry(2, 'v2', {
        bakeStatus: 'InProgress',
        timestamp: '2026-01-01T09:59:00Z',
        bakeStartTime: '2026-01-01T10:00:00Z',
      }),
    ],
  });
  const frame = render(createElement(BakeBar, { bake: describeRollout(snap, NOW).bake, spin: '◐' }));
  const cli = frame.lastFrame() ?? '';
  frame.unmount();
  const state = { index: new RolloutIndex(), namespaces: [], loading: false };
  const bakeNode = childrenOf(rolloutNode(snap), state).find((n) => n.kind === 'bake');
  const view = describeNode(bakeNode!, { now: NOW, permissions: () => ({}) });
  return { cli, tree: `${view.description}\n${view.tooltip}` };
}

describe('one bake in the CLI and the extension', () => {
  it.each([
    // bakeTime, elapsed / total, remaining
    ['90s', '1m / 1m30s', '30s'],
    ['1h30m', '1m / 1h30m', '1h29m'],
  ])('bakeTime %s: both show %s with %s left, and a bar', (bakeTime, progress, left) => {
    const { cli, tree } = both(bakeTime);
    expect(cli).toContain(progress);
    expect(tree).toContain(progress);
    expect(cli).toContain(`remaining ${left}`);
    expect(tree).toContain(`${left} to go`);
    expect(cli).toMatch(/[█░]{20}/);
    expect(tree).toMatch(/\(\d+%\)/);
  });

  it('bakeTime 1d: both say it is invalid, and neither draws a bar or a remaining time', () => {
    const { cli, tree } = both('1d');
    const why = 'bakeTime "1d" is not a duration';
    expect(cli).toContain(why);
    expect(tree).toContain(why);
    expect(cli).toContain('1m baked');
    expect(tree).toContain('Baking 1m');
    expect(cli).not.toMatch(/[█░]|remaining/);
    expect(tree).not.toMatch(/%|to go/);
  });
});
