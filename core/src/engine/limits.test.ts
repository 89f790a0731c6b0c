// Issue 11 point 8: limits enforced where they bite — label keys in selectors, the skipped list,
// Lease names.
import { describe, expect, it } from 'vitest';
import { leaseName, rolloutOfLease } from '../model/index.js';
import { capList } from './history.js';
import { validateLabelSelector } from './selectors.js';
import { decideStable } from './test-support/expect.js';
import { imagePolicy, observed, rollout } from './test-support/fixtures.js';

const at = new Date('2026-11-27T10:00:00Z');

describe('label keys in healthCheckSelector', () => {
  it.each([
    [{ matchLabels: { 'app name': 'x' } }, 'label key "app name" is invalid'],
    [{ matchLabels: { 'Example.com/app': 'x' } }, 'label key "Example.com/app" has an invalid prefix'],
    [{ matchLabels: { app: 'has space' } }, 'label value "has space" of app is invalid'],
    [{ matchExpressions: [{ key: '-app', operator: 'Exists' }] }, 'label key "-app" is invalid'],
  ])('%j is refused', (selector, says) => expect(validateLabelSelector(selector as never)).toContain(says));

  it.each([{ matchLabels: { 'app.kubernetes.io/name': 'web', tier: '' } }, { matchLabels: { a: 'b' } }])(
    '%j is fine',
    (selector) => expect(validateLabelSelector(selector as never)).toBeUndefined(),
  );

  it('an invalid key blocks the rollout with InvalidSpec instead of deploying with no health checks', () => {
    const w = observed({
      rollout: rollout({ healthCheckSelector: { selector: { matchLabels: { 'app name': 'web' } } } }),
      imagePolicy: imagePolicy('v1.0.0'),
    });
    const { plan } = decideStable(w, at);
    expect(plan.patches).toEqual([]);
    expect(plan.status?.phase).toBe('Blocked');
    expect(plan.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'InvalidSpec',
    });
    expect(plan.events).toContainEqual(expect.objectContaining({ type: 'Warning', reason: 'InvalidSpec' }));
  });
});

describe('the skipped-versions list', () => {
  it('names ten and counts the rest', () => {
    const tags = Array.from({ length: 47 }, (_, i) => `v${47 - i}`);
    expect(capList(tags)).toBe('v47, v46, v45, v44, v43, v42, v41, v40, v39, v38 … and 37 more');
    expect(capList(['v2', 'v1'])).toBe('v2, v1');
  });

  it('keeps the history message of a deploy over 500 skipped releases short', () => {
    const releases = Array.from({ length: 501 }, (_, i) => ({ tag: `v1.0.${i}` }));
    const w = observed({
      rollout: rollout({}, { status: { availableReleases: releases } }),
      imagePolicy: imagePolicy('v1.0.500'),
    });
    const { plan } = decideStable(w, at);
    const message = plan.status?.history?.[0]?.message ?? '';
    expect(message).toMatch(/^Automatic deployment, skipped v1\.0\.499, .* … and 490 more$/);
    expect(message.length).toBeLessThan(200);
  });
});

describe('Lease names', () => {
  it('keep the spec name while it fits, and hash longer ones to at most 253 characters', () => {
    expect(leaseName('my-app')).toBe('kuberik-rollout-my-app');
    const a = `${'a'.repeat(245)}-x`;
    const b = `${'a'.repeat(245)}-y`;
    expect(leaseName(a).length).toBeLessThanOrEqual(253);
    expect(leaseName(a)).not.toBe(leaseName(b));
    expect(rolloutOfLease(leaseName(a), () => ['other', b, a])).toBe(a);
    expect(rolloutOfLease('kuberik-rollout-my-app', () => [])).toBe('my-app');
    expect(rolloutOfLease('kuberik-shard-3', () => ['x'])).toBeUndefined();
  });
});
