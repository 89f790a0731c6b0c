// Reading the rollout spec (spec §6): what counts as configured, and one InvalidSpec line per
// problem naming the field and its value.
import { describe, expect, it } from 'vitest';
import type { RolloutSpec } from '../model/index.js';
import { DEFAULT_HISTORY_LIMIT, readSettings } from './spec.js';
import { rollout } from './test-support/fixtures.js';

const read = (spec: Partial<RolloutSpec> | Record<string, unknown>) =>
  readSettings(rollout(spec as Partial<RolloutSpec>));
const notDuration = (field: string, v: string) =>
  `${field} "${v}" is not a duration; use the Go form, e.g. 90s, 5m, 1h30m`;

describe('readSettings', () => {
  it('defaults: no bake, ten history entries, nothing wrong', () => {
    expect(read({})).toEqual({ historyLimit: DEFAULT_HISTORY_LIMIT, bakeConfigured: false, problems: [] });
    expect(DEFAULT_HISTORY_LIMIT).toBe(10);
  });

  it('reads durations, the history limit and the pin', () => {
    expect(
      read({ bakeTime: '10m', deployTimeout: '0', versionHistoryLimit: 1, wantedVersion: 'v1.2' }),
    ).toEqual({
      bakeTimeMs: 600_000,
      deployTimeoutMs: 0,
      historyLimit: 1,
      bakeConfigured: true,
      wantedVersion: 'v1.2',
      problems: [],
    });
  });

  it('counts a deploy timeout or a health-check selector alone as a configured bake, and null as absent', () => {
    expect(read({ deployTimeout: '5m' }).bakeConfigured).toBe(true);
    expect(read({ healthCheckSelector: {} }).bakeConfigured).toBe(true);
    expect(
      read({ bakeTime: null, deployTimeout: null, versionHistoryLimit: null, wantedVersion: '' }),
    ).toEqual({
      historyLimit: 10,
      bakeConfigured: false,
      problems: [],
    });
  });

  it('names every bad field with its value', () => {
    const r = rollout({
      bakeTime: '-5m',
      deployTimeout: 300 as unknown as string,
      versionHistoryLimit: 0,
      wantedVersion: 'not a tag',
      healthCheckSelector: {
        selector: { matchLabels: { 'a b': 'x' } },
        namespaceSelector: { matchExpressions: [{ key: 'env', operator: 'In' }] },
      },
    });
    r.spec.releasesImagePolicy = { name: '' };
    const s = readSettings(r);
    expect(s.problems).toEqual([
      'spec.releasesImagePolicy.name is empty; name the Flux ImagePolicy to follow',
      notDuration('spec.bakeTime', '-5m'),
      notDuration('spec.deployTimeout', '300'),
      'spec.versionHistoryLimit "0" must be a whole number ≥ 1',
      expect.stringMatching(
        /^spec\.healthCheckSelector\.selector is invalid: matchLabels: label key "a b" is invalid/,
      ),
      'spec.healthCheckSelector.namespaceSelector is invalid: matchExpressions[0] (env In) needs at least one value',
      'spec.wantedVersion "not a tag" is not a valid image tag',
    ]);
    expect(s).not.toHaveProperty('bakeTimeMs');
    expect(s).not.toHaveProperty('deployTimeoutMs');
    expect(s).not.toHaveProperty('wantedVersion');
    expect(s.historyLimit).toBe(10);
    expect(read({ versionHistoryLimit: 2.5 }).problems).toEqual([
      'spec.versionHistoryLimit "2.5" must be a whole number ≥ 1',
    ]);
  });

  it('survives a rollout without spec', () => {
    const r = rollout();
    delete (r as { spec?: unknown }).spec;
    expect(readSettings(r).problems).toEqual([
      'spec.releasesImagePolicy.name is empty; name the Flux ImagePolicy to follow',
    ]);
  });
});
