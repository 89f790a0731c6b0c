import { describe, expect, it } from 'vitest';
import { painter } from '../lib/color.js';
import { ago, bakingStory, entry, HOUR, MIN, NOW, story } from '../testing/fixtures.js';
import { recoveryNotes, renderRolloutTable, undrivenFootnote } from './get-table.js';
import { renderHistoryTable } from './history-table.js';
import { describeRollout } from './view.js';

const plain = painter(false);

describe('get table', () => {
  it('shows current, pending, gates approved/total, health and age', () => {
    const out = renderRolloutTable([story()], { painter: plain, now: NOW });
    const [head, row] = out.split('\n');
    expect(head).toMatch(/^NAME\s+CURRENT\s+PENDING\s+PHASE\s+GATES\s+HEALTH\s+BAKE\s+DRIVER\s+AGE$/);
    expect(row).toMatch(
      /^my-app\s+v1\.2\.0\s+v1\.3\.0\s+WaitingForGates\s+1\/2\s+1\/2 healthy\s+done\s+this watch\s+3d$/,
    );
  });
  it('shows the remaining bake and, with -A and wide, namespace and driver', () => {
    const out = renderRolloutTable([bakingStory()], {
      painter: plain,
      now: NOW,
      wide: true,
      allNamespaces: true,
    });
    expect(out.split('\n')[0]).toMatch(/^NAMESPACE\s+NAME.*DRIVER\s+AGE\s+MESSAGE$/);
    expect(out).toContain('7m48s');
    expect(out).toContain('this watch');
  });
  it('says who drives, <none> when nobody does, with a note that names the fix', () => {
    const other = story({ driving: false, holder: 'kuberik-controller-7f9c' });
    const none = story({ driving: false });
    expect(renderRolloutTable([other], { painter: plain, now: NOW })).toMatch(
      /kuberik-controller-7f9c\s+3d$/m,
    );
    expect(renderRolloutTable([none], { painter: plain, now: NOW })).toMatch(/<none>\s+3d$/m);
    expect(undrivenFootnote([other])).toBeUndefined();
    expect(undrivenFootnote([other, none])).toBe(
      'Note: nothing drives my-app: run `kubectl kuberik watch my-app` or install the controller; until then its status is not updated.',
    );
    expect(undrivenFootnote([none, none])).toMatch(
      /^Note: nothing drives 2 of these rollouts \(my-app, my-app\)/,
    );
  });
  it('a bakeTime too long for Go shows on its own row; the other rows are still listed (issue 11 point 5)', () => {
    const bad = story();
    bad.rollout = {
      ...bad.rollout,
      metadata: { ...bad.rollout.metadata, name: 'huge' },
      spec: { ...bad.rollout.spec, bakeTime: `${'9'.repeat(400)}h` },
    };
    const lines = renderRolloutTable([bad, bakingStory()], { painter: plain, now: NOW }).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^huge\s.*\sinvalid bakeTime\s+this watch\s+3d$/);
    expect(lines[2]).toMatch(/^my-app\s+v1\.3\.0\s.*7m48s/);
  });
  it('notes recovery mode with the way back, and -o wide says it in MESSAGE', () => {
    const snap = story({
      phase: 'Deploying',
      pending: undefined,
      conditions: [
        {
          type: 'BakeFailureDisabled',
          status: 'True',
          reason: 'PreviousBakeFailed',
          message: 'Previous deployment failed.',
          lastTransitionTime: ago(MIN),
        },
      ],
      history: [
        entry({ id: 14, tag: 'v1.3.1', timestamp: ago(6 * MIN), bakeStatus: 'Deploying' }),
        entry({
          id: 13,
          tag: 'v1.3.0',
          bakeStatus: 'Failed',
          bakeStartTime: ago(20 * MIN),
          bakeEndTime: ago(6 * MIN),
        }),
        entry({ id: 12, tag: 'v1.2.0', bakeStartTime: ago(2 * HOUR), bakeEndTime: ago(2 * HOUR - 15 * MIN) }),
      ],
    });
    expect(recoveryNotes([snap, story()])).toEqual([
      "Note: my-app is in recovery mode: health failures won't fail this deploy; the bake of v1.3.0 failed — to undo it: kubectl kuberik rollback my-app --to v1.2.0",
    ]);
    expect(renderRolloutTable([snap], { painter: plain, now: NOW, wide: true })).toContain(
      "recovery mode: health failures won't fail this deploy",
    );
  });
  it('colours only when asked', () => {
    expect(renderRolloutTable([story()], { painter: painter(true), now: NOW })).toContain(
      '\x1b[33mWaitingForGates',
    );
  });
});

describe('history table', () => {
  it('names who approved the deployed version, from the history entry (approvedBy)', () => {
    const approved = story({
      history: [
        entry({
          id: 13,
          tag: 'v1.3.0',
          triggeredBy: { kind: 'System', name: 'kuberik' },
          message: 'Automatic deployment',
          approvedBy: [
            { gate: 'production-approval', user: 'alice', time: NOW.toISOString(), message: 'QA ok' },
          ],
        }),
      ],
    });
    const out = renderHistoryTable(describeRollout(approved, NOW).history, { painter: plain, now: NOW });
    expect(out.split('\n')[1]).toMatch(/^#13\s+v1\.3\.0\s+.*\sapproved by alice: QA ok$/);
  });

  it('lists id, version, result, start, bake duration, who and the failure', () => {
    const out = renderHistoryTable(describeRollout(story(), NOW).history, { painter: plain, now: NOW });
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/^ID\s+VERSION\s+RESULT\s+STARTED\s+DURATION\s+BY\s+REASON$/);
    expect(lines[1]).toMatch(/^#12\s+v1\.2\.0\s+Succeeded\s+2h ago\s+15m\s+alice\s+-$/);
    expect(lines[2]).toMatch(/^#11\s+v1\.1\.9\s+Failed\s+3d ago\s+-\s+-\s+payments-slo: error rate 4%$/);
  });

  it('keeps the reason a person gave (the -m of a deploy or an approval); -o wide adds MESSAGE', () => {
    const snap = story({
      history: [
        entry({
          id: 14,
          tag: 'v1.3.1',
          message: 'hotfix for the leak',
          triggeredBy: { kind: 'User', name: 'bob' },
        }),
        entry({
          id: 13,
          tag: 'v1.3.0',
          message: 'Automatic deployment',
          triggeredBy: { kind: 'System', name: 'kuberik' },
        }),
        entry({
          id: 12,
          tag: 'v1.2.0',
          message: 'Manual deployment',
          triggeredBy: { kind: 'User', name: 'alice' },
        }),
      ],
    });
    const verdicts = {
      'v1.3.0/production-approval': { verb: 'approved' as const, by: 'alice', reason: 'QA signed off' },
    };
    const view = describeRollout(snap, NOW, verdicts);
    const out = renderHistoryTable(view.history, { painter: plain, now: NOW }).split('\n');
    expect(out[1]).toMatch(/bob\s+hotfix for the leak$/);
    expect(out[2]).toMatch(/system\s+approved by alice: QA signed off$/);
    expect(out[3]).toMatch(/alice\s+-$/);
    const wide = renderHistoryTable(view.history, { painter: plain, now: NOW, wide: true }).split('\n');
    expect(wide[0]).toMatch(/REASON\s+MESSAGE$/);
    expect(wide).not.toEqual(out);
  });
});
