import { expect, it } from 'vitest';
import { snapshot } from '../test-support/fakeCluster.js';
import { childrenOf, type TreeState } from './children.js';
import { RolloutIndex } from './rolloutIndex.js';

const state = (over: Partial<TreeState> = {}): TreeState => ({
  index: new RolloutIndex(),
  namespaces: [],
  loading: false,
  context: 'kind-dev',
  ...over,
});

it('builds context › namespace › rollout, sorted', () => {
  const s = state();
  for (const [ns, name] of [
    ['team-b', 'web'],
    ['team-a', 'zeta'],
    ['team-a', 'alpha'],
  ] as const) {
    s.index.put(snapshot({ namespace: ns, name }));
  }
  const [ctx] = childrenOf(undefined, s);
  expect(ctx).toMatchObject({ kind: 'context', context: 'kind-dev' });
  const namespaces = childrenOf(ctx, s);
  expect(namespaces.map((n) => (n.kind === 'namespace' ? `${n.namespace}:${n.rollouts}` : n.kind))).toEqual([
    'team-a:2',
    'team-b:1',
  ]);
  expect(childrenOf(namespaces[0], s).map((n) => n.kind === 'rollout' && n.key.name)).toEqual([
    'alpha',
    'zeta',
  ]);
});

it('says why the tree is empty', () => {
  const [ctx] = childrenOf(undefined, state({ namespaces: ['team-x'] }));
  expect(childrenOf(ctx, state({ namespaces: ['team-x'] }))).toEqual([
    { kind: 'message', id: 'empty', text: 'No rollouts in namespace team-x', severity: 'info' },
  ]);
});

it('says it is connecting until the kubeconfig is loaded', () => {
  expect(childrenOf(undefined, state({ context: undefined, loading: true }))).toMatchObject([
    { kind: 'message', text: 'Connecting to the cluster…' },
  ]);
});

it('shows a connection error as a row, and nothing at all without a kubeconfig (the welcome view shows)', () => {
  const unreachable = state({ context: undefined, error: { text: 'cannot reach https://10.0.0.1:6443' } });
  expect(childrenOf(undefined, unreachable)).toMatchObject([
    { kind: 'message', severity: 'error', text: 'cannot reach https://10.0.0.1:6443' },
  ]);
  expect(
    childrenOf(undefined, state({ context: undefined, error: { text: 'no kubeconfig', noConfig: true } })),
  ).toEqual([]);
});

it('index reports in-place changes as rollout changes, arrivals as namespace changes', () => {
  const index = new RolloutIndex();
  expect(index.put(snapshot({ name: 'a' }))).toEqual({
    type: 'namespace',
    namespace: 'team-a',
    namespaceAddedOrRemoved: true,
  });
  expect(index.put(snapshot({ name: 'b' }))).toEqual({
    type: 'namespace',
    namespace: 'team-a',
    namespaceAddedOrRemoved: false,
  });
  expect(index.put(snapshot({ name: 'a', phase: 'Baking' }))).toEqual({
    type: 'rollout',
    key: { namespace: 'team-a', name: 'a' },
  });
  expect(index.remove({ namespace: 'team-a', name: 'a' })).toMatchObject({ namespaceAddedOrRemoved: false });
  expect(index.remove({ namespace: 'team-a', name: 'b' })).toMatchObject({ namespaceAddedOrRemoved: true });
  expect(index.remove({ namespace: 'team-a', name: 'b' })).toBeUndefined();
  expect(index.namespaces()).toEqual([]);
});
