// rollout.kuberik.com/bypass-gates: <tag> (spec §10.4, §10.10): when it takes effect, when it was
// already used, and the refusal a user reads otherwise.
import { describe, expect, it } from 'vitest';
import type { DeploymentHistoryEntry } from '../model/index.js';
import { bypassSummaries, readBypass, type BypassContext } from './bypass.js';

const KEY = 'rollout.kuberik.com/bypass-gates';
const h0 = (tag: string, message: string): DeploymentHistoryEntry => ({
  id: 3,
  version: { tag },
  timestamp: '2026-12-03T10:00:00Z',
  message,
});
const ctx = (tag: string | undefined, x: Partial<BypassContext> = {}): BypassContext => ({
  annotations: tag === undefined ? {} : { [KEY]: tag },
  specProblems: [],
  candidates: [{ tag: 'v5' }, { tag: 'v4' }, { tag: 'v3' }],
  ...x,
});
const tail = `; set ${KEY} to a candidate, or use a manual deploy`;

describe('readBypass', () => {
  it('is none without the annotation and active for a candidate', () => {
    expect(readBypass(ctx(undefined))).toEqual({ state: 'none' });
    expect(readBypass(ctx('v4'))).toEqual({ state: 'active', tag: 'v4' });
  });

  it('is consumed once history[0] records the bypassed deploy of that tag', () => {
    expect(readBypass(ctx('v4', { history0: h0('v4', 'Automatic deployment, with gate bypass') }))).toEqual({
      state: 'consumed',
    });
    expect(readBypass(ctx('v4', { history0: h0('v4', 'Automatic deployment') }))).toEqual({
      state: 'active',
      tag: 'v4',
    });
    expect(readBypass(ctx('v4', { history0: h0('v3', 'Automatic deployment, with gate bypass') }))).toEqual({
      state: 'active',
      tag: 'v4',
    });
    expect(
      readBypass(ctx('v4', { history0: { ...h0('v4', ''), message: undefined } as DeploymentHistoryEntry })),
    ).toEqual({
      state: 'active',
      tag: 'v4',
    });
  });

  it('refuses with the reason, in order: invalid spec, pin, standing force-deploy', () => {
    expect(readBypass(ctx('v4', { specProblems: ['a', 'b'], pin: 'v1', forcing: 'v2' }))).toEqual({
      state: 'refused',
      tag: 'v4',
      message:
        'Gate bypass for v4 refused: the spec is invalid (a; b); fix it, then request the bypass again',
    });
    expect(readBypass(ctx('v4', { pin: 'v1', forcing: 'v2' }))).toEqual({
      state: 'refused',
      tag: 'v4',
      message:
        'Gate bypass for v4 refused: the rollout is pinned to v1 by spec.wantedVersion; unpin it first',
    });
    expect(readBypass(ctx('', { forcing: 'v2' }))).toEqual({
      state: 'refused',
      tag: '',
      message:
        'Gate bypass for "" refused: a force-deploy of v2 stands and goes first; request the bypass again after it',
    });
  });

  it('says why a tag cannot be bypassed, listing at most five candidates', () => {
    const many = ['v9', 'v8', 'v7', 'v6', 'v5', 'v4'].map((tag) => ({ tag }));
    expect(readBypass(ctx('v1', { candidates: many }))).toEqual({
      state: 'refused',
      tag: 'v1',
      message: `Gate bypass for v1 refused: v1 is not a release candidate (candidates: v9, v8, v7, v6, v5)${tail}`,
    });
    expect(readBypass(ctx('v2', { candidates: [], history0: h0('v2', 'Automatic deployment') }))).toEqual({
      state: 'refused',
      tag: 'v2',
      message: `Gate bypass for v2 refused: v2 is already deployed (there are no candidates)${tail}`,
    });
    expect(readBypass(ctx(''))).toEqual({
      state: 'refused',
      tag: '',
      message: `Gate bypass for "" refused: it names no version (candidates: v5, v4, v3)${tail}`,
    });
    expect(readBypass(ctx('', { history0: h0('', 'with gate bypass') })).state).toBe('refused');
  });
});

describe('bypassSummaries', () => {
  it('shows every gate as approved by the bypass', () => {
    expect(
      bypassSummaries([{ name: 'qa', kind: 'RolloutGate', decision: 'Pending', message: 'Waiting' }], 'v4'),
    ).toEqual([
      {
        name: 'qa',
        kind: 'RolloutGate',
        decision: 'Approved',
        message: 'Gate bypassed for version v4',
        bypassGates: true,
      },
    ]);
  });
});
